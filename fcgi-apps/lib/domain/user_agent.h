// A short, readable name for a browser from its User-Agent header, for the
// person's own list of sessions and sign-ins on the Security tab:
// "Firefox" and "Windows" for "Firefox on Windows". Only the families
// people recognise are named; anything else (a bot, a library, a header
// someone made up) has no name, and the page says "Unknown browser".
// The header is hostile input: it is only searched, never echoed.
#pragma once

#include <string>
#include <string_view>

namespace ktk::domain {

struct BrowserName {
    std::string browser;   // "Firefox", "Chrome", "Edge", "Safari", "Opera", "Samsung Internet"; "" unknown
    std::string platform;  // "Windows", "macOS", "Linux", "Android", "iPhone", "iPad", "ChromeOS"; "" unknown
};

BrowserName browserName(std::string_view userAgent);

// What is kept of a header in the sessions table: printable ASCII only
// (anything else becomes '?'), at most 255 characters.
std::string storableUserAgent(std::string_view userAgent);

}  // namespace ktk::domain
