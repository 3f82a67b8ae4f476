#include "util/unicode.h"

#include <locale.h>
#include <wctype.h>

namespace ktk::util {

namespace {

// Created once; newlocale() does not touch the process locale.
locale_t utf8Locale() {
    static locale_t loc = [] {
        locale_t l = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
        return l ? l : newlocale(LC_CTYPE_MASK, "C", static_cast<locale_t>(0));
    }();
    return loc;
}

wint_t wide(char32_t c) { return static_cast<wint_t>(c); }

// Base letters of U+00E0–U+00FF (after lowercasing); '\0' keeps the character.
constexpr char kLatin1[] = "aaaaaaaceeeeiiiidnooooo\0ouuuuyty";
// Base letters of U+0100–U+017F, in code point order.
constexpr char kLatinExtendedA[] =
    "aaaaaa" "cccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii" "ii" "jj" "kkk"
    "llllllllll" "nnnnnnn" "nn" "oooooo" "oo" "rrrrrr" "ssssssss" "tttttt" "uuuuuuuuuuuu"
    "ww" "yyy" "zzzzzz" "s";
static_assert(sizeof(kLatin1) - 1 == 32, "one entry per code point U+00E0–U+00FF");
static_assert(sizeof(kLatinExtendedA) - 1 == 128, "one entry per code point U+0100–U+017F");

}  // namespace

namespace {
// The code point of the well-formed UTF-8 sequence at text[i] and its
// length, or length 0 when there is none (a stray continuation byte, an
// overlong form, a surrogate, a value past U+10FFFF, truncation).
std::size_t decodeOne(std::string_view text, std::size_t i, char32_t& c) {
    unsigned char b = static_cast<unsigned char>(text[i]);
    std::size_t n;
    if (b < 0x80) { c = b; return 1; }
    if (b >= 0xC2 && b <= 0xDF) { c = b & 0x1F; n = 2; }
    else if (b >= 0xE0 && b <= 0xEF) { c = b & 0x0F; n = 3; }
    else if (b >= 0xF0 && b <= 0xF4) { c = b & 0x07; n = 4; }
    else return 0;
    if (i + n > text.size()) return 0;
    for (std::size_t k = 1; k < n; ++k) {
        unsigned char cont = static_cast<unsigned char>(text[i + k]);
        if ((cont & 0xC0) != 0x80) return 0;
        c = (c << 6) | (cont & 0x3F);
    }
    if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) || (c >= 0xD800 && c <= 0xDFFF)) return 0;
    return n;
}
}  // namespace

std::optional<std::u32string> decodeUtf8(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        char32_t c;
        std::size_t n = decodeOne(text, i, c);
        if (!n) return std::nullopt;
        out += c;
        i += n;
    }
    return out;
}

std::u32string decodeUtf8Lenient(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        char32_t c;
        std::size_t n = decodeOne(text, i, c);
        out += n ? c : kReplacementCharacter;
        i += n ? n : 1;
    }
    return out;
}

void appendUtf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

std::string encodeUtf8(std::u32string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char32_t c : text) appendUtf8(out, c);
    return out;
}

bool isLetter(char32_t c) { return iswalpha_l(wide(c), utf8Locale()) != 0; }
bool isUpper(char32_t c) { return iswupper_l(wide(c), utf8Locale()) != 0; }
bool isLower(char32_t c) { return iswlower_l(wide(c), utf8Locale()) != 0; }
bool isControl(char32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }
bool isCombiningMark(char32_t c) { return c >= 0x300 && c <= 0x36F; }
bool isDirectionOverride(char32_t c) { return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069); }
char32_t toLower(char32_t c) { return static_cast<char32_t>(towlower_l(wide(c), utf8Locale())); }

std::u32string foldCase(std::u32string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (char32_t c : text) {
        c = toLower(c);
        if (c == 0xDF) c = U's';  // ß
        else if (c >= 0xE0 && c <= 0xFF && kLatin1[c - 0xE0]) c = static_cast<char32_t>(kLatin1[c - 0xE0]);
        else if (c >= 0x100 && c <= 0x17F) c = static_cast<char32_t>(kLatinExtendedA[c - 0x100]);
        out += c;
    }
    return out;
}

}  // namespace ktk::util
