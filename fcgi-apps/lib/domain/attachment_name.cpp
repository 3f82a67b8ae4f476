// attachmentName and contentDisposition (domain/file_type.h).
#include "domain/file_type.h"

#include "util/unicode.h"

namespace ktk::domain {

namespace {

// Characters that show nothing yet change how a name reads: the direction
// marks and overrides, and the byte order mark.
bool isInvisible(char32_t c) {
    return util::isDirectionOverride(c) || c == 0x061C || c == 0x200E || c == 0x200F || c == 0xFEFF;
}

bool isSpace(char32_t c) {
    return c == U' ' || c == 0xA0 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0x3000;
}

// Without white space and dots at either end (a leading dot hides a file,
// Windows drops a trailing one); `leadingDots` false keeps those at the
// start, so that ".pdf" still splits into no base and its extension.
std::u32string trimmed(std::u32string_view s, bool leadingDots = true) {
    std::size_t first = 0, last = s.size();
    while (first < last && (isSpace(s[first]) || (leadingDots && s[first] == U'.'))) ++first;
    while (last > first && (isSpace(s[last - 1]) || s[last - 1] == U'.')) --last;
    return std::u32string(s.substr(first, last - first));
}

char32_t asciiLower(char32_t c) { return c >= U'A' && c <= U'Z' ? c + (U'a' - U'A') : c; }

bool namesType(std::u32string_view ext, FileType type) {
    std::string lower;
    for (char32_t c : ext) {
        if (c >= 0x80) return false;
        lower += static_cast<char>(asciiLower(c));
    }
    switch (type) {
        case FileType::Pdf: return lower == "pdf";
        case FileType::Jpeg: return lower == "jpg" || lower == "jpeg" || lower == "jpe" || lower == "jfif";
        case FileType::Png: return lower == "png";
        case FileType::Other: break;
    }
    return false;
}

// "exe", "docx", "v2": replaced; "2024", "5 minutes", "Kovács": part of the name.
bool looksLikeExtension(std::u32string_view ext) {
    if (ext.empty() || ext.size() > 4) return false;
    bool letter = false;
    for (char32_t c : ext) {
        bool alpha = (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
        if (!alpha && !(c >= U'0' && c <= U'9')) return false;
        letter |= alpha;
    }
    return letter;
}

// RFC 5987 attr-char: sent as it is; every other byte is percent-encoded.
bool isAttrChar(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

}  // namespace

std::optional<std::string> attachmentName(std::string_view uploadedName, FileType type) {
    if (type == FileType::Other) return std::nullopt;
    std::size_t separator = uploadedName.find_last_of("/\\");
    if (separator != std::string_view::npos) uploadedName.remove_prefix(separator + 1);
    std::u32string clean;
    for (char32_t c : util::decodeUtf8Lenient(uploadedName)) {
        if (c == util::kReplacementCharacter) clean += U'_';
        else if (!util::isControl(c) && !isInvisible(c)) clean += c;
    }
    std::u32string name = trimmed(clean, false);

    std::u32string base = trimmed(name);
    std::u32string ext;
    // The extension, and when it is replaced the one under it ("a.pdf.exe").
    for (int level = 0; level < 2; ++level) {
        std::u32string_view rest = level == 0 ? std::u32string_view(name) : std::u32string_view(base);
        std::size_t dot = rest.rfind(U'.');
        if (dot == std::u32string::npos) break;
        std::u32string_view given = rest.substr(dot + 1);
        if (namesType(given, type)) ext = given;
        else if (level == 1 || !looksLikeExtension(given)) break;
        base = trimmed(rest.substr(0, dot));
        if (!ext.empty()) break;
    }
    if (ext.empty()) {
        for (const char* p = fileExtension(type); *p; ++p) ext += static_cast<char32_t>(*p);
    }
    std::size_t room = kMaxAttachmentNameChars - 1 - ext.size();
    if (base.size() > room) base = trimmed(std::u32string_view(base).substr(0, room));
    if (base.empty()) base = U"attachment";
    return util::encodeUtf8(base + U"." + ext);
}

std::string contentDisposition(std::string_view name) {
    std::u32string clean;
    for (char32_t c : util::decodeUtf8Lenient(name))
        if (!util::isControl(c)) clean += c;
    if (clean.empty()) clean = U"attachment";
    std::string fallback;
    for (char32_t c : clean) {
        if (c >= 0x80) fallback += '_';
        else if (c != U'"' && c != U'\\') fallback += static_cast<char>(c);
    }
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string encoded;
    for (unsigned char c : util::encodeUtf8(clean)) {
        if (isAttrChar(c)) {
            encoded += static_cast<char>(c);
        } else {
            encoded += '%';
            encoded += kHex[c >> 4];
            encoded += kHex[c & 0xF];
        }
    }
    return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace ktk::domain
