#include "util/json.h"

#include <cstdio>

namespace ktk {

namespace {
// Length of the valid UTF-8 sequence starting at s[i], or 0 when invalid.
std::size_t utf8Length(std::string_view s, std::size_t i) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n;
    unsigned min;
    if (c < 0x80) return 1;
    if ((c & 0xe0) == 0xc0) n = 2, min = 0x80;
    else if ((c & 0xf0) == 0xe0) n = 3, min = 0x800;
    else if ((c & 0xf8) == 0xf0) n = 4, min = 0x10000;
    else return 0;
    if (i + n > s.size()) return 0;
    unsigned cp = c & (0x7f >> n);
    for (std::size_t k = 1; k < n; ++k) {
        auto cc = static_cast<unsigned char>(s[i + k]);
        if ((cc & 0xc0) != 0x80) return 0;
        cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
    return n;
}
}  // namespace

std::string jsonString(std::string_view text) {
    std::string out = "\"";
    out.reserve(text.size() + 2);
    for (std::size_t i = 0; i < text.size();) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
            ++i;
        } else if (c < 0x20 || c == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
            ++i;
        } else if (std::size_t n = utf8Length(text, i)) {
            out.append(text.substr(i, n));
            i += n;
        } else {
            out += "\\ufffd";
            ++i;
        }
    }
    out += '"';
    return out;
}

void JsonObject::key(std::string_view k) {
    if (body_.size() > 1) body_ += ',';
    body_ += jsonString(k);
    body_ += ':';
}

JsonObject& JsonObject::add(std::string_view k, std::string_view value) {
    key(k);
    body_ += jsonString(value);
    return *this;
}

JsonObject& JsonObject::add(std::string_view k, std::int64_t value) {
    key(k);
    body_ += std::to_string(value);
    return *this;
}

JsonObject& JsonObject::add(std::string_view k, std::uint64_t value) {
    key(k);
    body_ += std::to_string(value);
    return *this;
}

JsonObject& JsonObject::add(std::string_view k, bool value) {
    key(k);
    body_ += value ? "true" : "false";
    return *this;
}

JsonObject& JsonObject::addNull(std::string_view k) {
    key(k);
    body_ += "null";
    return *this;
}

namespace {

void appendUtf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xc0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xe0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    }
}

// A reader over one JSON text; each method consumes what it read.
struct Reader {
    std::string_view s;
    std::size_t i = 0;

    void space() {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
    }
    bool eat(char c) {
        space();
        if (i < s.size() && s[i] == c) {
            ++i;
            return true;
        }
        return false;
    }
    std::optional<unsigned> hex4() {
        if (i + 4 > s.size()) return std::nullopt;
        unsigned v = 0;
        for (int k = 0; k < 4; ++k) {
            char c = s[i++];
            v <<= 4;
            if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
            else return std::nullopt;
        }
        return v;
    }
    std::optional<std::string> string() {
        if (!eat('"')) return std::nullopt;
        std::string out;
        while (i < s.size()) {
            char c = s[i++];
            if (c == '"') return out;
            if (static_cast<unsigned char>(c) < 0x20) return std::nullopt;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (i >= s.size()) return std::nullopt;
            switch (char e = s[i++]) {
                case '"': case '\\': case '/': out += e; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    std::optional<unsigned> cp = hex4();
                    if (!cp) return std::nullopt;
                    if (*cp >= 0xd800 && *cp < 0xdc00 && i + 6 <= s.size() && s[i] == '\\' && s[i + 1] == 'u') {
                        i += 2;
                        std::optional<unsigned> low = hex4();
                        if (!low) return std::nullopt;
                        if (*low >= 0xdc00 && *low < 0xe000) *cp = 0x10000 + ((*cp - 0xd800) << 10) + (*low - 0xdc00);
                        else *cp = 0xfffd;
                    } else if (*cp >= 0xd800 && *cp < 0xe000) {
                        *cp = 0xfffd;
                    }
                    appendUtf8(out, *cp);
                    break;
                }
                default: return std::nullopt;
            }
        }
        return std::nullopt;
    }
    // A number, true, false or null, as written.
    std::optional<std::string> scalar() {
        space();
        for (const char* word : {"true", "false", "null"}) {
            std::string_view w(word);
            if (s.substr(i, w.size()) == w) {
                i += w.size();
                return std::string(w);
            }
        }
        std::size_t start = i;
        if (i < s.size() && s[i] == '-') ++i;
        while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == 'e' || s[i] == 'E' ||
                                s[i] == '+' || s[i] == '-'))
            ++i;
        if (i == start || (i == start + 1 && s[start] == '-')) return std::nullopt;
        return std::string(s.substr(start, i - start));
    }
};

}  // namespace

std::optional<std::vector<std::pair<std::string, std::string>>> parseFlatObject(std::string_view json) {
    Reader r{json};
    std::vector<std::pair<std::string, std::string>> members;
    if (!r.eat('{')) return std::nullopt;
    if (!r.eat('}')) {
        do {
            std::optional<std::string> key = r.string();
            if (!key || !r.eat(':')) return std::nullopt;
            r.space();
            std::optional<std::string> value =
                r.i < json.size() && json[r.i] == '"' ? r.string() : r.scalar();
            if (!value) return std::nullopt;
            members.emplace_back(std::move(*key), std::move(*value));
        } while (r.eat(','));
        if (!r.eat('}')) return std::nullopt;
    }
    r.space();
    if (r.i != json.size()) return std::nullopt;
    return members;
}

}  // namespace ktk
