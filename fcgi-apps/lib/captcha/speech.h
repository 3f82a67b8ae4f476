// The captcha's spoken alternative (WCAG 1.1.1: a non-visual way to pass
// it). The answer is spelled character by character in the page's
// language, each letter with a word from the telephone spelling alphabet
// ("C, mint Cecília" / "C, as in Charlie") and each digit announced as a
// number, then once more. It says exactly what the picture shows and
// nothing else. The phrases live in the catalogs (captcha.audio.*); the
// synthesiser (espeak-ng, run by the captcha program) turns the text into
// a WAV, which compactWav() shrinks for the wire.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/lang.h"
#include "view/translator.h"

namespace ktk::captcha {

// The text to speak for `answer` (normalised: A–Z and 0–9). A character
// without a phrase in the catalog is a programming error: std::logic_error.
std::string spokenText(std::string_view answer, domain::Lang lang, const view::Translator& translator);

// The espeak-ng voice for a language.
const char* voiceFor(domain::Lang lang);

// espeak-ng writes 16-bit mono PCM at 22 050 Hz with placeholder sizes in
// the RIFF header (it cannot seek on a pipe). This returns the same sound
// as an 8-bit mono WAV at half the rate, with true sizes: a quarter of the
// bytes, still clear for spoken letters, and a header that lets a browser
// show the length. Nothing when `wav` is not 16-bit mono PCM.
std::optional<std::string> compactWav(std::string_view wav);

}  // namespace ktk::captcha
