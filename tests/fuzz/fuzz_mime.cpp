// The mail headers and bodies we write (mail/mime.h) from text a person
// typed. Input: one byte for the header name's width (0–29), then the text.
//
// Each output is read back by a small decoder here (unfolding, RFC 2047
// "B" encoded words, quoted-printable) and must give the input as
// headerText cleaned it; lines stay within the RFC limits, encoded words
// within RFC 2047's rules.
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "mail/mime.h"
#include "util/unicode.h"

namespace {

using namespace ktk;

std::vector<std::string> lines(const std::string& s) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    for (;;) {
        std::size_t nl = s.find('\n', pos);
        out.push_back(s.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos));
        if (nl == std::string::npos) return out;
        pos = nl + 1;
    }
}

bool base64Decode(std::string_view in, std::string& out) {
    static const std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    if (in.size() % 4 != 0) return false;
    for (std::size_t i = 0; i < in.size(); i += 4) {
        unsigned v = 0;
        int pad = 0;
        for (std::size_t j = 0; j < 4; ++j) {
            char c = in[i + j];
            if (c == '=' && i + 4 == in.size() && j >= 2) {
                ++pad;
                v <<= 6;
                continue;
            }
            if (pad) return false;
            std::size_t k = alphabet.find(c);
            if (k == std::string_view::npos) return false;
            v = v << 6 | static_cast<unsigned>(k);
        }
        out += static_cast<char>(v >> 16 & 0xff);
        if (pad < 2) out += static_cast<char>(v >> 8 & 0xff);
        if (pad < 1) out += static_cast<char>(v & 0xff);
    }
    return true;
}

// An unstructured header value as an RFC 2047 reader sees it: unfolded,
// then each "=?UTF-8?B?…?=" word decoded; the white space between two
// encoded words is dropped. Checks each encoded word on the way.
std::string decodeHeader(const std::string& folded) {
    std::string unfolded;
    for (char c : folded)
        if (c != '\n') unfolded += c;  // the fold's "\n" goes, the space after it stays
    std::string out;
    std::size_t pos = 0;
    bool lastEncoded = false;
    std::string pendingSpace;
    while (pos < unfolded.size()) {
        std::size_t space = unfolded.find(' ', pos);
        std::string word = unfolded.substr(pos, space == std::string::npos ? std::string::npos : space - pos);
        pos = space == std::string::npos ? unfolded.size() : space;
        std::string gap;
        while (pos < unfolded.size() && unfolded[pos] == ' ') gap += unfolded[pos++];
        const bool encoded = word.size() >= 12 && word.compare(0, 10, "=?UTF-8?B?") == 0 &&
                             word.compare(word.size() - 2, 2, "?=") == 0;
        if (encoded) {
            FUZZ_CHECK(word.size() <= 75);
            std::string text;
            FUZZ_CHECK(base64Decode(std::string_view(word).substr(10, word.size() - 12), text));
            // Whole UTF-8 characters in each word (RFC 2047 section 5).
            FUZZ_CHECK(util::decodeUtf8(text).has_value());
            if (!lastEncoded) out += pendingSpace;
            out += text;
        } else {
            FUZZ_CHECK(word.find("=?") == std::string::npos);
            out += pendingSpace + word;
        }
        pendingSpace = gap;
        lastEncoded = encoded;
    }
    return out + pendingSpace;
}

void checkFolded(const std::string& value, std::size_t used) {
    std::vector<std::string> ls = lines(value);
    for (std::size_t i = 0; i < ls.size(); ++i) {
        std::size_t width = ls[i].size() + (i == 0 ? used : 0);
        FUZZ_CHECK(width <= 998);
        if (i > 0) FUZZ_CHECK(ls[i].size() >= 2 && ls[i][0] == ' ' && ls[i][1] != ' ');
        for (char c : ls[i]) FUZZ_CHECK(c >= 0x20 && c <= 0x7e);
    }
}

std::string decodeQuotedPrintable(const std::string& qp) {
    std::string out;
    for (std::size_t i = 0; i < qp.size(); ++i) {
        if (qp[i] != '=') {
            out += qp[i];
            continue;
        }
        if (i + 1 < qp.size() && qp[i + 1] == '\n') {
            ++i;
            continue;
        }
        FUZZ_CHECK(i + 2 < qp.size());
        auto hex = [](char c) { return c >= 'A' ? c - 'A' + 10 : c - '0'; };
        FUZZ_CHECK(std::string_view("0123456789ABCDEF").find(qp[i + 1]) != std::string_view::npos);
        FUZZ_CHECK(std::string_view("0123456789ABCDEF").find(qp[i + 2]) != std::string_view::npos);
        out += static_cast<char>(hex(qp[i + 1]) * 16 + hex(qp[i + 2]));
        i += 2;
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::size_t used = data[0] % 30;
    std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

    // headerText: one clean line of valid UTF-8, and cleaning it again changes nothing.
    const std::string clean = mail::headerText(text);
    std::optional<std::u32string> chars = util::decodeUtf8(clean);
    FUZZ_CHECK(chars.has_value());
    for (char32_t c : *chars) FUZZ_CHECK(c >= 0x20 && !(c >= 0x7f && c <= 0x9f) && c != 0x2028 && c != 0x2029);
    FUZZ_CHECK(clean.empty() || (clean.front() != ' ' && clean.back() != ' '));
    FUZZ_CHECK(clean.find("  ") == std::string::npos);
    FUZZ_CHECK(mail::headerText(clean) == clean);

    // Subject: within 78 columns, read back to the clean text.
    const std::string subject = mail::encodeUnstructured(text, used);
    checkFolded(subject, used);
    std::vector<std::string> subjectLines = lines(subject);
    for (std::size_t i = 0; i < subjectLines.size(); ++i)
        FUZZ_CHECK(subjectLines[i].size() + (i == 0 ? used : 0) <= mail::kMaxHeaderLine);
    FUZZ_CHECK(decodeHeader(subject) == clean);

    // From/To: the phrase reads back to the clean name, the address follows in <>.
    const std::string address = "anna.kovacs@example.hu";
    const std::string mailbox = mail::encodeMailbox(text, address, used);
    checkFolded(mailbox, used);
    const std::string angle = "<" + address + ">";
    FUZZ_CHECK(mailbox.size() >= angle.size() &&
               mailbox.compare(mailbox.size() - angle.size(), angle.size(), angle) == 0);
    std::string phrase = mailbox.substr(0, mailbox.size() - angle.size());
    if (!clean.empty()) {
        FUZZ_CHECK(!phrase.empty() && (phrase.back() == ' '));
        phrase.pop_back();
        if (!phrase.empty() && phrase.back() == '\n') phrase.pop_back();
        FUZZ_CHECK(decodeHeader(phrase) == clean);
    } else {
        FUZZ_CHECK(phrase.empty());
    }

    // Bodies: quoted-printable within 76 columns, no line an SMTP "." or an
    // mbox "From ", no white space at a line's end; decodes to the text
    // with its line breaks as "\n" and ending in one.
    const std::string qp = mail::quotedPrintable(text);
    for (const std::string& l : lines(qp)) {
        FUZZ_CHECK(l.size() <= mail::kMaxBodyLine);
        FUZZ_CHECK(l.empty() || (l[0] != '.' && l.compare(0, 5, "From ") != 0));
        FUZZ_CHECK(l.empty() || (l.back() != ' ' && l.back() != '\t'));
        for (char c : l) FUZZ_CHECK((c >= 0x20 && c <= 0x7e) || c == '\t');
    }
    std::string expected;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            expected += '\n';
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else {
            expected += text[i];
        }
    }
    if (!expected.empty() && expected.back() != '\n') expected += '\n';
    FUZZ_CHECK(decodeQuotedPrintable(qp) == expected);
    return 0;
}
