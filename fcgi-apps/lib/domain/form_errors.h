// The outcome of validating a form: for each field with a problem, the
// message key of the first problem found (translated by the page, never
// shown raw), and a value the message names where it has a "{}" (such as
// the county a tax number must belong to; escaped like any value). Empty
// means every field is valid. Values, not exceptions.
#pragma once

#include <map>
#include <string>

namespace ktk::domain {

class FormErrors {
public:
    // Keeps the first problem of a field: later ones add nothing.
    void add(const std::string& field, std::string messageKey, std::string detail = {}) {
        if (!errors_.emplace(field, std::move(messageKey)).second || detail.empty()) return;
        details_.emplace(field, std::move(detail));
    }
    bool empty() const { return errors_.empty(); }
    bool has(const std::string& field) const { return errors_.count(field) != 0; }
    // The message key for `field`, or nullptr.
    const std::string* find(const std::string& field) const {
        auto it = errors_.find(field);
        return it == errors_.end() ? nullptr : &it->second;
    }
    const std::map<std::string, std::string>& all() const { return errors_; }
    // The value for the message's "{}", or nullptr.
    const std::string* detail(const std::string& field) const {
        auto it = details_.find(field);
        return it == details_.end() ? nullptr : &it->second;
    }

private:
    std::map<std::string, std::string> errors_;
    std::map<std::string, std::string> details_;
};

}  // namespace ktk::domain
