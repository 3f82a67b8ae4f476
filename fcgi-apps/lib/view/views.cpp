#include "view/views.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ktk::view {

namespace fs = std::filesystem;

constexpr const char* kTextPragma = "{{%AUTOESCAPE context=\"TEXT\"}}";
constexpr std::string_view kUriSuffix = ":uri";

std::string escapeHtml(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char ch : text) {
        switch (ch) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += ch;
        }
    }
    return out;
}

std::string percentEncode(std::string_view text) {
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
            c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string Views::key(domain::Lang lang, const std::string& name) { return std::string(code(lang)) + "/" + name; }

std::string Views::translate(const std::string& text, domain::Lang lang, const Translator& translator,
                             bool html, const std::string& origin) {
    std::string out;
    out.reserve(text.size() * 2);
    std::size_t pos = 0;
    for (;;) {
        std::size_t start = text.find("{{_", pos);
        if (start == std::string::npos) break;
        std::size_t end = text.find("}}", start);
        if (end == std::string::npos) throw std::runtime_error(origin + ": unterminated {{_");
        std::string msgKey = text.substr(start + 3, end - start - 3);
        const bool uri = msgKey.size() > kUriSuffix.size() &&
                         msgKey.compare(msgKey.size() - kUriSuffix.size(), kUriSuffix.size(), kUriSuffix) == 0;
        if (uri) msgKey.resize(msgKey.size() - kUriSuffix.size());
        const std::string* msg = translator.find(lang, msgKey);
        if (!msg) throw std::runtime_error(origin + ": no " + code(lang) + " translation for '" + msgKey + "'");
        out.append(text, pos, start - pos);
        // Percent-encoded text is plain ASCII without '&', '<' or quotes:
        // safe in HTML as it is.
        out += uri ? percentEncode(*msg) : html ? escapeHtml(*msg) : *msg;
        pos = end + 2;
    }
    out.append(text, pos, std::string::npos);
    return out;
}

Views::Views(const std::string& templatesDir, const Translator& translator, const std::vector<std::string>& only) {
    if (!fs::is_directory(templatesDir)) throw std::runtime_error("templates_dir is not a directory: " + templatesDir);
    auto wanted = [&only](const std::string& name) {
        if (only.empty()) return true;
        for (const std::string& prefix : only)
            if (name.compare(0, prefix.size(), prefix) == 0) return true;
        return false;
    };
    for (const auto& entry : fs::recursive_directory_iterator(templatesDir)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".tpl") continue;
        std::string name = fs::relative(entry.path(), templatesDir).replace_extension().generic_string();
        if (!wanted(name)) continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        const std::string text = ss.str();
        const std::string firstLine = text.substr(0, text.find('\n'));
        bool html;
        if (firstLine.find("{{%AUTOESCAPE context=\"HTML\"}}") != std::string::npos) html = true;
        else if (firstLine.find(kTextPragma) != std::string::npos) html = false;
        else throw std::runtime_error(entry.path().string() + ": first line must set AUTOESCAPE HTML or TEXT");
        ctemplate::Strip strip = html ? ctemplate::STRIP_BLANK_LINES : ctemplate::DO_NOT_STRIP;
        strip_[name] = strip;
        for (domain::Lang lang : domain::kAllLangs) {
            std::string translated = translate(text, lang, translator, html, entry.path().string());
            // ctemplate knows no TEXT context: a plain-text mail part is a
            // template without the pragma, whose values go in unchanged.
            if (!html) translated.erase(translated.find(kTextPragma), std::strlen(kTextPragma));
            if (!ctemplate::StringToTemplateCache(key(lang, name), translated, strip))
                throw std::runtime_error(entry.path().string() + ": ctemplate rejected the template");
        }
    }
    for (const std::string& prefix : only)
        if (std::none_of(strip_.begin(), strip_.end(),
                         [&prefix](const auto& t) { return t.first.compare(0, prefix.size(), prefix) == 0; }))
            throw std::runtime_error("no template under " + templatesDir + "/" + prefix);
    ctemplate::mutable_default_template_cache()->Freeze();
}

std::string Views::expand(domain::Lang lang, const std::string& name, const ctemplate::TemplateDictionary& dict) const {
    auto it = strip_.find(name);
    if (it == strip_.end()) throw std::runtime_error("unknown template " + name);
    std::string out;
    out.reserve(8192);
    if (!ctemplate::ExpandTemplate(key(lang, name), it->second, &dict, &out))
        throw std::runtime_error("template expansion failed: " + name);
    return out;
}

}  // namespace ktk::view
