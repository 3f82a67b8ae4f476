// The two languages of the portal. A user's stored language decides their
// mails and, when nothing in the request decides, their pages
// (web/language.h picks a request's language).
#pragma once

#include <optional>
#include <string_view>

namespace ktk::domain {

enum class Lang { Hu, En };

constexpr Lang kDefaultLang = Lang::Hu;
constexpr Lang kAllLangs[] = {Lang::Hu, Lang::En};

// "hu" or "en": the stored value, the cookie, ?lang= and <html lang>.
const char* code(Lang lang);
std::optional<Lang> parseLang(std::string_view code);

}  // namespace ktk::domain
