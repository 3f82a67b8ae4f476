// The PDF renderer's layout rules: what a user typed made safe for the
// page, greedy word wrapping to a column width, and a table's column
// widths. Pure functions over code points, so a wrap never splits a UTF-8
// sequence; widths come from a callback (the font's advance of one
// character), which keeps the rules testable without a PDF library.
// Widths add up character by character: the embedded TrueType font is set
// without kerning.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ktk::applications {

// The width in points of one character at the size being set.
using CharWidth = std::function<double(char32_t)>;

// `utf8` as characters the renderer can set: malformed bytes and
// characters past U+FFFF (the font's codes are 16 bits) become U+FFFD,
// tabs become spaces, CR LF and lone CR become LF, every other control
// character is dropped. With `keepNewlines` false, line breaks become
// spaces too (titles, labels, headings).
std::u32string pdfCleanText(std::string_view utf8, bool keepNewlines);

// `text` broken into lines no wider than `maxWidth`: paragraphs at each
// LF, lines at spaces (runs of spaces count as one; no-break spaces do
// not break), and a word wider than the whole column between characters.
// An empty paragraph is an empty line; every line holds at least one
// character, so the wrap ends whatever the widths.
std::vector<std::u32string> wrapText(std::u32string_view text, double maxWidth, const CharWidth& width);

// The width of `line` by the same measure.
double lineWidth(std::u32string_view line, const CharWidth& width);

// The widths of a table's columns sharing `available` points with `gap`
// between neighbours, from each column's `natural` width (its widest cell
// on one line). A right-aligned column (amounts) keeps its natural width,
// up to a third of the table; the other columns share the rest, each its
// natural width if all fit, the first of them taking what is left over,
// else in proportion to their natural widths (their cells then wrap).
std::vector<double> tableColumnWidths(const std::vector<double>& natural, const std::vector<bool>& rightAligned,
                                      double available, double gap);

}  // namespace ktk::applications
