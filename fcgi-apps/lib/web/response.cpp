#include "web/response.h"

#include "web/local_path.h"

namespace ktk::web {

Response Response::redirect(std::string location) {
    Response r;
    r.status = 303;
    // Only local paths: an open redirect would let a phishing link borrow our name.
    r.headers.emplace_back("Location", localPath(location).value_or("/"));
    r.contentType = "text/plain; charset=utf-8";
    return r;
}

Response Response::plain(int status, std::string text) {
    Response r;
    r.status = status;
    r.contentType = "text/plain; charset=utf-8";
    r.body = std::move(text);
    return r;
}

const char* statusText(int status) {
    switch (status) {
        case 200: return "OK";
        case 303: return "See Other";
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 409: return "Conflict";
        case 413: return "Payload Too Large";
        case 422: return "Unprocessable Content";
        case 429: return "Too Many Requests";
        case 500: return "Internal Server Error";
        case 503: return "Service Unavailable";
        default:  return "Unknown";
    }
}

namespace {
// Sent on every response the programs make; nginx/security_headers.conf
// sends the same for static files and nginx's own pages.
const char kPolicyHead[] =
    "Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self'; media-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'";
const char kPolicyTail[] = "; frame-ancestors 'none'\r\n";
const char kSecurityHeaders[] =
    "X-Content-Type-Options: nosniff\r\n"
    "X-Frame-Options: DENY\r\n"
    "Referrer-Policy: no-referrer\r\n"
    "Cross-Origin-Opener-Policy: same-origin\r\n"
    "Permissions-Policy: camera=(), microphone=(), geolocation=()\r\n";

// "http(s)://" and a host with an optional port: nothing that could end
// the directive or the header.
bool isOrigin(const std::string& o) {
    const std::size_t start = o.rfind("https://", 0) == 0 ? 8 : o.rfind("http://", 0) == 0 ? 7 : 0;
    if (!start || o.size() == start || o.size() > 300) return false;
    for (std::size_t i = start; i < o.size(); ++i) {
        const char c = o[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
              c == ':' || c == '[' || c == ']'))
            return false;
    }
    return true;
}
}  // namespace

std::string head(const Response& r, bool tls) {
    // The headers every answer without another form-action origin sends,
    // joined once.
    static const std::string kFixed = std::string(kPolicyHead) + kPolicyTail + kSecurityHeaders;
    std::string out;
    out.reserve(1024);
    out += "Status: ";
    out += std::to_string(r.status);
    out += ' ';
    out += statusText(r.status);
    out += "\r\nContent-Type: ";
    out += r.contentType;
    out += "\r\nContent-Length: ";
    out += std::to_string(r.body.size());
    out += "\r\n";
    if (isOrigin(r.formActionOrigin)) {
        out += kPolicyHead;
        out += ' ';
        out += r.formActionOrigin;
        out += kPolicyTail;
        out += kSecurityHeaders;
    } else {
        out += kFixed;
    }
    if (tls) out += "Strict-Transport-Security: max-age=31536000; includeSubDomains\r\n";
    if (r.noStore) out += "Cache-Control: no-store\r\n";
    for (const auto& [name, value] : r.headers) {
        out += name;
        out += ": ";
        out += value;
        out += "\r\n";
    }
    for (const auto& c : r.cookies) {
        out += "Set-Cookie: ";
        out += c.serialize();
        out += "\r\n";
    }
    out += "\r\n";
    return out;
}

std::string serialize(const Response& r, bool headOnly, bool tls) {
    std::string out = head(r, tls);
    if (!headOnly) out += r.body;
    return out;
}

void write(FCGX_Stream* out, const Response& response, bool headOnly, bool tls) {
    // The body goes out as it is, not copied behind the headers first.
    const std::string h = head(response, tls);
    FCGX_PutStr(h.data(), static_cast<int>(h.size()), out);
    if (!headOnly) FCGX_PutStr(response.body.data(), static_cast<int>(response.body.size()), out);
}

}  // namespace ktk::web
