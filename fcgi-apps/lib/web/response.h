// What a handler answers. The loop adds the security headers and writes it;
// handlers never print to the FastCGI stream themselves.
#pragma once

#include <fcgiapp.h>

#include <string>
#include <utility>
#include <vector>

#include "web/cookie.h"

namespace ktk::web {

struct Response {
    int status = 200;
    std::string contentType = "text/html; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    std::vector<Cookie> cookies;
    // Account, token and form pages must never sit in a cache; only
    // responses that say so (images of public assets) may.
    bool noStore = true;
    // One more origin ("https://host:port") the page's forms may lead to:
    // a sign-in for another service ends in a redirect there, and the
    // policy's form-action covers every redirect after a form's POST.
    // Anything but an origin's characters is ignored.
    std::string formActionOrigin;

    // 303 See Other to a path on this site (POST–redirect–GET); "/" for
    // a target web::localPath refuses.
    static Response redirect(std::string location);
    static Response plain(int status, std::string text);
};

const char* statusText(int status);

// The status line and headers (ours plus the security set), ending with
// the blank line.
std::string head(const Response& response, bool tls);
// The head and, unless headOnly, the body.
std::string serialize(const Response& response, bool headOnly, bool tls);
void write(FCGX_Stream* out, const Response& response, bool headOnly, bool tls);

}  // namespace ktk::web
