// The drawing surface under renderPdf (pdf_document.cpp), over libharu:
// A4 pages with a cursor running down them, lines of text in the
// embedded font, rules, and the footer put on every page at the end. It
// owns the libharu document; a libharu error becomes a PdfError thrown
// from our code, never from inside the library.
#pragma once

#include <hpdf.h>

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "applications/pdf_document.h"
#include "applications/pdf_layout.h"

namespace ktk::applications {

// A4 portrait in points, 20 mm margins.
constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 56.69;
constexpr double kContentWidth = kPageWidth - 2 * kMargin;

// A kind of text: its face, size, line pitch and shade.
struct PdfStyle {
    bool bold;
    double size;
    double leading;
    double grey;  // 0 black … 1 white
};

class PdfWriter {
public:
    // Loads the font at `fontPath` and its "-Bold" face if there is one.
    explicit PdfWriter(const std::string& fontPath);

    void setTitle(const std::string& title);
    // Reserves the foot of every page for `footer` (at most three lines)
    // and "label n / N".
    void reserveFooter(const std::string& footer, const std::string& pageLabel);

    // The cursor: the top of the next line, in points from the bottom.
    double y() const { return y_; }
    void down(double points) { y_ -= points; }
    bool atTopOfPage() const { return !pages_.empty() && y_ >= kPageHeight - kMargin; }
    // A new page unless `height` more fits on this one.
    void ensure(double height);
    // A new page first when a block of `height` does not fit here but
    // would on an empty page; taller blocks flow over pages.
    void keepTogether(double height);
    // Runs on each new page from now on (a table repeats its header);
    // nullptr ends it.
    void onNewPage(std::function<void()> hook) { onNewPage_ = std::move(hook); }

    // One line with its top at the cursor; the cursor does not move.
    void put(const std::u32string& line, const PdfStyle& style, double x);
    // A horizontal rule across the text column at height `y`.
    void rule(double y);

    CharWidth measure(const PdfStyle& style);

    // Puts the footers on and returns the file.
    std::string finish();

private:
    // The embedded face and the advance of each character met so far, in
    // thousandths of the font size.
    struct Face {
        HPDF_Font font = nullptr;
        std::unordered_map<char32_t, double> units;
    };
    // libharu's first error, noted by its callback.
    struct Error {
        HPDF_STATUS code = HPDF_OK;
        HPDF_STATUS detail = 0;
    };
    static void noteError(HPDF_STATUS code, HPDF_STATUS detail, void* data);

    void check();
    HPDF_Font loadFont(const std::string& path);
    Face& face(const PdfStyle& style) { return style.bold ? bold_ : regular_; }
    void newPage();
    void putAt(const std::u32string& line, const PdfStyle& style, double x, double baseline);
    std::u32string pageNumber(std::size_t n, std::size_t total) const;

    Error error_;  // declared first: the document reports into it until freed
    std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, decltype(&HPDF_Free)> pdf_;
    Face regular_, bold_;
    std::vector<HPDF_Page> pages_;
    HPDF_Page page_ = nullptr;
    double y_ = 0;
    double bottom_ = kMargin;  // no text below this
    std::vector<std::u32string> footerLines_;
    std::u32string pageLabel_;
    std::function<void()> onNewPage_;
};

}  // namespace ktk::applications
