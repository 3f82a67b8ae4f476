// UTF-8 as the portal reads and writes it, the one codec (validators,
// mail headers, names): strictly decoded code points, and character
// classes from the C.UTF-8 locale held privately here, so the answers do
// not depend on the process locale.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ktk::util {

// The code points of `text`; nullopt for anything that is not well-formed
// UTF-8 (overlong forms, surrogates, values past U+10FFFF, truncation).
std::optional<std::u32string> decodeUtf8(std::string_view text);
// The same, but every byte that is not part of well-formed UTF-8 becomes
// U+FFFD: for text that must go out whatever it holds (mail headers).
std::u32string decodeUtf8Lenient(std::string_view text);
std::string encodeUtf8(std::u32string_view text);
void appendUtf8(std::string& out, char32_t c);

constexpr char32_t kReplacementCharacter = 0xFFFD;

bool isLetter(char32_t c);
bool isUpper(char32_t c);
bool isLower(char32_t c);
// Cc: C0 controls, DEL and the C1 controls. NUL, CR and LF are among them.
bool isControl(char32_t c);
// Combining diacritical marks (U+0300–U+036F): decomposed accents.
bool isCombiningMark(char32_t c);
// The bidirectional embeddings, overrides and isolates (U+202A–U+202E,
// U+2066–U+2069): they make text read other than it is stored.
bool isDirectionOverride(char32_t c);
char32_t toLower(char32_t c);

// Lowercased with the accents of Latin letters removed ("Őz" → "oz"), so
// that comparisons ignore case and accents. Keeps the length.
std::u32string foldCase(std::u32string_view text);

}  // namespace ktk::util
