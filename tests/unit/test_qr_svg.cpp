// The enrolment's QR code (twofactor/qr_svg.h): the matrix libqrencode
// gives has a QR code's structure (size of a version, the three finder
// patterns, timing pattern), and the SVG drawn from it has the quiet zone,
// the squares of exactly the dark modules, an escaped accessible name and
// no style attribute (the CSP forbids them).
#include <cppunit/extensions/HelperMacros.h>

#include <regex>
#include <set>

#include "twofactor/qr_svg.h"
#include "twofactor/totp.h"

using namespace ktk::twofactor;

namespace {

// The 7×7 finder pattern with its top-left module at (x, y): a dark ring,
// a light ring, a dark 3×3 centre.
bool finderAt(const QrMatrix& m, int x, int y) {
    for (int dy = 0; dy < 7; ++dy)
        for (int dx = 0; dx < 7; ++dx) {
            const int ring = std::max(std::abs(dx - 3), std::abs(dy - 3));
            const bool want = ring != 2;
            if (m.at(x + dx, y + dy) != want) return false;
        }
    return true;
}

}  // namespace

class QrSvgTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(QrSvgTest);
    CPPUNIT_TEST(testTheMatrixIsAQrCode);
    CPPUNIT_TEST(testTheSvgDrawsExactlyTheDarkModulesInsideTheQuietZone);
    CPPUNIT_TEST(testTheSvgIsAnImageWithAnEscapedNameAndNoStyle);
    CPPUNIT_TEST_SUITE_END();

    const std::string uri = keyUri("KTK", "anna@example.hu", base32("12345678901234567890"));

public:
    void testTheMatrixIsAQrCode() {
        std::optional<QrMatrix> m = qrMatrix(uri);
        CPPUNIT_ASSERT(m);
        // Version v has 17 + 4v modules a side; a key URI needs more than version 1.
        CPPUNIT_ASSERT((m->width - 17) % 4 == 0);
        CPPUNIT_ASSERT(m->width > 21 && m->width <= 177);
        CPPUNIT_ASSERT_EQUAL(static_cast<std::size_t>(m->width * m->width), m->dark.size());
        CPPUNIT_ASSERT(finderAt(*m, 0, 0));
        CPPUNIT_ASSERT(finderAt(*m, m->width - 7, 0));
        CPPUNIT_ASSERT(finderAt(*m, 0, m->width - 7));
        CPPUNIT_ASSERT(!finderAt(*m, m->width - 7, m->width - 7));  // no fourth
        // The timing patterns: row and column 6 alternate between the finders.
        for (int i = 8; i < m->width - 8; ++i) {
            CPPUNIT_ASSERT_EQUAL(i % 2 == 0, m->at(i, 6));
            CPPUNIT_ASSERT_EQUAL(i % 2 == 0, m->at(6, i));
        }
        // Other text, another code.
        std::optional<QrMatrix> other = qrMatrix(uri + "x");
        CPPUNIT_ASSERT(other && other->dark != m->dark);
    }

    void testTheSvgDrawsExactlyTheDarkModulesInsideTheQuietZone() {
        std::optional<QrMatrix> m = qrMatrix(uri);
        const std::string svg = qrSvg(*m, "QR");
        const int side = m->width + 2 * kQrQuietZone;
        const std::string box = std::to_string(side);
        CPPUNIT_ASSERT(svg.find("viewBox=\"0 0 " + box + " " + box + "\"") != std::string::npos);
        // Every run "Mx yhNv1h-Nz", unfolded into modules.
        std::set<std::pair<int, int>> drawn;
        const std::regex run("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");
        for (auto it = std::sregex_iterator(svg.begin(), svg.end(), run); it != std::sregex_iterator(); ++it) {
            const int x = std::stoi((*it)[1]), y = std::stoi((*it)[2]), n = std::stoi((*it)[3]);
            CPPUNIT_ASSERT_EQUAL(n, std::stoi((*it)[4]));
            for (int i = 0; i < n; ++i) CPPUNIT_ASSERT(drawn.insert({x + i, y}).second);
        }
        std::set<std::pair<int, int>> dark;
        for (int y = 0; y < m->width; ++y)
            for (int x = 0; x < m->width; ++x)
                if (m->at(x, y)) dark.insert({x + kQrQuietZone, y + kQrQuietZone});
        CPPUNIT_ASSERT(dark == drawn);
        for (const auto& [x, y] : drawn) {
            CPPUNIT_ASSERT(x >= kQrQuietZone && x < side - kQrQuietZone);
            CPPUNIT_ASSERT(y >= kQrQuietZone && y < side - kQrQuietZone);
        }
        // A white background under the whole box, quiet zone included.
        CPPUNIT_ASSERT(svg.find("<rect width=\"" + box + "\" height=\"" + box + "\" fill=\"#ffffff\"/>") !=
                       std::string::npos);
    }

    void testTheSvgIsAnImageWithAnEscapedNameAndNoStyle() {
        const std::string svg = qrSvg(*qrMatrix("x"), "QR <kód> \"a\" & 'b'");
        CPPUNIT_ASSERT(svg.rfind("<svg ", 0) == 0);
        CPPUNIT_ASSERT(svg.find("role=\"img\"") != std::string::npos);
        CPPUNIT_ASSERT(svg.find("aria-label=\"QR &lt;kód&gt; &quot;a&quot; &amp; &#39;b&#39;\"") != std::string::npos);
        CPPUNIT_ASSERT(svg.find("style") == std::string::npos);
        CPPUNIT_ASSERT(svg.find("<script") == std::string::npos);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(QrSvgTest);
