#include "view/translator.h"

#include <cstdint>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "util/log.h"

namespace ktk::view {

namespace {
std::uint32_t readU32(const std::string& b, std::size_t at, bool swap) {
    if (at + 4 > b.size()) throw std::runtime_error("truncated .mo file");
    std::uint32_t v = static_cast<unsigned char>(b[at]) | static_cast<unsigned char>(b[at + 1]) << 8 |
                      static_cast<unsigned char>(b[at + 2]) << 16 |
                      static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24;
    return swap ? __builtin_bswap32(v) : v;
}

std::string readString(const std::string& b, std::size_t tableAt, std::uint32_t i, bool swap) {
    std::uint32_t len = readU32(b, tableAt + i * 8, swap);
    std::uint32_t off = readU32(b, tableAt + i * 8 + 4, swap);
    if (static_cast<std::size_t>(off) + len > b.size()) throw std::runtime_error("bad .mo string offset");
    return b.substr(off, len);
}
}  // namespace

std::unordered_map<std::string, std::string> Translator::parseMo(const std::string& bytes) {
    std::uint32_t magic = readU32(bytes, 0, false);
    bool swap;
    if (magic == 0x950412de) swap = false;
    else if (magic == 0xde120495) swap = true;
    else throw std::runtime_error("not a .mo file");
    std::uint32_t count = readU32(bytes, 8, swap);
    std::uint32_t originals = readU32(bytes, 12, swap);
    std::uint32_t translations = readU32(bytes, 16, swap);
    std::unordered_map<std::string, std::string> out;
    out.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) {
        std::string key = readString(bytes, originals, i, swap);
        if (key.empty()) continue;  // the header entry
        out.emplace(std::move(key), readString(bytes, translations, i, swap));
    }
    return out;
}

Translator::Translator(const std::string& localeDir) {
    for (domain::Lang lang : domain::kAllLangs) {
        std::string path = localeDir + "/" + code(lang) + "/LC_MESSAGES/ktk.mo";
        std::ifstream in(path, std::ios::binary);
        if (!in) throw std::runtime_error("cannot read translation catalog " + path);
        std::stringstream ss;
        ss << in.rdbuf();
        catalogs_[static_cast<int>(lang)] = parseMo(ss.str());
    }
}

const std::string* Translator::find(domain::Lang lang, std::string_view key) const {
    const auto& cat = catalogs_[static_cast<int>(lang)];
    auto it = cat.find(std::string(key));
    return it == cat.end() ? nullptr : &it->second;
}

const std::string& Translator::get(domain::Lang lang, std::string_view key) const {
    if (const std::string* s = find(lang, key)) return *s;
    util::logError(std::string("missing translation ") + code(lang) + ":" + std::string(key));
    static thread_local std::string fallback;
    fallback = key;
    return fallback;
}

void Translator::add(domain::Lang lang, std::string key, std::string text) {
    catalogs_[static_cast<int>(lang)][std::move(key)] = std::move(text);
}

}  // namespace ktk::view
