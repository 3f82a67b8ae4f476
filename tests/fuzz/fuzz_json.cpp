// The JSON reader behind the audit pages (util::parseFlatObject) and the
// writer behind every stored JSON value (util::jsonText), over
// nlohmann-json. The whole input is read as a document, and also stored
// as a string value (as text a user typed is).
#include <string>

#include "fuzz_support.h"
#include "util/json.h"
#include "util/unicode.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using ktk::util::Json;
    std::string_view text(reinterpret_cast<const char*>(data), size);

    // A flat object's members: never a throw, and what it gives is what a
    // full parse holds.
    auto members = ktk::util::parseFlatObject(text);
    const Json parsed = Json::parse(text, nullptr, false);
    if (members) {
        FUZZ_CHECK(!parsed.is_discarded() && parsed.is_object());
        FUZZ_CHECK(members->size() == parsed.size());
        for (const auto& [key, value] : *members) {
            FUZZ_CHECK(parsed.contains(key));
            const Json& v = parsed.at(key);
            FUZZ_CHECK(!v.is_structured());
            if (v.is_string()) FUZZ_CHECK(value == v.get<std::string>());
        }
    }
    // What parses is written out again as JSON that parses to the same.
    if (!parsed.is_discarded()) {
        const std::string again = ktk::util::jsonText(parsed);
        const Json reparsed = Json::parse(again, nullptr, false);
        FUZZ_CHECK(!reparsed.is_discarded());
        FUZZ_CHECK(ktk::util::jsonText(reparsed) == again);
    }

    // Any bytes stored as a string value: valid UTF-8 JSON that reads back
    // through parseFlatObject, unchanged when the bytes were UTF-8.
    Json stored = Json::object();
    stored["before"] = std::string(text);
    stored["n"] = size;
    const std::string out = ktk::util::jsonText(stored);
    FUZZ_CHECK(ktk::util::decodeUtf8(out).has_value());
    auto back = ktk::util::parseFlatObject(out);
    FUZZ_CHECK(back && back->size() == 2 && (*back)[0].first == "before" && (*back)[1].second == std::to_string(size));
    if (ktk::util::decodeUtf8(text)) FUZZ_CHECK((*back)[0].second == text);
    return 0;
}
