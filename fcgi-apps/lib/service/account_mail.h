// "Mail this account": every mail the services send to a person starts
// here, so each one goes to the stored address, in the account's stored
// language, with the name in that language's order, and carries the same
// links (from base_url, never from the request's Host header).
#pragma once

#include <string_view>

#include "config/config.h"
#include "mail/queue.h"
#include "repo/accounts.h"

namespace ktk::service {

// A message of `kind` to the account, with the values every account mail
// may use: NAME, EMAIL, LOGIN_URL, FORGOT_URL and RESEND_URL (the last
// three in the account's language). The caller adds what is its own.
mail::Message mailTo(const repo::Account& account, std::string_view kind, const config::Config& config);

}  // namespace ktk::service
