#include "util/csv.h"

namespace ktk::util {

std::string csvCell(std::string_view value, char separator) {
    std::string cell;
    if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
                           value[0] == '\t' || value[0] == '\r'))
        cell += '\'';
    cell += value;
    if (cell.find_first_of(std::string{separator, '"', '\n', '\r'}) == std::string::npos) return cell;
    std::string quoted = "\"";
    for (char c : cell) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

void CsvWriter::separate() {
    if (lineStarted_) out_ += separator_;
    lineStarted_ = true;
}

CsvWriter& CsvWriter::text(std::string_view value) {
    separate();
    out_ += csvCell(value, separator_);
    return *this;
}

CsvWriter& CsvWriter::number(std::int64_t value) {
    separate();
    out_ += std::to_string(value);
    return *this;
}

CsvWriter& CsvWriter::empty() {
    separate();
    return *this;
}

void CsvWriter::endRow() {
    out_ += "\r\n";
    lineStarted_ = false;
}

}  // namespace ktk::util
