#include "domain/lang.h"

namespace ktk::domain {

const char* code(Lang lang) { return lang == Lang::En ? "en" : "hu"; }

std::optional<Lang> parseLang(std::string_view c) {
    if (c == "hu") return Lang::Hu;
    if (c == "en") return Lang::En;
    return std::nullopt;
}

}  // namespace ktk::domain
