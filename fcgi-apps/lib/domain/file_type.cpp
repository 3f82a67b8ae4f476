#include "domain/file_type.h"

#include <cstdint>

namespace ktk::domain {

namespace {

// Readers look for the end-of-file marker, and we allow padding, only
// this far from the end.
constexpr std::size_t kTailWindow = 1024;

unsigned byteAt(std::string_view s, std::size_t i) { return static_cast<unsigned char>(s[i]); }

bool isDigit(char c) { return c >= '0' && c <= '9'; }

bool isPdf(std::string_view b) {
    // "%PDF-" and a version: 1.0–1.7 or 2.0, read as a digit, a dot, a digit.
    if (b.size() < 8 || b.substr(0, 5) != "%PDF-") return false;
    if ((b[5] != '1' && b[5] != '2') || b[6] != '.' || !isDigit(b[7])) return false;
    std::size_t from = b.size() > kTailWindow ? b.size() - kTailWindow : 0;
    return b.find("%%EOF", from) != std::string_view::npos;
}

bool isJpegPadding(unsigned char c) { return c == 0 || c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// A frame header: SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
bool isFrameHeader(unsigned marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

// The marker segments from SOI to the start of scan: each "FF xx" with a
// length that stays inside the file, a frame header among them.
bool jpegHeadersHold(std::string_view b) {
    std::size_t pos = 2;
    bool frame = false;
    for (;;) {
        if (pos >= b.size() || byteAt(b, pos) != 0xFF) return false;
        while (pos < b.size() && byteAt(b, pos) == 0xFF) ++pos;  // fill bytes
        if (pos >= b.size()) return false;
        unsigned marker = byteAt(b, pos++);
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue;  // no length
        if (marker == 0x00 || marker == 0xD8 || marker == 0xD9) return false;
        if (pos + 2 > b.size()) return false;
        std::size_t length = byteAt(b, pos) << 8 | byteAt(b, pos + 1);
        if (length < 2 || pos + length > b.size()) return false;
        if (isFrameHeader(marker)) frame = true;
        if (marker == 0xDA) return frame;  // start of scan: entropy-coded data follows
        pos += length;
    }
}

bool isJpeg(std::string_view b) {
    if (b.size() < 4 || byteAt(b, 0) != 0xFF || byteAt(b, 1) != 0xD8 || byteAt(b, 2) != 0xFF) return false;
    std::size_t end = b.size();
    while (end > 0 && b.size() - end < kTailWindow && isJpegPadding(static_cast<unsigned char>(b[end - 1]))) --end;
    if (end < 4 || byteAt(b, end - 2) != 0xFF || byteAt(b, end - 1) != 0xD9) return false;
    return jpegHeadersHold(b.substr(0, end - 2));
}

std::uint32_t bigEndian32(std::string_view b, std::size_t pos) {
    return static_cast<std::uint32_t>(byteAt(b, pos)) << 24 | byteAt(b, pos + 1) << 16 | byteAt(b, pos + 2) << 8 |
           byteAt(b, pos + 3);
}

bool isChunkType(std::string_view type) {
    for (char c : type)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
    return true;
}

bool isPng(std::string_view b) {
    static constexpr std::string_view kSignature("\x89PNG\r\n\x1a\n", 8);
    if (b.substr(0, 8) != kSignature) return false;
    std::size_t pos = 8;
    bool first = true;
    // Each chunk: length (4), type (4), data (length), CRC (4).
    while (b.size() - pos >= 12) {
        std::uint32_t length = bigEndian32(b, pos);
        std::string_view type = b.substr(pos + 4, 4);
        if (length > 0x7FFFFFFFu || !isChunkType(type) || b.size() - pos - 12 < length) return false;
        if (first) {
            if (type != "IHDR" || length != 13) return false;
            std::uint32_t width = bigEndian32(b, pos + 8), height = bigEndian32(b, pos + 12);
            if (width == 0 || height == 0 || width > 0x7FFFFFFFu || height > 0x7FFFFFFFu) return false;
            first = false;
        } else if (type == "IHDR") {
            return false;
        }
        pos += 12 + length;
        if (type == "IEND") return length == 0 && pos == b.size();
    }
    return false;
}

}  // namespace

FileType sniffFileType(std::string_view bytes) {
    if (isPdf(bytes)) return FileType::Pdf;
    if (isJpeg(bytes)) return FileType::Jpeg;
    if (isPng(bytes)) return FileType::Png;
    return FileType::Other;
}

const char* mediaType(FileType type) {
    switch (type) {
        case FileType::Pdf: return "application/pdf";
        case FileType::Jpeg: return "image/jpeg";
        case FileType::Png: return "image/png";
        case FileType::Other: break;
    }
    return "application/octet-stream";
}

const char* fileExtension(FileType type) {
    switch (type) {
        case FileType::Pdf: return "pdf";
        case FileType::Jpeg: return "jpg";
        case FileType::Png: return "png";
        case FileType::Other: break;
    }
    return "";
}

}  // namespace ktk::domain
