#include "applications/pdf_layout.h"

#include <algorithm>

#include "util/unicode.h"

namespace ktk::applications {

std::u32string pdfCleanText(std::string_view utf8, bool keepNewlines) {
    const std::u32string decoded = util::decodeUtf8Lenient(utf8);
    std::u32string out;
    out.reserve(decoded.size());
    for (std::size_t i = 0; i < decoded.size(); ++i) {
        char32_t c = decoded[i];
        if (c == U'\r') {
            if (i + 1 < decoded.size() && decoded[i + 1] == U'\n') continue;  // the LF follows
            c = U'\n';
        }
        if (c == U'\n') {
            out += keepNewlines ? U'\n' : U' ';
        } else if (c == U'\t') {
            out += U' ';
        } else if (util::isControl(c)) {
            continue;
        } else {
            out += c > 0xFFFF ? util::kReplacementCharacter : c;
        }
    }
    return out;
}

double lineWidth(std::u32string_view line, const CharWidth& width) {
    double sum = 0;
    for (char32_t c : line) sum += width(c);
    return sum;
}

namespace {

// Greedy wrap of one paragraph (no LF inside) onto `lines`.
void wrapParagraph(std::u32string_view paragraph, double maxWidth, const CharWidth& width,
                   std::vector<std::u32string>& lines) {
    const double space = width(U' ');
    std::u32string line;
    double used = 0;
    auto flush = [&] {
        lines.push_back(line);
        line.clear();
        used = 0;
    };
    std::size_t at = 0;
    while (at < paragraph.size()) {
        if (paragraph[at] == U' ') {
            ++at;
            continue;
        }
        std::size_t end = paragraph.find(U' ', at);
        if (end == std::u32string_view::npos) end = paragraph.size();
        std::u32string_view word = paragraph.substr(at, end - at);
        at = end;
        const double wordWidth = lineWidth(word, width);
        if (!line.empty() && used + space + wordWidth <= maxWidth) {
            line += U' ';
            line += word;
            used += space + wordWidth;
            continue;
        }
        if (!line.empty()) flush();
        if (wordWidth <= maxWidth) {
            line = word;
            used = wordWidth;
            continue;
        }
        // Longer than the column (a URL, a hostile run of letters): cut it
        // between characters, each piece as wide as fits, at least one.
        for (char32_t c : word) {
            const double w = width(c);
            if (!line.empty() && used + w > maxWidth) flush();
            line += c;
            used += w;
        }
    }
    if (!line.empty()) lines.push_back(line);
}

}  // namespace

std::vector<std::u32string> wrapText(std::u32string_view text, double maxWidth, const CharWidth& width) {
    std::vector<std::u32string> lines;
    std::size_t at = 0;
    while (true) {
        std::size_t end = text.find(U'\n', at);
        std::u32string_view paragraph = text.substr(at, end == std::u32string_view::npos ? text.npos : end - at);
        std::size_t before = lines.size();
        wrapParagraph(paragraph, maxWidth, width, lines);
        if (lines.size() == before) lines.emplace_back();  // an empty paragraph keeps its line
        if (end == std::u32string_view::npos) break;
        at = end + 1;
    }
    return lines;
}

std::vector<double> tableColumnWidths(const std::vector<double>& natural, const std::vector<bool>& rightAligned,
                                      double available, double gap) {
    const std::size_t n = natural.size();
    std::vector<double> widths(n, 0);
    if (n == 0) return widths;
    const double space = std::max(available - gap * static_cast<double>(n - 1), static_cast<double>(n));
    auto right = [&](std::size_t c) { return c < rightAligned.size() && rightAligned[c]; };
    double fixed = 0, flexibleNatural = 0;
    std::size_t firstFlexible = n;
    for (std::size_t c = 0; c < n; ++c) {
        if (right(c)) {
            widths[c] = std::min(natural[c], space / 3);
            fixed += widths[c];
        } else {
            flexibleNatural += natural[c];
            firstFlexible = std::min(firstFlexible, c);
        }
    }
    // Many amount columns: they give up room until the others keep a quarter.
    const double fixedLimit = firstFlexible < n ? space * 0.75 : space;
    if (fixed > fixedLimit) {
        for (std::size_t c = 0; c < n; ++c)
            if (right(c)) widths[c] *= fixedLimit / fixed;
        fixed = fixedLimit;
    }
    const double rest = space - fixed;
    if (firstFlexible == n) {
        widths[0] += rest;  // amounts only: the first column widens to the left
        return widths;
    }
    const bool fits = flexibleNatural <= rest;
    for (std::size_t c = 0; c < n; ++c)
        if (!right(c)) widths[c] = fits ? natural[c] : rest * natural[c] / flexibleNatural;
    if (fits) widths[firstFlexible] += rest - flexibleNatural;
    return widths;
}

}  // namespace ktk::applications
