// What an uploaded file is, decided by its bytes and never by its name or
// the type the browser declared: an application's attachments are PDF,
// JPEG or PNG, and everything else (a program renamed .pdf, a ZIP or
// Office file, HTML, SVG, GIF, an empty or truncated file) is Other.
//   PDF   "%PDF-1.x" or "%PDF-2.x" at the very start, and "%%EOF" within
//         the last 1024 bytes (where readers look for it).
//   JPEG  FF D8 FF at the start, marker segments that stay inside the file
//         up to a frame header (SOFn) and the start of scan, and the end
//         marker FF D9 last, after which at most 1024 bytes of NUL or ASCII
//         white space may follow (padding some writers add). Data appended
//         after the image (the video of a phone's "motion photo") is not
//         padding: such a file is Other.
//   PNG   the 8-byte signature, IHDR as the first chunk (13 bytes, width
//         and height not 0), chunks that stay inside the file, and IEND
//         ending it exactly.
// And the name an attachment is stored and shown under (attachmentName),
// and the header it is downloaded with (contentDisposition).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ktk::domain {

enum class FileType { Pdf, Jpeg, Png, Other };

FileType sniffFileType(std::string_view bytes);

// "application/pdf", "image/jpeg", "image/png"; "application/octet-stream" for Other.
const char* mediaType(FileType type);
// "pdf", "jpg", "png", without the dot; "" for Other.
const char* fileExtension(FileType type);

// The name to store and show for a file of `type` the browser sent as
// `uploadedName`, nullopt for Other. In order:
// - only the last path component ("C:\fakepath\x.pdf", "../../x.pdf" → "x.pdf");
// - bytes that are not well-formed UTF-8 become "_"; control characters
//   and the invisible direction marks, overrides and isolates (U+061C,
//   U+200E, U+200F, U+202A–U+202E, U+2066–U+2069, which make
//   "<U+202E>fdp.exe" read "exe.pdf") and U+FEFF are dropped;
// - spaces and dots trimmed from both ends (no hidden ".name");
// - the extension made to match the type: one that already names it
//   (any case: pdf; jpg, jpeg, jpe, jfif; png) is kept; another one
//   (1–4 ASCII letters or digits, at least one letter: "exe", "docx",
//   "v2") is replaced ("resolution.exe" holding a PDF → "resolution.pdf");
//   otherwise the type's extension is appended ("budget.2024" →
//   "budget.2024.pdf");
// - at most kMaxAttachmentNameChars characters, cut at the end of the
//   base name so the extension stays;
// - "attachment.<ext>" when no base name is left.
std::optional<std::string> attachmentName(std::string_view uploadedName, FileType type);

constexpr std::size_t kMaxAttachmentNameChars = 200;

// The Content-Disposition header value that downloads a file under `name`:
// attachment; filename="<ASCII fallback>"; filename*=UTF-8''<RFC 5987>.
// The fallback has "_" for each non-ASCII character and no quote,
// backslash or control character; the encoded form keeps the whole name
// (control characters dropped). An empty name downloads as "attachment".
std::string contentDisposition(std::string_view name);

}  // namespace ktk::domain
