#include "view/skeleton.h"

#include <ctemplate/template_emitter.h>

#include <stdexcept>

namespace ktk::view {

namespace {

// Letters and digits only: no escaping function changes them, so a
// marker comes out of every hole as it went in.
constexpr std::string_view kMarkerHead = "Kx9SkeletonHole";
constexpr std::string_view kMarkerTail = "Qz";

std::string marker(std::size_t hole) {
    return std::string(kMarkerHead) + std::to_string(hole) + std::string(kMarkerTail);
}

// What tells ctemplate's escaping functions apart: markup, quotes,
// whitespace, URLs with and without a safe scheme, numbers, bytes that
// are not UTF-8, nothing at all.
const std::vector<std::string>& probes() {
    static const std::vector<std::string> values = {
        "<a href=\"x\" class='y'>&amp; \\ / = ` %41+?#:;{}()[]*,.!</a>",
        "\t\n\r\v\f lead and trail  ",
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "http://example.org/a b?c=d&e=\"f\"#g",
        "//evil.example/path",
        "mailto:a@example.org",
        "123",
        "-1.5e3",
        "",
        "\xc3\xa9\xe2\x82\xac \xff\xfe \xc3 \x01\x1f\x7f",
        "expression(alert(1)); background:url(x)",
    };
    return values;
}

struct Candidate {
    const ctemplate::TemplateModifier* modifier;
    const char* arg;
};

// Every escaping function ctemplate's auto-escape mode chooses from, the
// most common first.
const std::vector<Candidate>& candidates() {
    static const std::vector<Candidate> list = {
        {&ctemplate::html_escape, ""},
        {&ctemplate::validate_url_and_html_escape, ""},
        {&ctemplate::url_query_escape, ""},
        {&ctemplate::cleanse_attribute, ""},
        {&ctemplate::javascript_escape, ""},
        {&ctemplate::validate_url_and_javascript_escape, ""},
        {&ctemplate::javascript_number, ""},
        {&ctemplate::cleanse_css, ""},
        {&ctemplate::validate_url_and_css_escape, ""},
        {&ctemplate::validate_img_src_url_and_html_escape, ""},
        {&ctemplate::validate_img_src_url_and_javascript_escape, ""},
        {&ctemplate::validate_img_src_url_and_css_escape, ""},
        {&ctemplate::pre_escape, ""},
        {&ctemplate::snippet_escape, ""},
        {&ctemplate::xml_escape, ""},
        {&ctemplate::json_escape, ""},
    };
    return list;
}

std::string apply(const Candidate& c, const std::string& value) {
    std::string out;
    ctemplate::StringEmitter emitter(&out);
    c.modifier->Modify(value.data(), value.size(), nullptr, &emitter, c.arg);
    return out;
}

struct Split {
    std::vector<std::string> pieces;  // one more than holes
    std::vector<std::size_t> holes;   // the hole at each place between pieces
};

Split split(const std::string& page, std::size_t holeCount) {
    Split s;
    std::size_t pos = 0;
    for (;;) {
        std::size_t at = page.find(kMarkerHead, pos);
        if (at == std::string::npos) break;
        std::size_t digits = at + kMarkerHead.size(), end = digits;
        while (end < page.size() && page[end] >= '0' && page[end] <= '9') ++end;
        if (end == digits || page.compare(end, kMarkerTail.size(), kMarkerTail) != 0)
            throw std::runtime_error("skeleton: a marker came out changed");
        const std::size_t hole = std::stoul(page.substr(digits, end - digits));
        if (hole >= holeCount) throw std::runtime_error("skeleton: an unknown marker");
        s.pieces.push_back(page.substr(pos, at - pos));
        s.holes.push_back(hole);
        pos = end + kMarkerTail.size();
    }
    s.pieces.push_back(page.substr(pos));
    return s;
}

// What hole `probed` became at each of its places in `page`, a rendering
// whose other holes hold their markers.
std::vector<std::string> probedValues(const Split& s, const std::string& page, std::size_t probed) {
    std::vector<std::string> found;
    std::size_t pos = 0;
    auto expect = [&](const std::string& text) {
        if (page.compare(pos, text.size(), text) != 0)
            throw std::runtime_error("skeleton: the page changed shape at byte " + std::to_string(pos));
        pos += text.size();
    };
    for (std::size_t k = 0; k < s.holes.size(); ++k) {
        expect(s.pieces[k]);
        if (s.holes[k] != probed) {
            expect(marker(s.holes[k]));
            continue;
        }
        // The hole's text ends where the next constant text begins.
        std::string next = s.pieces[k + 1];
        const bool last = k + 1 == s.holes.size();
        if (!last && s.holes[k + 1] != probed) next += marker(s.holes[k + 1]);
        std::size_t end;
        if (last) {
            if (page.size() < pos + next.size()) throw std::runtime_error("skeleton: the page changed shape");
            end = page.size() - next.size();
        } else {
            if (next.empty()) throw std::runtime_error("skeleton: a hole right after itself");
            end = page.find(next, pos);
            if (end == std::string::npos) throw std::runtime_error("skeleton: the page changed shape");
        }
        found.push_back(page.substr(pos, end - pos));
        pos = end;
    }
    expect(s.pieces.back());
    if (pos != page.size()) throw std::runtime_error("skeleton: the page changed shape");
    return found;
}

}  // namespace

Skeleton Skeleton::compile(const Render& render, std::size_t holes, const std::vector<bool>& raw) {
    std::vector<std::string> markers;
    for (std::size_t i = 0; i < holes; ++i) markers.push_back(marker(i));
    const Split s = split(render(markers), holes);

    // For each place, the candidates that gave every probe's text there.
    std::vector<std::vector<const Candidate*>> fits(s.holes.size());
    for (std::size_t k = 0; k < s.holes.size(); ++k)
        for (const Candidate& c : candidates()) fits[k].push_back(&c);
    for (std::size_t hole = 0; hole < holes; ++hole) {
        const bool asItIs = hole < raw.size() && raw[hole];
        for (const std::string& probe : probes()) {
            std::vector<std::string> values = markers;
            values[hole] = probe;
            const std::vector<std::string> seen = probedValues(s, render(values), hole);
            std::size_t n = 0;
            for (std::size_t k = 0; k < s.holes.size(); ++k) {
                if (s.holes[k] != hole) continue;
                // A hole said to take HTML as it is must be one the
                // template does not escape ({{NAME:none}}).
                if (asItIs) {
                    if (seen[n++] != probe) throw std::runtime_error("skeleton: a hole given as HTML is escaped");
                    continue;
                }
                auto& f = fits[k];
                std::vector<const Candidate*> kept;
                for (const Candidate* c : f)
                    if (apply(*c, probe) == seen[n]) kept.push_back(c);
                f.swap(kept);
                ++n;
            }
        }
    }

    Skeleton sk;
    for (std::size_t k = 0; k < s.holes.size(); ++k) {
        Part part;
        part.text = s.pieces[k];
        part.hole = static_cast<int>(s.holes[k]);
        if (!(s.holes[k] < raw.size() && raw[s.holes[k]])) {
            if (fits[k].empty()) throw std::runtime_error("skeleton: a hole escaped in an unknown way");
            part.escape = fits[k].front()->modifier;
            part.arg = fits[k].front()->arg;
        }
        sk.size_ += part.text.size();
        sk.parts_.push_back(std::move(part));
    }
    Part tail;
    tail.text = s.pieces.back();
    sk.size_ += tail.text.size();
    sk.parts_.push_back(std::move(tail));
    return sk;
}

void Skeleton::fill(std::string& out, const std::string_view* values) const {
    ctemplate::StringEmitter emitter(&out);
    for (const Part& part : parts_) {
        out += part.text;
        if (part.hole < 0) continue;
        const std::string_view v = values[part.hole];
        if (part.escape) part.escape->Modify(v.data(), v.size(), nullptr, &emitter, part.arg);
        else out += v;
    }
}

}  // namespace ktk::view
