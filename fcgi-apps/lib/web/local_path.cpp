#include "web/local_path.h"

namespace ktk::web {

namespace {

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Printable ASCII but the backslash: what a Location we accept is made of.
bool allowedRaw(unsigned char c) { return c > 0x20 && c < 0x7F && c != '\\'; }

// A path must start with one '/' and not a second one or a backslash.
bool startsOffSite(std::string_view path) { return path.size() > 1 && (path[1] == '/' || path[1] == '\\'); }

// The text with its percent-escapes decoded once; nullopt for a '%' that
// starts no escape.
std::optional<std::string> percentDecoded(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        if (i + 2 >= text.size()) return std::nullopt;
        const int hi = hexValue(text[i + 1]), lo = hexValue(text[i + 2]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return out;
}

// C0 controls, DEL, backslash, and the UTF-8 forms of the C1 controls
// (C2 80–C2 9F) and of U+2028 / U+2029 (E2 80 A8 / E2 80 A9).
bool hasControlOrBackslash(std::string_view bytes) {
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(bytes[i]);
        if (c < 0x20 || c == 0x7F || c == '\\') return true;
        const unsigned char next = i + 1 < bytes.size() ? static_cast<unsigned char>(bytes[i + 1]) : 0;
        if (c == 0xC2 && next >= 0x80 && next <= 0x9F) return true;
        if (c == 0xE2 && next == 0x80 && i + 2 < bytes.size() &&
            (static_cast<unsigned char>(bytes[i + 2]) == 0xA8 || static_cast<unsigned char>(bytes[i + 2]) == 0xA9))
            return true;
    }
    return false;
}

}  // namespace

std::optional<std::string> localPath(std::string_view target) {
    if (target.empty() || target.size() > kMaxLocalPathBytes || target[0] != '/' || startsOffSite(target))
        return std::nullopt;
    for (char c : target)
        if (!allowedRaw(static_cast<unsigned char>(c))) return std::nullopt;
    std::optional<std::string> decoded = percentDecoded(target);
    if (!decoded || startsOffSite(*decoded) || hasControlOrBackslash(*decoded)) return std::nullopt;
    return std::string(target);
}

}  // namespace ktk::web
