// application/x-www-form-urlencoded decoding of a query string
// (web::parseUrlEncoded, behind Request::query and queryAll). Whatever
// the text, the fields it gives, encoded again, decode to themselves.
#include <string>

#include "fuzz_support.h"
#include "web/request.h"

namespace {

std::string encode(const std::string& s) {
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else if (c == ' ') {
            out += '+';
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    ktk::web::Fields fields = ktk::web::parseUrlEncoded(text);

    // Every field comes from one non-empty stretch between '&'s.
    std::size_t pieces = 1;
    for (char c : text) pieces += c == '&';
    FUZZ_CHECK(fields.size() <= pieces);
    // Decoding never makes text longer.
    std::size_t decoded = 0;
    for (const auto& [k, v] : fields) decoded += k.size() + v.size();
    FUZZ_CHECK(decoded <= text.size());

    std::string again;
    for (const auto& [k, v] : fields) {
        if (!again.empty()) again += '&';
        again += encode(k) + "=" + encode(v);
    }
    FUZZ_CHECK(ktk::web::parseUrlEncoded(again) == fields);
    return 0;
}
