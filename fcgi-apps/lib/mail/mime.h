// The pieces of an RFC 5322 / MIME message that the portal writes itself.
//
// Hand-written rather than a MIME library (mimetic, GMime, vmime): every
// FastCGI program links the shared core, and the portal only ever writes one
// shape of message (UTF-8 multipart/alternative, text + HTML), which needs
// about 300 lines. The promises below are what the unit tests check against
// Python's email package, a real and strict parser.
//
// Line breaks are "\n": messages go to a sendmail command on a pipe, and
// sendmail-compatible programs take local (LF) line endings and write CRLF
// on the wire themselves.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ktk::mail {

// Longest line this code ever writes: the 76 of RFC 2045 for bodies and the
// 78 of RFC 5322 for folded headers (an address longer than that gets a
// line of its own, still far below the hard limit of 998).
constexpr std::size_t kMaxBodyLine = 76;
constexpr std::size_t kMaxHeaderLine = 78;

// Text a person typed, made fit for one header line: invalid UTF-8 becomes
// U+FFFD; every control character (CR, LF, TAB, NUL, DEL, C1) and the
// Unicode line and paragraph separators become a space; runs of spaces are
// collapsed and the ends trimmed. Nothing that leaves here can end a header.
std::string headerText(std::string_view text);

// An unstructured header value (Subject). `used` is how many characters of
// the first line the header name has already taken ("Subject: " = 9).
// Printable ASCII is folded at spaces; anything else (non-ASCII, or text
// that looks like an encoded word) becomes RFC 2047 "B" encoded words of
// whole UTF-8 characters, one per folded line. Applies headerText first.
std::string encodeUnstructured(std::string_view text, std::size_t used);

// An address header value: `Name <address>`, the name as a plain phrase
// when it is plain ASCII words and as RFC 2047 encoded words otherwise;
// just the address when the name is empty. Applies headerText to the name.
// The address must already be valid (see validAddress).
std::string encodeMailbox(std::string_view displayName, std::string_view address, std::size_t used);

// True for an address the portal may hand to sendmail: 3–254 printable
// ASCII characters, exactly one '@' with text on both sides, no space,
// quote, angle bracket, comma, semicolon or backslash, and no leading '-'
// (so it can never be read as an option).
bool validAddress(std::string_view address);

// Quoted-printable (RFC 2045 §6.7) of UTF-8 text, line breaks normalised to
// "\n". No output line is longer than kMaxBodyLine, none starts with '.'
// (so a lone "." line cannot end an SMTP DATA phase, whatever the sendmail
// flags) and none starts with "From " (so mbox stores leave it alone).
std::string quotedPrintable(std::string_view text);

}  // namespace ktk::mail
