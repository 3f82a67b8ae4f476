// The validators of what a person types about themselves: e-mail address
// (domain/email.h), telephone number (domain/phone.h), personal name
// (domain/name.h, domain/person_name.h). The whole input goes to each.
//
// Beyond "no crash": what a validator accepts, it accepts again unchanged
// (normalising is idempotent), and what it accepts is safe where it goes
// next (an address for sendmail, a name in a mail header).
#include <string>

#include "domain/email.h"
#include "domain/name.h"
#include "domain/person_name.h"
#include "domain/phone.h"
#include "fuzz_support.h"
#include "mail/mime.h"
#include "util/unicode.h"

namespace {

using namespace ktk;

void checkEmail(std::string_view raw) {
    domain::CheckedEmail e = domain::checkEmail(raw);
    std::optional<domain::EmailAddress> n = domain::normaliseEmail(raw);
    FUZZ_CHECK(n.has_value() == (e.check == domain::EmailCheck::Ok));
    FUZZ_CHECK(domain::emailKey(raw) == e.key);
    if (e.check != domain::EmailCheck::Ok) {
        FUZZ_CHECK(e.value.empty() && e.key.empty());
        FUZZ_CHECK(*domain::messageKey(e.check) != '\0');
        return;
    }
    FUZZ_CHECK(n->value == e.value && n->key == e.key);
    FUZZ_CHECK(e.value == domain::trimmed(raw));
    FUZZ_CHECK(e.value.size() <= domain::kEmailMaxChars && e.key.size() == e.value.size());
    for (std::size_t i = 0; i < e.value.size(); ++i) {
        char c = e.value[i], k = e.key[i];
        FUZZ_CHECK(static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7f);
        FUZZ_CHECK(k == (c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c));
    }
    // Idempotent, and the key is an address with itself as its key.
    domain::CheckedEmail again = domain::checkEmail(e.value);
    FUZZ_CHECK(again.check == domain::EmailCheck::Ok && again.value == e.value && again.key == e.key);
    domain::CheckedEmail byKey = domain::checkEmail(e.key);
    FUZZ_CHECK(byKey.check == domain::EmailCheck::Ok && byKey.key == e.key);
    // Every address the portal takes, it can mail.
    FUZZ_CHECK(mail::validAddress(e.value));
    FUZZ_CHECK(domain::localPart(e.value) == e.value.substr(0, e.value.find('@')));
}

void checkPhone(std::string_view raw) {
    domain::CheckedPhone p = domain::checkPhone(raw);
    if (p.check != domain::PhoneCheck::Ok) {
        FUZZ_CHECK(*domain::messageKey(p.check) != '\0');
        return;
    }
    // E.164: "+", then 8–15 digits, the first not 0.
    FUZZ_CHECK(p.e164.size() >= 9 && p.e164.size() <= 16 && p.e164[0] == '+' && p.e164[1] != '0');
    for (std::size_t i = 1; i < p.e164.size(); ++i) FUZZ_CHECK(p.e164[i] >= '0' && p.e164[i] <= '9');
    domain::CheckedPhone again = domain::checkPhone(p.e164);
    FUZZ_CHECK(again.check == domain::PhoneCheck::Ok && again.e164 == p.e164);
}

void checkName(std::string_view raw) {
    domain::CheckedName n = domain::checkName(raw);
    if (n.check != domain::NameCheck::Ok) {
        FUZZ_CHECK(*domain::messageKey(n.check) != '\0');
        return;
    }
    std::optional<std::u32string> chars = util::decodeUtf8(n.value);
    FUZZ_CHECK(chars.has_value());
    FUZZ_CHECK(!chars->empty() && chars->size() <= domain::kNameMaxChars);
    FUZZ_CHECK(chars->front() != U' ' && chars->back() != U' ');
    FUZZ_CHECK(n.value.find("  ") == std::string::npos);
    for (char32_t c : *chars) FUZZ_CHECK(!util::isControl(c));
    domain::CheckedName again = domain::checkName(n.value);
    FUZZ_CHECK(again.check == domain::NameCheck::Ok && again.value == n.value);
    // A stored name goes into mail headers as it is.
    FUZZ_CHECK(mail::headerText(n.value) == n.value);
    // Shown in either order, with one space between.
    std::string hu = domain::displayName(n.value, "Anna", domain::Lang::Hu);
    std::string en = domain::displayName(n.value, "Anna", domain::Lang::En);
    FUZZ_CHECK(hu == n.value + " Anna" && en == "Anna " + n.value);
    FUZZ_CHECK(domain::displayName(n.value, "", domain::Lang::En) == n.value);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view raw(reinterpret_cast<const char*>(data), size);
    checkEmail(raw);
    checkPhone(raw);
    checkName(raw);
    return 0;
}
