#include "applications/pdf_writer.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "applications/pdf_library.h"
#include "util/unicode.h"

namespace ktk::applications {

namespace {

constexpr PdfStyle kFooter{false, 8.5, 11, 0.35};
constexpr double kFooterBaseline = 28;  // of the footer's last line
constexpr double kFooterGap = 12;       // between the footer and the page number
constexpr std::size_t kFooterMaxLines = 3;  // the rest of a longer footer is left out

HPDF_REAL real(double v) { return static_cast<HPDF_REAL>(v); }

}  // namespace

// Called inside libharu's C frames, where unwinding is not safe: it only
// notes the first error (later ones follow from it); check() throws.
void PdfWriter::noteError(HPDF_STATUS code, HPDF_STATUS detail, void* data) {
    auto* error = static_cast<Error*>(data);
    if (error->code == HPDF_OK) *error = {code, detail};
}

PdfWriter::PdfWriter(const std::string& fontPath) : pdf_(haru().New(noteError, &error_), haru().Free) {
    if (!pdf_) throw PdfError("libharu: cannot create a document");
    haru().UseUTFEncodings(pdf_.get());
    haru().SetCurrentEncoder(pdf_.get(), "UTF-8");  // Info strings then go out as UTF-16
    haru().SetCompressionMode(pdf_.get(), HPDF_COMP_ALL);
    check();
    regular_.font = loadFont(fontPath);
    const std::filesystem::path path(fontPath);
    const std::filesystem::path boldPath =
        path.parent_path() / (path.stem().string() + "-Bold" + path.extension().string());
    std::error_code ec;
    bold_.font = std::filesystem::is_regular_file(boldPath, ec) ? loadFont(boldPath.string()) : regular_.font;
}

void PdfWriter::check() {
    if (error_.code == HPDF_OK) return;
    char text[64];
    std::snprintf(text, sizeof text, "libharu error 0x%04X (detail %u)", static_cast<unsigned>(error_.code),
                  static_cast<unsigned>(error_.detail));
    throw PdfError(text);
}

HPDF_Font PdfWriter::loadFont(const std::string& path) {
    // Embedded: libharu writes the glyphs the text uses.
    const char* name = haru().LoadTTFontFromFile(pdf_.get(), path.c_str(), HPDF_TRUE);
    HPDF_Font font = name ? haru().GetFont(pdf_.get(), name, "UTF-8") : nullptr;
    check();
    if (!font) throw PdfError("libharu: no font from " + path);
    return font;
}

void PdfWriter::setTitle(const std::string& title) {
    haru().SetInfoAttr(pdf_.get(), HPDF_INFO_TITLE, util::encodeUtf8(pdfCleanText(title, false)).c_str());
    haru().SetInfoAttr(pdf_.get(), HPDF_INFO_CREATOR, "KTK");
    check();
}

void PdfWriter::reserveFooter(const std::string& footer, const std::string& pageLabel) {
    pageLabel_ = pdfCleanText(pageLabel, false);
    const double numberWidth = lineWidth(pageNumber(9999, 9999), measure(kFooter));
    footerLines_ = wrapText(pdfCleanText(footer, false), kContentWidth - numberWidth - kFooterGap, measure(kFooter));
    if (footerLines_.size() > kFooterMaxLines) footerLines_.resize(kFooterMaxLines);
    bottom_ = std::max(kMargin, kFooterBaseline + static_cast<double>(footerLines_.size()) * kFooter.leading +
                                    kFooter.size);
}

CharWidth PdfWriter::measure(const PdfStyle& style) {
    Face* f = &face(style);
    return [f, size = style.size](char32_t c) {
        auto it = f->units.find(c);
        if (it == f->units.end()) {
            const std::string utf8 = util::encodeUtf8(std::u32string(1, c));
            const HPDF_TextWidth w = haru().Font_TextWidth(f->font, reinterpret_cast<const HPDF_BYTE*>(utf8.data()),
                                                           static_cast<HPDF_UINT>(utf8.size()));
            it = f->units.emplace(c, static_cast<double>(w.width)).first;
        }
        return it->second * size / 1000.0;
    };
}

void PdfWriter::newPage() {
    page_ = haru().AddPage(pdf_.get());
    haru().Page_SetSize(page_, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    check();
    pages_.push_back(page_);
    y_ = kPageHeight - kMargin;
    // The hook may fill this page itself: no second call from inside it.
    std::function<void()> hook;
    hook.swap(onNewPage_);
    if (hook) hook();
    onNewPage_.swap(hook);
}

void PdfWriter::ensure(double height) {
    if (pages_.empty() || y_ - height < bottom_) newPage();
}

void PdfWriter::keepTogether(double height) {
    if (!pages_.empty() && y_ - height < bottom_ && height <= kPageHeight - kMargin - bottom_) newPage();
}

void PdfWriter::put(const std::u32string& line, const PdfStyle& style, double x) {
    putAt(line, style, x, y_ - style.size);
}

void PdfWriter::putAt(const std::u32string& line, const PdfStyle& style, double x, double baseline) {
    if (line.empty()) return;
    haru().Page_SetGrayFill(page_, real(style.grey));
    haru().Page_BeginText(page_);
    haru().Page_SetFontAndSize(page_, face(style).font, real(style.size));
    haru().Page_TextOut(page_, real(x), real(baseline), util::encodeUtf8(line).c_str());
    haru().Page_EndText(page_);
    check();
}

void PdfWriter::rule(double y) {
    haru().Page_SetGrayStroke(page_, 0.5);
    haru().Page_SetLineWidth(page_, 0.6f);
    haru().Page_MoveTo(page_, real(kMargin), real(y));
    haru().Page_LineTo(page_, real(kPageWidth - kMargin), real(y));
    haru().Page_Stroke(page_);
    check();
}

std::u32string PdfWriter::pageNumber(std::size_t n, std::size_t total) const {
    std::u32string text = pageLabel_;
    if (!text.empty()) text += U' ';
    for (char c : std::to_string(n) + " / " + std::to_string(total)) text += static_cast<char32_t>(c);
    return text;
}

std::string PdfWriter::finish() {
    if (pages_.empty()) newPage();  // a PDF needs a page
    const std::size_t total = pages_.size();
    for (std::size_t i = 0; i < total; ++i) {
        page_ = pages_[i];  // libharu keeps every page's content open until saving
        double y = kFooterBaseline + static_cast<double>(footerLines_.size()) * kFooter.leading;
        for (const std::u32string& line : footerLines_) putAt(line, kFooter, kMargin, y -= kFooter.leading);
        const std::u32string number = pageNumber(i + 1, total);
        putAt(number, kFooter, kPageWidth - kMargin - lineWidth(number, measure(kFooter)), kFooterBaseline);
    }
    haru().SaveToStream(pdf_.get());
    check();
    HPDF_UINT32 size = haru().GetStreamSize(pdf_.get());
    std::string out(size, '\0');
    haru().ResetStream(pdf_.get());
    haru().ReadFromStream(pdf_.get(), reinterpret_cast<HPDF_BYTE*>(out.data()), &size);
    check();
    out.resize(size);
    return out;
}

}  // namespace ktk::applications
