// How a request picks its language.
#pragma once

#include <optional>
#include <string_view>

#include "domain/lang.h"

namespace ktk::web {

// In order: ?lang=, the language cookie, the logged-in user's setting,
// Accept-Language (by q-value); Hungarian when none of them decides.
domain::Lang negotiateLang(std::string_view queryLang, std::string_view cookieLang,
                           std::optional<domain::Lang> userLang, std::string_view acceptLanguage);

}  // namespace ktk::web
