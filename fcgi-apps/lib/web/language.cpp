#include "web/language.h"

#include <string>

namespace ktk::web {

using domain::Lang;

namespace {
std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// A q-value (RFC 9110 section 12.4.2: "0" or "1", then at most three
// decimals, never above 1) in thousandths; -1 for anything else ("2",
// "0.5x", "inf", "nan", "1e3", " 0.5"), which strtod would have taken.
int qValue(std::string_view v) {
    if (v.empty() || (v[0] != '0' && v[0] != '1')) return -1;
    int q = (v[0] - '0') * 1000;
    if (v.size() == 1) return q;
    if (v[1] != '.' || v.size() > 5) return -1;
    int scale = 100;
    for (char c : v.substr(2)) {
        if (c < '0' || c > '9') return -1;
        q += (c - '0') * scale;
        scale /= 10;
    }
    return q <= 1000 ? q : -1;
}

// "hu-HU;q=0.8" -> language Hu, q 800. Unknown languages, q=0 and a range
// with a malformed q-value give nothing. The weight is looked for among
// all of a range's parameters, "q" in either case.
std::optional<domain::Lang> rangeLang(std::string_view range, int& q) {
    q = 1000;
    std::size_t semi = range.find(';');
    std::string_view tag = trim(range.substr(0, semi));
    while (semi != std::string_view::npos) {
        range.remove_prefix(semi + 1);
        semi = range.find(';');
        std::string_view param = trim(range.substr(0, semi));
        if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
            q = qValue(param.substr(2));
            if (q < 0) return std::nullopt;
        }
    }
    if (q <= 0) return std::nullopt;
    std::string_view primary = tag.substr(0, tag.find('-'));
    if (primary.size() != 2) return std::nullopt;
    char a = static_cast<char>(primary[0] | 0x20), b = static_cast<char>(primary[1] | 0x20);
    if (a == 'h' && b == 'u') return domain::Lang::Hu;
    if (a == 'e' && b == 'n') return domain::Lang::En;
    return std::nullopt;
}
}  // namespace

domain::Lang negotiateLang(std::string_view queryLang, std::string_view cookieLang,
                           std::optional<domain::Lang> userLang, std::string_view acceptLanguage) {
    if (auto l = domain::parseLang(queryLang)) return *l;
    if (auto l = domain::parseLang(cookieLang)) return *l;
    if (userLang) return *userLang;
    std::optional<domain::Lang> best;
    int bestQ = 0;
    std::size_t pos = 0;
    while (pos < acceptLanguage.size()) {
        std::size_t end = acceptLanguage.find(',', pos);
        if (end == std::string_view::npos) end = acceptLanguage.size();
        int q;
        if (auto l = rangeLang(acceptLanguage.substr(pos, end - pos), q); l && q > bestQ) {
            best = l;
            bestQ = q;
        }
        pos = end + 1;
    }
    return best.value_or(domain::kDefaultLang);
}

}  // namespace ktk::web
