// A page rendered once, with holes for what changes per request. Most of a
// page is the same for every visitor in a language (the layout, the form,
// the labels); ctemplate spends most of a request building a dictionary
// for it and expanding it again. A skeleton is made from the template
// itself: rendered once with a marker in each hole, which splits the page
// into constant pieces, and then once per probe value per hole, which
// shows how ctemplate's auto-escaping treats that hole where it stands (an
// attribute, text, a URL). A request then writes the pieces and escapes
// only the holes' values, with ctemplate's own escaping functions, so the
// bytes are those the template would give (tests/unit/test_skeleton.cpp
// compares the two for hostile values).
#pragma once

#include <ctemplate/template_modifiers.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ktk::view {

class Skeleton {
public:
    // Renders the page through ctemplate with one value per hole (in the
    // order of the hole names given to compile()).
    using Render = std::function<std::string(const std::vector<std::string>& values)>;

    // `raw[i]` marks a hole whose value goes in as it is (HTML that was
    // rendered and escaped already, through a {{VAR:none}}). Throws
    // std::runtime_error when the page cannot be split: a marker that is
    // not found where the probes expect it, or a hole whose escaping
    // matches none of ctemplate's escaping functions (the caller then
    // renders through ctemplate).
    static Skeleton compile(const Render& render, std::size_t holes, const std::vector<bool>& raw = {});
    Skeleton() = default;

    // Appends the page with values[i] in hole i; `values` has one value
    // per hole.
    void fill(std::string& out, const std::string_view* values) const;
    std::size_t size() const { return size_; }

private:
    struct Part {
        std::string text;  // written as it is
        int hole = -1;     // then this hole's value, if >= 0
        const ctemplate::TemplateModifier* escape = nullptr;  // nullptr: the value as it is
        std::string arg;
    };
    std::vector<Part> parts_;
    std::size_t size_ = 0;  // the constant bytes
};

}  // namespace ktk::view
