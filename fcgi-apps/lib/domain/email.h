// E-mail addresses as the portal keeps them: trimmed as typed for display
// and mail, plus a lowercase key that makes one account per address.
#pragma once

#include <string>
#include <string_view>

namespace ktk::domain {

// Leading and trailing ASCII whitespace removed.
std::string trimmed(std::string_view text);

// The lookup key of an address: trimmed and lowercased (ASCII; addresses
// are ASCII once validated).
std::string emailKey(std::string_view email);

}  // namespace ktk::domain
