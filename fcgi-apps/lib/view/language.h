// The two languages of the portal and how a request picks one.
#pragma once

#include <optional>
#include <string_view>

namespace ktk {

enum class Lang { Hu, En };

constexpr Lang kDefaultLang = Lang::Hu;
constexpr Lang kAllLangs[] = {Lang::Hu, Lang::En};

const char* code(Lang lang);
std::optional<Lang> parseLang(std::string_view code);

// In order: ?lang=, the language cookie, the logged-in user's setting,
// Accept-Language (by q-value); Hungarian when none of them decides.
Lang negotiateLang(std::string_view queryLang, std::string_view cookieLang,
                   std::optional<Lang> userLang, std::string_view acceptLanguage);

}  // namespace ktk
