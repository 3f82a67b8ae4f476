#include "web/language.h"

#include <cstdlib>
#include <string>

namespace ktk::web {

using domain::Lang;

namespace {
std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// "hu-HU;q=0.8" -> language Hu, q 0.8. Unknown languages and q=0 give nothing.
std::optional<domain::Lang> rangeLang(std::string_view range, double& q) {
    q = 1.0;
    std::size_t semi = range.find(';');
    std::string_view tag = trim(range.substr(0, semi));
    if (semi != std::string_view::npos) {
        std::string_view params = trim(range.substr(semi + 1));
        if (params.substr(0, 2) == "q=") q = std::strtod(std::string(params.substr(2)).c_str(), nullptr);
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
    double bestQ = 0;
    std::size_t pos = 0;
    while (pos < acceptLanguage.size()) {
        std::size_t end = acceptLanguage.find(',', pos);
        if (end == std::string_view::npos) end = acceptLanguage.size();
        double q;
        if (auto l = rangeLang(acceptLanguage.substr(pos, end - pos), q); l && q > bestQ) {
            best = l;
            bestQ = q;
        }
        pos = end + 1;
    }
    return best.value_or(domain::kDefaultLang);
}

}  // namespace ktk::web
