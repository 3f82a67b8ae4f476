// ktk-logout-post: the back-channel logout POSTs of one batch, for the mail
// worker (oidc/logout_wire.h): reads "<uri> <token>" lines on standard
// input, posts them in parallel over libcurl (curl_poster.h) and prints
// one result line per post, in their order. Exit status 0 when it
// answered, 2 when the input was not such lines.
#include <unistd.h>

#include <iostream>
#include <string>

#include "logout-post/curl_poster.h"
#include "oidc/logout_wire.h"

int main() {
    // The worker writes at most util::kMaxInputBytes.
    constexpr std::size_t kMaxInput = 1024 * 1024;
    std::string input;
    char buf[16384];
    for (;;) {
        const ssize_t got = ::read(0, buf, sizeof buf);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;
        input.append(buf, static_cast<std::size_t>(got));
        if (input.size() > kMaxInput) return 2;
    }
    const auto posts = ktk::oidc::decodePosts(input);
    if (!posts) {
        std::cerr << "ktk-logout-post: expected lines of \"<uri> <token>\"\n";
        return 2;
    }
    try {
        ktk::logoutpost::CurlPoster poster;
        std::cout << ktk::oidc::encodeResults(poster.post(*posts)) << std::flush;
    } catch (const std::exception& e) {
        std::cerr << "ktk-logout-post: " << e.what() << "\n";
        return 1;
    }
    return std::cout ? 0 : 1;
}
