// A flat JSON object built by code, for the audit log's before/after
// values. Keys are ours (literals); string values are escaped here, so any
// text a user typed can be stored without breaking the document.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ktk {

class JsonObject {
public:
    JsonObject& add(std::string_view key, std::string_view value);
    JsonObject& add(std::string_view key, const char* value) { return add(key, std::string_view(value)); }
    JsonObject& add(std::string_view key, std::int64_t value);
    JsonObject& add(std::string_view key, std::uint64_t value);
    JsonObject& add(std::string_view key, int value) { return add(key, static_cast<std::int64_t>(value)); }
    JsonObject& add(std::string_view key, unsigned value) { return add(key, static_cast<std::uint64_t>(value)); }
    JsonObject& add(std::string_view key, bool value);
    JsonObject& addNull(std::string_view key);

    std::string str() const { return body_ + "}"; }

private:
    void key(std::string_view k);
    std::string body_ = "{";
};

// The members of a flat JSON object such as JsonObject writes, in order:
// each key with its value as text (strings unescaped; numbers, true, false
// and null as written), for pages that show audit values to people.
// nullopt for anything else: nested values, bad syntax, trailing bytes.
std::optional<std::vector<std::pair<std::string, std::string>>> parseFlatObject(std::string_view json);

// `text` as a JSON string literal, quotes included. Invalid UTF-8 bytes
// become U+FFFD so the result is always valid JSON.
std::string jsonString(std::string_view text);

}  // namespace ktk
