#include "captcha/speech.h"

#include <cstdint>
#include <stdexcept>

namespace ktk::captcha {

namespace {

std::uint32_t le32(std::string_view s, std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 2])) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 3])) << 24;
}

std::uint16_t le16(std::string_view s, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(s[at]) |
                                      static_cast<unsigned char>(s[at + 1]) << 8);
}

void put32(std::string& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

void put16(std::string& out, std::uint16_t v) {
    out += static_cast<char>(v & 0xFF);
    out += static_cast<char>(v >> 8);
}

}  // namespace

const char* voiceFor(domain::Lang lang) { return lang == domain::Lang::En ? "en-gb" : "hu"; }

std::string spokenText(std::string_view answer, domain::Lang lang, const view::Translator& translator) {
    std::string spelled;
    for (char c : answer) {
        const std::string key = std::string("captcha.audio.char.") + c;
        const std::string* phrase = translator.find(lang, key);
        if (!phrase) throw std::logic_error("captcha: no phrase for " + key);
        spelled += *phrase;
        spelled += ". ";
    }
    return translator.get(lang, "captcha.audio.intro") + " " + spelled + translator.get(lang, "captcha.audio.again") +
           " " + spelled;
}

std::optional<std::string> compactWav(std::string_view wav) {
    if (wav.size() < 12 || wav.substr(0, 4) != "RIFF" || wav.substr(8, 4) != "WAVE") return std::nullopt;
    std::uint32_t rate = 0;
    bool formatOk = false;
    std::size_t at = 12;
    std::string_view samples;
    while (at + 8 <= wav.size()) {
        std::string_view id = wav.substr(at, 4);
        std::uint32_t size = le32(wav, at + 4);
        std::size_t body = at + 8;
        if (id == "fmt ") {
            if (size < 16 || body + 16 > wav.size()) return std::nullopt;
            formatOk = le16(wav, body) == 1 /* PCM */ && le16(wav, body + 2) == 1 /* mono */ &&
                       le16(wav, body + 14) == 16;
            rate = le32(wav, body + 4);
        } else if (id == "data") {
            // The size in the header is a placeholder: the data runs to the end.
            samples = wav.substr(body);
            break;
        }
        if (size > wav.size() - body) return std::nullopt;
        at = body + size + (size & 1);
    }
    if (!formatOk || rate < 8000 || rate > 48000) return std::nullopt;

    const std::size_t frames = samples.size() / 2;
    std::string pcm;
    pcm.reserve(frames / 2 + 1);
    // Halving the rate: each output sample is the mean of two, a simple
    // low-pass that keeps speech clear. 16-bit signed → 8-bit unsigned.
    for (std::size_t i = 0; i + 1 < frames; i += 2) {
        int a = static_cast<std::int16_t>(le16(samples, 2 * i));
        int b = static_cast<std::int16_t>(le16(samples, 2 * i + 2));
        int mean = (a + b) / 2;
        pcm += static_cast<char>(static_cast<unsigned char>((mean >> 8) + 128));
    }
    const std::uint32_t outRate = rate / 2;
    std::string out;
    out.reserve(44 + pcm.size() + 1);
    out += "RIFF";
    put32(out, static_cast<std::uint32_t>(36 + pcm.size() + (pcm.size() & 1)));
    out += "WAVEfmt ";
    put32(out, 16);
    put16(out, 1);        // PCM
    put16(out, 1);        // mono
    put32(out, outRate);  // samples per second
    put32(out, outRate);  // bytes per second
    put16(out, 1);        // block align
    put16(out, 8);        // bits per sample
    out += "data";
    put32(out, static_cast<std::uint32_t>(pcm.size()));
    out += pcm;
    if (pcm.size() & 1) out += static_cast<char>(0x80);  // chunks are word-aligned
    return out;
}

}  // namespace ktk::captcha
