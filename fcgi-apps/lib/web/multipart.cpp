#include "web/multipart.h"

namespace ktk::web {

namespace {

constexpr std::size_t kMaxBoundaryChars = 70;
constexpr std::size_t kMaxPartHeaderBytes = 8 * 1024;

char asciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (asciiLower(a[i]) != asciiLower(b[i])) return false;
    return true;
}

std::string_view trimWhitespace(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool isTokenChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool isToken(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!isTokenChar(c)) return false;
    return true;
}

// A header value with parameters: `type; a=b; c="d"`. Parameter names are
// lowercased; values are tokens (up to the next ";", trimmed) or quoted
// strings without escapes (up to the next quote), which is how browsers
// write them. nullopt when malformed or when a parameter repeats.
struct HeaderValue {
    std::string_view type;
    std::vector<std::pair<std::string, std::string_view>> params;

    std::optional<std::string_view> param(std::string_view name) const {
        for (const auto& [k, v] : params)
            if (k == name) return v;
        return std::nullopt;
    }
};

std::optional<HeaderValue> parseHeaderValue(std::string_view text) {
    HeaderValue out;
    std::size_t semicolon = text.find(';');
    out.type = trimWhitespace(text.substr(0, semicolon));
    if (semicolon == std::string_view::npos) return out;
    std::string_view rest = text.substr(semicolon + 1);
    for (;;) {
        rest = trimWhitespace(rest);
        if (rest.empty()) return out;
        std::size_t eq = rest.find('=');
        if (eq == std::string_view::npos) return std::nullopt;
        std::string_view rawName = trimWhitespace(rest.substr(0, eq));
        if (!isToken(rawName)) return std::nullopt;
        std::string name;
        for (char c : rawName) name += asciiLower(c);
        if (out.param(name)) return std::nullopt;
        rest = trimWhitespace(rest.substr(eq + 1));
        std::string_view value;
        if (!rest.empty() && rest.front() == '"') {
            std::size_t close = rest.find('"', 1);
            if (close == std::string_view::npos) return std::nullopt;
            value = rest.substr(1, close - 1);
            rest = trimWhitespace(rest.substr(close + 1));
            if (!rest.empty() && rest.front() != ';') return std::nullopt;
        } else {
            std::size_t end = rest.find(';');
            value = trimWhitespace(rest.substr(0, end));
            if (value.empty()) return std::nullopt;
            rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
        }
        out.params.emplace_back(std::move(name), value);
        if (!rest.empty()) rest.remove_prefix(1);  // the ';'
    }
}

// Browsers send a quote, CR and LF in a field or file name as %22, %0D and
// %0A and every other byte as it is (the HTML standard's encoding).
std::string decodeNameEscapes(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            std::string_view escape = s.substr(i + 1, 2);
            char c = escape == "22" ? '"' : equalsIgnoringCase(escape, "0d") ? '\r'
                                          : equalsIgnoringCase(escape, "0a") ? '\n' : '\0';
            if (c) {
                out += c;
                i += 2;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}

bool isBoundaryChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

// One part: its header lines (each "Name: value", no CR, LF or NUL in
// them), a blank line, its bytes. Adds it to `form`; false when malformed.
bool addPart(std::string_view part, MultipartForm& form) {
    // A part without headers has no name: refused like any other.
    std::size_t headEnd = part.substr(0, 2) == "\r\n" ? std::string_view::npos : part.find("\r\n\r\n");
    if (headEnd == std::string_view::npos || headEnd > kMaxPartHeaderBytes) return false;
    std::string_view head = part.substr(0, headEnd);
    std::string_view data = part.substr(headEnd + 4);
    std::optional<HeaderValue> disposition;
    while (!head.empty()) {
        std::size_t eol = head.find("\r\n");
        std::string_view line = head.substr(0, eol);
        head = eol == std::string_view::npos ? std::string_view() : head.substr(eol + 2);
        if (line.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos) return false;
        std::size_t colon = line.find(':');
        if (colon == std::string_view::npos || !isToken(line.substr(0, colon))) return false;
        if (!equalsIgnoringCase(line.substr(0, colon), "content-disposition")) continue;
        if (disposition) return false;
        disposition = parseHeaderValue(line.substr(colon + 1));
        if (!disposition) return false;
    }
    if (!disposition || !equalsIgnoringCase(disposition->type, "form-data")) return false;
    std::optional<std::string_view> name = disposition->param("name");
    if (!name) return false;
    std::optional<std::string_view> filename = disposition->param("filename");
    if (!filename) {
        form.fields.emplace_back(decodeNameEscapes(*name), std::string(data));
    } else if (!filename->empty() || !data.empty()) {
        form.files.push_back({decodeNameEscapes(*name), decodeNameEscapes(*filename), std::string(data)});
    }
    return true;
}

}  // namespace

bool isMultipart(std::string_view contentType) {
    return equalsIgnoringCase(trimWhitespace(contentType).substr(0, 10), "multipart/");
}

std::optional<std::string> multipartBoundary(std::string_view contentType) {
    std::optional<HeaderValue> value = parseHeaderValue(contentType);
    if (!value || !equalsIgnoringCase(value->type, "multipart/form-data")) return std::nullopt;
    std::optional<std::string_view> boundary = value->param("boundary");
    if (!boundary || boundary->empty() || boundary->size() > kMaxBoundaryChars || boundary->back() == ' ')
        return std::nullopt;
    for (char c : *boundary)
        if (!isBoundaryChar(c)) return std::nullopt;
    return std::string(*boundary);
}

std::optional<MultipartForm> parseMultipart(std::string_view body, std::string_view boundary) {
    if (boundary.empty()) return std::nullopt;
    const std::string dashBoundary = "--" + std::string(boundary);
    const std::string delimiter = "\r\n" + dashBoundary;
    std::size_t pos;
    if (body.substr(0, dashBoundary.size()) == dashBoundary) {
        pos = dashBoundary.size();
    } else {  // a preamble, which is ignored
        pos = body.find(delimiter);
        if (pos == std::string_view::npos) return std::nullopt;
        pos += delimiter.size();
    }
    MultipartForm form;
    for (std::size_t parts = 0;; ++parts) {
        if (body.substr(pos, 2) == "--") return form;  // the close delimiter; an epilogue is ignored
        while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;  // transport padding
        if (body.substr(pos, 2) != "\r\n" || parts == kMaxMultipartParts) return std::nullopt;
        pos += 2;
        std::size_t next = body.find(delimiter, pos);
        if (next == std::string_view::npos) return std::nullopt;  // truncated
        if (!addPart(body.substr(pos, next - pos), form)) return std::nullopt;
        pos = next + delimiter.size();
    }
}

}  // namespace ktk::web
