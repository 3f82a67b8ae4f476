// A CSV file for spreadsheet programs (RFC 4180 quoting, CRLF line ends),
// in UTF-8 with a byte order mark so that Excel reads it as UTF-8 rather
// than the ANSI code page. The separator is the caller's: Excel in a
// Hungarian locale, where the decimal mark is a comma, splits columns at
// ';' and would put a ','-separated line into one cell.
//
// A text cell that a spreadsheet would take for a formula (one starting
// with = + - @, or a tab or carriage return) gets a leading apostrophe, so
// that whatever a municipality typed is shown, never evaluated (OWASP,
// "CSV Injection"). Numbers are written as numbers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ktk::util {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

class CsvWriter {
public:
    explicit CsvWriter(char separator = ';') : separator_(separator) { out_ = kUtf8Bom; }

    // One cell of text: quoted when it holds the separator, a quote or a
    // line break; defused when it could start a formula.
    CsvWriter& text(std::string_view value);
    CsvWriter& number(std::int64_t value);
    CsvWriter& empty();
    // Ends the current line.
    void endRow();

    const std::string& str() const { return out_; }

private:
    void separate();

    char separator_;
    bool lineStarted_ = false;
    std::string out_;
};

// One text cell as CsvWriter writes it (exposed for the tests).
std::string csvCell(std::string_view value, char separator);

}  // namespace ktk::util
