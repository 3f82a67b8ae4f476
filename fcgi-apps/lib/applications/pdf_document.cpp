#include "applications/pdf_document.h"

#include <algorithm>

#include "applications/pdf_layout.h"
#include "applications/pdf_writer.h"

namespace ktk::applications {

namespace {

constexpr PdfStyle kTitle{true, 17, 22, 0};
constexpr PdfStyle kSubtitle{false, 11, 15, 0};
constexpr PdfStyle kHeading{true, 13, 18, 0};
constexpr PdfStyle kLabel{false, 10, 14, 0.3};
constexpr PdfStyle kValue{false, 10.5, 14, 0};
constexpr PdfStyle kCellHead{true, 10, 13.5, 0};
constexpr PdfStyle kCell{false, 10, 13.5, 0};

constexpr double kLabelWidth = 150;  // the label column of a section's rows
constexpr double kColumnGap = 12;    // between a label and its value, and between table columns
constexpr double kSectionGap = 14;   // above a heading
constexpr double kRuleGap = 4;       // under a heading's or a table header's rule

using Cells = std::vector<std::vector<std::u32string>>;  // a table row, each cell's lines

void paragraph(PdfWriter& w, const std::string& text, const PdfStyle& style) {
    for (const std::u32string& line : wrapText(pdfCleanText(text, true), kContentWidth, w.measure(style))) {
        w.ensure(style.leading);
        w.put(line, style, kMargin);
        w.down(style.leading);
    }
}

void heading(PdfWriter& w, const std::string& text) {
    if (!w.atTopOfPage()) w.down(kSectionGap);
    // Never a heading alone at the foot of a page.
    w.keepTogether(kHeading.leading + kRuleGap + kValue.leading);
    paragraph(w, text, kHeading);
    w.rule(w.y() + 2);
    w.down(kRuleGap);
}

// Label and value side by side, both wrapped to their columns.
void rows(PdfWriter& w, const std::vector<PdfRow>& rows) {
    const double valueX = kMargin + kLabelWidth + kColumnGap;
    for (const PdfRow& row : rows) {
        const auto label = wrapText(pdfCleanText(row.label, false), kLabelWidth, w.measure(kLabel));
        const auto value = wrapText(pdfCleanText(row.value, true), kPageWidth - kMargin - valueX, w.measure(kValue));
        const std::size_t count = std::max(label.size(), value.size());
        w.keepTogether(static_cast<double>(count) * kValue.leading);
        for (std::size_t i = 0; i < count; ++i) {
            w.ensure(kValue.leading);
            if (i < label.size()) w.put(label[i], kLabel, kMargin);
            if (i < value.size()) w.put(value[i], kValue, valueX);
            w.down(kValue.leading);
        }
        w.down(3);
    }
}

std::size_t lineCount(const Cells& cells) {
    std::size_t lines = 0;
    for (const auto& cell : cells) lines = std::max(lines, cell.size());
    return lines;
}

double height(const Cells& cells, const PdfStyle& style) { return static_cast<double>(lineCount(cells)) * style.leading; }

// The width of the longest paragraph of `text` on one line.
double widest(PdfWriter& w, const std::u32string& text, const PdfStyle& style) {
    double most = 0;
    for (const auto& line : wrapText(text, 1e9, w.measure(style)))
        most = std::max(most, lineWidth(line, w.measure(style)));
    return most;
}

// A table: the header repeated on each page it spans, rows kept whole
// where they fit on a page, right-aligned columns set flush right.
class TableLayout {
public:
    TableLayout(PdfWriter& w, const PdfTable& table) : w_(w), table_(table) {
        columns_ = table.header.size();
        for (const auto& row : table.rows) columns_ = std::max(columns_, row.size());
        std::vector<double> natural(columns_, 0);
        right_.assign(columns_, false);
        for (std::size_t c = 0; c < columns_; ++c) {
            right_[c] = c < table.rightAligned.size() && table.rightAligned[c];
            natural[c] = widest(w, cell(table.header, c), kCellHead);
            for (const auto& row : table.rows) natural[c] = std::max(natural[c], widest(w, cell(row, c), kCell));
        }
        widths_ = tableColumnWidths(natural, right_, kContentWidth, kColumnGap);
        header_ = wrapRow(table.header, kCellHead);
    }

    void render() {
        if (columns_ == 0) return;
        const double headerHeight = table_.header.empty() ? 0 : height(header_, kCellHead) + kRuleGap;
        bool first = true;
        for (const auto& row : table_.rows) {
            const Cells cells = wrapRow(row, kCell);
            // The header stays with the first row, and each row whole.
            w_.keepTogether(height(cells, kCell) + (first ? headerHeight : 0));
            if (first) drawHeader();
            first = false;
            w_.onNewPage([this] { drawHeader(); });
            draw(cells, kCell);
        }
        if (first) drawHeader();
        w_.onNewPage(nullptr);
        w_.down(3);
    }

private:
    static std::u32string cell(const std::vector<std::string>& row, std::size_t c) {
        return c < row.size() ? pdfCleanText(row[c], true) : std::u32string();
    }

    Cells wrapRow(const std::vector<std::string>& row, const PdfStyle& style) {
        Cells cells;
        for (std::size_t c = 0; c < columns_; ++c) cells.push_back(wrapText(cell(row, c), widths_[c], w_.measure(style)));
        return cells;
    }

    void drawHeader() {
        if (table_.header.empty()) return;
        draw(header_, kCellHead);
        w_.rule(w_.y() + 2);
        w_.down(kRuleGap);
    }

    // Line by line, so that a row taller than a page flows over pages.
    void draw(const Cells& cells, const PdfStyle& style) {
        for (std::size_t i = 0; i < lineCount(cells); ++i) {
            w_.ensure(style.leading);
            double x = kMargin;
            for (std::size_t c = 0; c < columns_; ++c) {
                if (i < cells[c].size()) {
                    const double shift = right_[c] ? widths_[c] - lineWidth(cells[c][i], w_.measure(style)) : 0;
                    w_.put(cells[c][i], style, x + shift);
                }
                x += widths_[c] + kColumnGap;
            }
            w_.down(style.leading);
        }
    }

    PdfWriter& w_;
    const PdfTable& table_;
    std::size_t columns_ = 0;
    std::vector<bool> right_;
    std::vector<double> widths_;
    Cells header_;
};

}  // namespace

std::string renderPdf(const PdfDocument& document, const std::string& fontPath) {
    PdfWriter w(fontPath);
    w.setTitle(document.title);
    w.reserveFooter(document.footer, document.pageLabel);
    if (!document.title.empty()) paragraph(w, document.title, kTitle);
    for (const std::string& line : document.subtitleLines) paragraph(w, line, kSubtitle);
    for (const PdfSection& section : document.sections) {
        if (!section.heading.empty()) heading(w, section.heading);
        rows(w, section.rows);
        if (section.table) TableLayout(w, *section.table).render();
    }
    return w.finish();
}

}  // namespace ktk::applications
