#include "mail/compose.h"

#include <ctemplate/template_dictionary.h>

#include <stdexcept>

#include "crypto/random.h"
#include "mail/mime.h"
#include "util/clock.h"

namespace ktk::mail {
namespace {

bool validKind(const std::string& kind) {
    if (kind.empty() || kind.size() > 64 || kind.front() == '-' || kind.front() == '_') return false;
    for (char ch : kind)
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_')) return false;
    return true;
}

// Rendered templates start after their AUTOESCAPE line and may carry blank
// lines at either end; a body is its text plus one final line break.
std::string trimBody(std::string s) {
    std::size_t b = s.find_first_not_of("\r\n");
    if (b == std::string::npos) return "\n";
    std::size_t e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1) + "\n";
}

}  // namespace

Rendered render(const config::Config& config, const view::Views& views, const Message& message) {
    if (!validKind(message.kind)) throw std::invalid_argument("mail kind is not a plain name");
    ctemplate::TemplateDictionary dict("mail");
    dict.SetValue("LANG", code(message.lang));
    dict.SetValue("BASE_URL", config.baseUrl);
    dict.SetValue("HELPDESK_EMAIL", config.helpdeskEmail);
    for (const auto& [name, value] : message.values) dict.SetValue(name, value);
    for (const auto& section : message.sections) dict.ShowSection(section);
    const std::string base = "mail/" + message.kind + "/";
    Rendered r;
    r.subject = headerText(views.expand(message.lang, base + "subject", dict));
    r.text = trimBody(views.expand(message.lang, base + "text", dict));
    r.html = trimBody(views.expand(message.lang, base + "html", dict));
    return r;
}

std::string build(const Envelope& e, const Rendered& parts, const std::string& boundary) {
    std::string m;
    m.reserve(parts.text.size() + parts.html.size() + 1024);
    m += "Date: " + util::rfc5322Date(e.date) + "\n";
    m += "From: " + encodeMailbox(e.fromName, e.fromAddress, 6) + "\n";
    m += "To: " + encodeMailbox(e.toName, e.toAddress, 4) + "\n";
    m += "Subject: " + encodeUnstructured(parts.subject, 9) + "\n";
    m += "Message-ID: " + e.messageId + "\n";
    m += "MIME-Version: 1.0\n";
    m += std::string("Content-Language: ") + code(e.lang) + "\n";
    // RFC 3834: tells auto-responders not to answer a no-reply address.
    m += "Auto-Submitted: auto-generated\n";
    m += "Content-Type: multipart/alternative;\n boundary=\"" + boundary + "\"\n";
    m += "\n";
    m += "--" + boundary + "\n";
    m += "Content-Type: text/plain; charset=UTF-8\n";
    m += "Content-Transfer-Encoding: quoted-printable\n\n";
    // The line break before a boundary belongs to the boundary (RFC 2046
    // §5.1.1): without the extra one a part would lose its last line break.
    m += quotedPrintable(parts.text) + "\n";
    m += "--" + boundary + "\n";
    m += "Content-Type: text/html; charset=UTF-8\n";
    m += "Content-Transfer-Encoding: quoted-printable\n\n";
    m += quotedPrintable(parts.html) + "\n";
    m += "--" + boundary + "--\n";
    return m;
}

std::string newMessageId(const std::string& fromAddress, std::int64_t now) {
    std::string domain = fromAddress.substr(fromAddress.rfind('@') + 1);
    return "<" + crypto::randomHex(16) + "." + std::to_string(now) + "@" + domain + ">";
}

Composed compose(const config::Config& config, const view::Views& views, const Message& message, std::int64_t now) {
    if (!validAddress(message.toAddress)) throw std::invalid_argument("mail recipient is not a valid address");
    if (!validAddress(config.mailFrom)) throw std::invalid_argument("mail.from is not a valid address");
    Envelope e;
    e.fromName = config.mailFromName;
    e.fromAddress = config.mailFrom;
    e.toName = message.toName;
    e.toAddress = message.toAddress;
    e.messageId = newMessageId(config.mailFrom, now);
    e.date = now;
    e.lang = message.lang;
    Composed c;
    c.messageId = e.messageId;
    c.recipient = message.toAddress;
    c.bytes = build(e, render(config, views, message), "=_ktk_" + crypto::randomHex(12));
    return c;
}

}  // namespace ktk::mail
