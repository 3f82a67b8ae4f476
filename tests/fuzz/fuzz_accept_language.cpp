// How a request picks its language (web::negotiateLang): ?lang=, the
// language cookie, the user's setting, then Accept-Language by q-value.
// Input: the Accept-Language header, then ?lang= and the cookie (fields
// separated by the scissors line, tests/fuzz/fuzz_support.h).
//
// The header is also read by a strict reader here (RFC 9110 section 12.4:
// a q-value is 0 to 1 with at most three decimals, "q" in any case,
// other parameters allowed before it); the product must agree with it.
#include <string>

#include "fuzz_support.h"
#include "web/language.h"

namespace {

using ktk::domain::Lang;

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// The q-value in thousandths, or -1 when it is not one.
int qvalue(std::string_view v) {
    if (v.empty() || (v[0] != '0' && v[0] != '1')) return -1;
    int q = (v[0] - '0') * 1000;
    if (v.size() == 1) return q;
    if (v[1] != '.' || v.size() > 5) return -1;
    int scale = 100;
    for (char c : v.substr(2)) {
        if (c < '0' || c > '9') return -1;
        q += (c - '0') * scale;
        scale /= 10;
    }
    return q <= 1000 ? q : -1;
}

std::optional<Lang> strict(std::string_view header) {
    std::optional<Lang> best;
    int bestQ = 0;
    std::size_t pos = 0;
    while (pos <= header.size()) {
        std::size_t end = header.find(',', pos);
        if (end == std::string_view::npos) end = header.size();
        std::string_view range = header.substr(pos, end - pos);
        pos = end + 1;
        std::size_t semi = range.find(';');
        std::string_view tag = trim(range.substr(0, semi));
        int q = 1000;
        bool valid = true;
        for (std::string_view params = semi == std::string_view::npos ? "" : range.substr(semi + 1); valid;) {
            std::size_t next = params.find(';');
            std::string_view param = trim(params.substr(0, next));
            if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
                q = qvalue(param.substr(2));
                valid = q >= 0;
            }
            if (next == std::string_view::npos) break;
            params.remove_prefix(next + 1);
        }
        if (!valid || q == 0) continue;
        std::string_view primary = tag.substr(0, tag.find('-'));
        if (primary.size() != 2) continue;
        char a = static_cast<char>(primary[0] | 0x20), b = static_cast<char>(primary[1] | 0x20);
        std::optional<Lang> lang = a == 'h' && b == 'u' ? std::optional(Lang::Hu)
                                   : a == 'e' && b == 'n' ? std::optional(Lang::En)
                                                          : std::nullopt;
        if (lang && q > bestQ) {
            best = lang;
            bestQ = q;
        }
    }
    return best;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto in = ktk::fuzz::fields(data, size, 3);
    std::string_view header = in[0], queryLang = in[1], cookieLang = in[2];
    using ktk::web::negotiateLang;

    // The header alone decides as the strict reader does; Hungarian when nothing matches.
    FUZZ_CHECK(negotiateLang("", "", std::nullopt, header) == strict(header).value_or(Lang::Hu));
    // The user's setting wins over the header, the cookie over both, ?lang= over all.
    FUZZ_CHECK(negotiateLang("", "", Lang::En, header) == Lang::En);
    FUZZ_CHECK(negotiateLang("", "en", Lang::Hu, header) == Lang::En);
    FUZZ_CHECK(negotiateLang("hu", "en", Lang::En, header) == Lang::Hu);
    Lang any = negotiateLang(queryLang, cookieLang, std::nullopt, header);
    if (queryLang == "en" || queryLang == "hu") FUZZ_CHECK(any == (queryLang == "en" ? Lang::En : Lang::Hu));
    else if (cookieLang == "en" || cookieLang == "hu") FUZZ_CHECK(any == (cookieLang == "en" ? Lang::En : Lang::Hu));
    return 0;
}
