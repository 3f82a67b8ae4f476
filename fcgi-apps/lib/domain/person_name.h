// A person's name as pages and mails show it: Hungarian order (last name
// first) in Hungarian, first name first in English.
#pragma once

#include <string>
#include <string_view>

#include "domain/lang.h"

namespace ktk::domain {

std::string displayName(std::string_view lastName, std::string_view firstName, Lang lang);

}  // namespace ktk::domain
