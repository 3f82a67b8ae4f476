// A printable document of already translated UTF-8 text, and its
// rendering as PDF with libharu: A4 portrait, a title, sections of label /
// value rows and tables, and a footer with the page number on every page.
// The caller decides every word (language, number formats); this file
// decides only where they go. Any text may come from a user: the renderer
// wraps it to its column, breaks pages as needed, and sets characters the
// font lacks as its replacement glyph, never failing on the text itself.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace ktk::applications {

// A table under a section (the budget): a header row and body rows of the
// same number of cells. Right-aligned columns (amounts) keep the width of
// their widest cell, up to a third of the table; the others share the
// rest and wrap.
struct PdfTable {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;  // a missing cell is empty, an extra one ignored
    std::vector<bool> rightAligned;              // per column; missing means left
};

// A label and its value, side by side. The value may be long text with
// line breaks: it wraps on word boundaries and continues on the next page.
struct PdfRow {
    std::string label;
    std::string value;
};

// A heading, its rows, then its table if it has one.
struct PdfSection {
    std::string heading;
    std::vector<PdfRow> rows;
    std::optional<PdfTable> table;
};

struct PdfDocument {
    std::string title;                       // large, on the first page; also the PDF's Title
    std::vector<std::string> subtitleLines;  // under the title (municipality, tax number, contact)
    std::vector<PdfSection> sections;
    // On every page, left, in at most three lines; e.g.
    // "KTK-2026-000123 · 3. változat · 2026-12-02 10:00".
    std::string footer;
    // The word before "n / N" at the bottom right ("oldal", "page").
    std::string pageLabel;
};

// libharu could not make the document (the font cannot be read, memory
// ran out). The message names libharu's error code, for the log only.
class PdfError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The PDF file of `document`, its text set in the TrueType font at
// `fontPath` (embedded, glyphs used only, so ő and ű print anywhere).
// Headings use the bold face beside it, `<name>-Bold.ttf`, when that file
// exists (fonts-dejavu-core ships DejaVuSans-Bold.ttf), else the same
// font. The PDF carries no creation date (the footer says when it was
// made), so the same document gives the same bytes. Throws PdfError;
// nothing leaks or stays behind when it does.
std::string renderPdf(const PdfDocument& document, const std::string& fontPath);

}  // namespace ktk::applications
