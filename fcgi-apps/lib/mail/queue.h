// Mail leaves the portal only through the mail_queue table: a program
// enqueues inside the same transaction as the change that caused the mail,
// and the sendmail worker (fcgi-apps/worker) delivers it later. A rolled-
// back change therefore never sends mail, and a committed one never loses it.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "config/config.h"
#include "db/fwd.h"
#include "domain/lang.h"
#include "view/fwd.h"

namespace ktk::mail {

// One mail to one person, in that person's stored language.
struct Message {
    std::string kind;       // templates/mail/<kind>/{subject,text,html}.tpl
    std::string toAddress;  // a validated address
    std::string toName;     // display name, may be empty
    domain::Lang lang = domain::kDefaultLang;
    // Values for the three templates (NAME, LINK, …), as plain text: each
    // template escapes them for its own context. LANG, BASE_URL and
    // HELPDESK_EMAIL are always set.
    std::vector<std::pair<std::string, std::string>> values;
    // Sections to show ({{#NAME}}…{{/NAME}}) in all three templates.
    std::vector<std::string> sections;
};

// Renders the kind's templates in the message's language, builds the
// complete RFC 5322 message (its Message-ID fixed here, kept across every
// retry) and inserts it into mail_queue within `tx`. Returns the row id.
// Throws std::invalid_argument for an invalid address or kind (callers
// validate input first: this is a programming error, not a user's).
std::uint64_t enqueue(db::Tx& tx, const config::Config& config, const view::Views& views, const Message& message);

}  // namespace ktk::mail
