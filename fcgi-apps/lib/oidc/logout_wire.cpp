#include "oidc/logout_wire.h"

namespace ktk::oidc {

namespace {

bool visibleAscii(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c <= ' ' || c > '~') return false;
    return true;
}

// A short error code: lowercase letters, digits and '_' (http_500, timeout).
bool isCode(std::string_view s) {
    if (s.empty() || s.size() > 32) return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

// The lines of `text`, which must end with a newline.
std::optional<std::vector<std::string_view>> lines(std::string_view text) {
    std::vector<std::string_view> out;
    if (text.empty()) return out;
    if (text.back() != '\n') return std::nullopt;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        out.push_back(text.substr(pos, end - pos));
        pos = end + 1;
    }
    return out;
}

}  // namespace

bool fitsOnTheWire(const LogoutPost& post) { return visibleAscii(post.uri) && visibleAscii(post.token); }

std::string encodePosts(const std::vector<LogoutPost>& posts) {
    std::string out;
    for (const LogoutPost& p : posts) {
        out += p.uri;
        out += ' ';
        out += p.token;
        out += '\n';
    }
    return out;
}

std::optional<std::vector<LogoutPost>> decodePosts(std::string_view text) {
    const auto ls = lines(text);
    if (!ls) return std::nullopt;
    std::vector<LogoutPost> posts;
    for (std::string_view line : *ls) {
        const std::size_t space = line.find(' ');
        if (space == std::string_view::npos) return std::nullopt;
        LogoutPost p{std::string(line.substr(0, space)), std::string(line.substr(space + 1))};
        if (!fitsOnTheWire(p)) return std::nullopt;
        posts.push_back(std::move(p));
    }
    return posts;
}

std::string encodeResults(const std::vector<PostResult>& results) {
    std::string out;
    for (const PostResult& r : results) {
        if (r.delivered) out += "delivered\n";
        else out += "failed " + (isCode(r.error) ? r.error : std::string("transport")) + "\n";
    }
    return out;
}

std::optional<std::vector<PostResult>> decodeResults(std::string_view text, std::size_t expected) {
    const auto ls = lines(text);
    if (!ls || ls->size() != expected) return std::nullopt;
    std::vector<PostResult> results;
    for (std::string_view line : *ls) {
        PostResult r;
        if (line == "delivered") {
            r.delivered = true;
        } else if (line.substr(0, 7) == "failed " && isCode(line.substr(7))) {
            r.error = std::string(line.substr(7));
        } else {
            return std::nullopt;
        }
        results.push_back(std::move(r));
    }
    return results;
}

}  // namespace ktk::oidc
