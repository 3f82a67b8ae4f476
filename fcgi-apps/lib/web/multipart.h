// multipart/form-data bodies (RFC 7578), as a form with a file input
// sends them. Our own parser rather than cgicc's, which turns "+" in a
// file name into a space, drops the last part when the closing boundary
// has no CRLF after it, splits a part wherever "--boundary" CRLF stands
// (so a file's bytes can become form fields), reads the field name out of
// `filename="…"` when that comes first, parses nothing under a quoted
// boundary, and throws on a part without a blank line (a 500 for any
// visitor's garbage).
//
// Binary-safe: a part's bytes are everything between the blank line after
// its headers and the CRLF before the next boundary, NUL and CR LF
// included. Strict: a body that is not well-formed yields nothing at all
// (no fields, so no CSRF token either), never part of a form.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ktk::web {

struct UploadedFile {
    std::string field;  // the form field's name
    std::string name;   // the file name as the browser sent it: untrusted, not cleaned
    std::string data;   // the bytes as sent
};

struct MultipartForm {
    std::vector<std::pair<std::string, std::string>> fields;  // the parts without a file name, in order
    std::vector<UploadedFile> files;                          // the files, in order
};

// At most this many parts; a body with more is refused.
constexpr std::size_t kMaxMultipartParts = 256;

// True for every Content-Type that starts with "multipart/", in any case,
// well-formed or not: such a body is for parseMultipart, which takes only
// multipart/form-data with a valid boundary, and never for cgicc, which
// parses anything starting with "multipart/form-data" and throws on a
// malformed body.
bool isMultipart(std::string_view contentType);

// The boundary of "multipart/form-data; boundary=…" (a token or a quoted
// string of 1–70 of RFC 2046's characters, not ending in a space);
// nullopt for another type or a missing, repeated or invalid boundary.
std::optional<std::string> multipartBoundary(std::string_view contentType);

// The parts of `body`: after an optional preamble, "--boundary" CRLF,
// then parts separated by CRLF "--boundary" CRLF, ended by CRLF
// "--boundary--" (the CRLF after it and an epilogue are optional). Each
// part has header lines ending in CRLF, a blank line, then its bytes.
// Header names in any case; "Content-Disposition: form-data" with a
// `name` is required once, other headers (the declared Content-Type) are
// ignored. `name` and `filename` are quoted strings without escapes (or
// tokens); %22, %0D and %0A in them, which is how browsers send a quote,
// CR and LF, are decoded, nothing else ("a+b 50%.pdf" stays as it is). A
// part with a `filename` is a file; one with an empty file name and no
// bytes is a file input left empty and is skipped. nullopt when anything
// is malformed or truncated.
std::optional<MultipartForm> parseMultipart(std::string_view body, std::string_view boundary);

}  // namespace ktk::web
