#include "mail/mime.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "util/unicode.h"

namespace ktk::mail {
namespace {

bool isControl(char32_t cp) {
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029;
}

std::string base64(std::string_view in) {
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        std::uint32_t v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                          static_cast<unsigned char>(in[i + 2]);
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        out += alphabet[(v >> 6) & 63];
        out += alphabet[v & 63];
    }
    if (i + 1 == in.size()) {
        std::uint32_t v = static_cast<unsigned char>(in[i]) << 16;
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        out += "==";
    } else if (i + 2 == in.size()) {
        std::uint32_t v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        out += alphabet[(v >> 6) & 63];
        out += '=';
    }
    return out;
}

bool printableAscii(std::string_view s) {
    for (char ch : s)
        if (ch < 0x20 || ch > 0x7E) return false;
    return true;
}

// RFC 5322 atext, plus the space between words of a phrase.
bool plainPhrase(std::string_view s) {
    static const std::string_view specials = "!#$%&'*+-/=?^_`{|}~ ";
    for (char ch : s) {
        bool alnum = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
        if (!alnum && specials.find(ch) == std::string_view::npos) return false;
    }
    return true;
}

// RFC 2047 "B" encoded words of whole UTF-8 characters, each at most 75
// characters and each on its own folded line; the first must fit after
// `used` characters. A split falls after a space where one is near, the
// space inside the first word: RFC 2047 readers drop the folding white
// space between encoded words, and Python's email package (3.11), which
// keeps it in display names, then shows a doubled space rather than a
// word torn in two. A name of up to 45 bytes is a single encoded word.
std::string encodedWords(std::string_view utf8, std::size_t used) {
    const std::string_view prefix = "=?UTF-8?B?", suffix = "?=";
    auto maxBytes = [&](std::size_t lineUsed) {
        std::size_t room = kMaxHeaderLine > lineUsed + prefix.size() + suffix.size()
                               ? kMaxHeaderLine - lineUsed - prefix.size() - suffix.size()
                               : 0;
        std::size_t b64 = std::min<std::size_t>(room, 75 - prefix.size() - suffix.size()) / 4 * 4;
        return std::max<std::size_t>(b64 / 4 * 3, 4);  // at least one whole character
    };
    auto charLength = [&](std::size_t i) -> std::size_t {
        unsigned char b = static_cast<unsigned char>(utf8[i]);
        return b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : 4;
    };
    std::string out;
    std::size_t start = 0, limit = maxBytes(used);
    while (start < utf8.size()) {
        std::size_t end = start, lastSpace = std::string_view::npos;
        while (end < utf8.size() && end - start + charLength(end) <= limit) {
            if (utf8[end] == ' ') lastSpace = end;
            end += charLength(end);
        }
        if (end < utf8.size() && lastSpace != std::string_view::npos && lastSpace + 1 - start >= limit / 2)
            end = lastSpace + 1;
        if (!out.empty()) out += "\n ";
        out.append(prefix).append(base64(utf8.substr(start, end - start))).append(suffix);
        start = end;
        limit = maxBytes(1);
    }
    return out;
}

// Printable ASCII folded at spaces; empty when a word would not fit on a
// line of its own (the caller then uses encoded words instead).
std::string foldAscii(std::string_view text, std::size_t used) {
    std::string out;
    std::size_t column = used;
    std::size_t i = 0;
    bool first = true;
    while (i < text.size()) {
        std::size_t end = text.find(' ', i);
        if (end == std::string_view::npos) end = text.size();
        std::string_view word = text.substr(i, end - i);
        if (1 + word.size() > kMaxHeaderLine) return {};
        if (first) {
            if (column + word.size() > kMaxHeaderLine) return {};
            out.append(word);
            column += word.size();
            first = false;
        } else if (column + 1 + word.size() > kMaxHeaderLine) {
            out.append("\n ").append(word);
            column = 1 + word.size();
        } else {
            out.append(" ").append(word);
            column += 1 + word.size();
        }
        i = end + 1;
    }
    return out;
}

std::size_t lastLineLength(const std::string& s, std::size_t used) {
    std::size_t nl = s.rfind('\n');
    return nl == std::string::npos ? used + s.size() : s.size() - nl - 1;
}

}  // namespace

std::string headerText(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool pendingSpace = false;
    for (char32_t cp : util::decodeUtf8Lenient(text)) {
        if (isControl(cp) || cp == ' ') {
            pendingSpace = !out.empty();
            continue;
        }
        if (pendingSpace) out += ' ';
        pendingSpace = false;
        util::appendUtf8(out, cp);
    }
    return out;
}

std::string encodeUnstructured(std::string_view text, std::size_t used) {
    std::string clean = headerText(text);
    if (printableAscii(clean) && clean.find("=?") == std::string::npos) {
        std::string folded = foldAscii(clean, used);
        if (!folded.empty() || clean.empty()) return folded;
    }
    return encodedWords(clean, used);
}

std::string encodeMailbox(std::string_view displayName, std::string_view address, std::size_t used) {
    std::string name = headerText(displayName);
    std::string angle = "<" + std::string(address) + ">";
    if (name.empty()) return angle;
    std::string phrase;
    if (plainPhrase(name) && name.find("=?") == std::string::npos) phrase = foldAscii(name, used);
    if (phrase.empty()) phrase = encodedWords(name, used);
    if (lastLineLength(phrase, used) + 1 + angle.size() > kMaxHeaderLine) return phrase + "\n " + angle;
    return phrase + " " + angle;
}

bool validAddress(std::string_view a) {
    if (a.size() < 3 || a.size() > 254 || a.front() == '-') return false;
    static const std::string_view forbidden = " \"(),:;<>[\\]";
    std::size_t at = std::string_view::npos;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char ch = a[i];
        if (ch <= 0x20 || ch >= 0x7F || forbidden.find(ch) != std::string_view::npos) return false;
        if (ch == '@') {
            if (at != std::string_view::npos) return false;
            at = i;
        }
    }
    if (at == std::string_view::npos || at == 0 || at > 64 || at + 1 == a.size()) return false;
    char d = a[at + 1];
    return d != '.' && d != '-' && a.back() != '.';
}

std::string quotedPrintable(std::string_view text) {
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    auto encodeByte = [&](unsigned char b) { return std::string{'=', hex[b >> 4], hex[b & 15]}; };

    std::size_t pos = 0;
    while (pos <= text.size()) {
        // One hard line, without its break; "\r\n" and a lone "\r" count as "\n".
        std::size_t end = text.find_first_of("\r\n", pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        bool last = end == text.size();
        if (last && line.empty()) break;  // the text ended with a line break

        std::string current;
        for (std::size_t i = 0; i < line.size(); ++i) {
            unsigned char b = static_cast<unsigned char>(line[i]);
            bool endOfLine = i + 1 == line.size();
            std::string token;
            if (b == ' ' || b == '\t') token = endOfLine ? encodeByte(b) : std::string(1, static_cast<char>(b));
            else if (b >= 33 && b <= 126 && b != '=') token = std::string(1, static_cast<char>(b));
            else token = encodeByte(b);
            // A soft break needs one column for its '='; the line's last token does not.
            std::size_t limit = endOfLine ? kMaxBodyLine : kMaxBodyLine - 1;
            if (current.size() + token.size() > limit) {
                out.append(current).append("=\n");
                current.clear();
            }
            if (current.empty() && token.size() == 1 &&
                (b == '.' || (b == 'F' && line.substr(i, 5) == "From ")))
                token = encodeByte(b);
            current += token;
        }
        out.append(current).append("\n");
        if (last) break;
        pos = end + 1;
        if (text[end] == '\r' && pos < text.size() && text[pos] == '\n') ++pos;
    }
    return out;
}

}  // namespace ktk::mail
