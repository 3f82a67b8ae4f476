#include "util/json.h"

namespace ktk::util {

std::string jsonText(const Json& value) { return value.dump(-1, ' ', false, Json::error_handler_t::replace); }

std::optional<std::vector<std::pair<std::string, std::string>>> parseFlatObject(std::string_view json) {
    const Json parsed = Json::parse(json, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) return std::nullopt;
    std::vector<std::pair<std::string, std::string>> members;
    for (const auto& [key, value] : parsed.items()) {
        if (value.is_structured()) return std::nullopt;
        members.emplace_back(key, value.is_string() ? value.get<std::string>() : jsonText(value));
    }
    return members;
}

}  // namespace ktk::util
