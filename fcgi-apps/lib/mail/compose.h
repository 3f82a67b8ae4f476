// Turning a mail::Message into the exact bytes the worker hands to
// sendmail. Kept apart from the queue so the unit tests can check every
// message without a database.
#pragma once

#include <cstdint>
#include <string>

#include "config/config.h"
#include "mail/queue.h"
#include "view/views.h"

namespace ktk::mail {

// The three rendered templates of one message.
struct Rendered {
    std::string subject;  // one line (headerText applied)
    std::string text;     // ends with exactly one "\n"
    std::string html;
};

// Everything a message's headers are made from.
struct Envelope {
    std::string fromName;
    std::string fromAddress;
    std::string toName;
    std::string toAddress;
    std::string messageId;  // with angle brackets
    std::int64_t date = 0;  // epoch seconds
    domain::Lang lang = domain::kDefaultLang;
};

// A message ready for mail_queue.
struct Composed {
    std::string messageId;  // "<…@domain>", fixed for every retry
    std::string recipient;  // envelope recipient (the To address)
    std::string bytes;      // the complete RFC 5322 message, "\n" line breaks
};

// Throws std::invalid_argument for a kind that is not [a-z0-9_] words
// joined by '-' or '_' (it names a template directory) and
// std::runtime_error when one of its templates is missing.
Rendered render(const config::Config& config, const view::Views& views, const Message& message);

// Date, From, To, Subject, Message-ID, MIME-Version, Content-Language,
// Auto-Submitted, then a multipart/alternative body of text and HTML, both
// UTF-8 quoted-printable. `boundary` must not occur in the encoded parts;
// any "=_" boundary cannot, as quoted-printable never writes "=_".
std::string build(const Envelope& envelope, const Rendered& parts, const std::string& boundary);

// "<random.time@domain of fromAddress>", unique without coordination.
std::string newMessageId(const std::string& fromAddress, std::int64_t now);

// render + build with a fresh Message-ID and boundary. Throws
// std::invalid_argument for an address that fails validAddress.
Composed compose(const config::Config& config, const view::Views& views, const Message& message, std::int64_t now);

}  // namespace ktk::mail
