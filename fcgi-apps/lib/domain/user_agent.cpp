#include "domain/user_agent.h"

namespace ktk::domain {

namespace {

bool has(std::string_view ua, std::string_view token) { return ua.find(token) != std::string_view::npos; }

std::string platformOf(std::string_view ua) {
    // Order matters: an iPad's and an Android's headers also say
    // "like Mac OS X" and "Linux".
    if (has(ua, "iPhone") || has(ua, "iPod")) return "iPhone";
    if (has(ua, "iPad")) return "iPad";
    if (has(ua, "Android")) return "Android";
    if (has(ua, "CrOS")) return "ChromeOS";
    if (has(ua, "Windows")) return "Windows";
    if (has(ua, "Macintosh") || has(ua, "Mac OS X")) return "macOS";
    if (has(ua, "Linux") || has(ua, "X11")) return "Linux";
    return {};
}

std::string browserOf(std::string_view ua) {
    // Most headers name several engines for compatibility ("Chrome/...
    // Safari/..."): the most specific token wins.
    if (has(ua, "Edg/") || has(ua, "EdgA/") || has(ua, "EdgiOS/") || has(ua, "Edge/")) return "Edge";
    if (has(ua, "OPR/") || has(ua, "Opera")) return "Opera";
    if (has(ua, "SamsungBrowser/")) return "Samsung Internet";
    if (has(ua, "Firefox/") || has(ua, "FxiOS/")) return "Firefox";
    if (has(ua, "Chrome/") || has(ua, "CriOS/") || has(ua, "Chromium/")) return "Chrome";
    if (has(ua, "Safari/") && has(ua, "Version/")) return "Safari";
    // iOS apps' web views (no "Safari/") still run Safari's engine.
    if (has(ua, "AppleWebKit/") && (has(ua, "iPhone") || has(ua, "iPad"))) return "Safari";
    return {};
}

}  // namespace

BrowserName browserName(std::string_view ua) {
    if (!has(ua, "Mozilla/") && !has(ua, "Opera")) return {};  // curl, bots, libraries
    BrowserName n;
    n.browser = browserOf(ua);
    if (n.browser.empty()) return {};
    n.platform = platformOf(ua);
    return n;
}

std::string storableUserAgent(std::string_view ua) {
    std::string out;
    for (char c : ua.substr(0, 255)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
    return out;
}

}  // namespace ktk::domain
