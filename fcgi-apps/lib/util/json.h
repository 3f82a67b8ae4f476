// JSON built by code (the audit log's before/after values; soon OIDC
// claims, client metadata and JWKS), through nlohmann-json. Members keep
// the order they were added in, so a stored value reads as it was written.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace ktk::util {

using Json = nlohmann::ordered_json;

// `value` as compact JSON text. Bytes of a string that are not UTF-8
// become U+FFFD, so any text a user typed can be stored without breaking
// the document (nlohmann-json would throw).
std::string jsonText(const Json& value);

// The members of a flat JSON object, in order: each key with its value as
// text (strings unescaped; numbers, true, false and null as JSON writes
// them), for pages that show audit values to people. nullopt for anything
// else: nested values, bad syntax, trailing bytes.
std::optional<std::vector<std::pair<std::string, std::string>>> parseFlatObject(std::string_view json);

}  // namespace ktk::util
