// The gettext catalogs (templates/i18n/<lang>/*.po, compiled to
// <locale_dir>/<lang>/LC_MESSAGES/ktk.mo at build time), read once at
// startup. Message ids are stable keys such as "login.title".
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "domain/lang.h"

namespace ktk::view {

class Translator {
public:
    // Throws std::runtime_error when a catalog is missing or malformed.
    explicit Translator(const std::string& localeDir);
    Translator() = default;

    // The translation, or nullptr when the catalog lacks the key.
    const std::string* find(domain::Lang lang, std::string_view key) const;
    // The translation; a missing key is logged and the key itself returned.
    const std::string& get(domain::Lang lang, std::string_view key) const;

    // Parses one .mo file's bytes (exposed for the unit tests).
    static std::unordered_map<std::string, std::string> parseMo(const std::string& bytes);

    void add(domain::Lang lang, std::string key, std::string text);

private:
    std::unordered_map<std::string, std::string> catalogs_[2];
};

}  // namespace ktk::view
