// The name an attachment is stored, shown and downloaded under
// (domain::attachmentName, domain::contentDisposition).
#include <cppunit/extensions/HelperMacros.h>

#include "domain/file_type.h"
#include "util/unicode.h"

using namespace ktk::domain;

namespace {

std::string named(std::string_view uploaded, FileType type = FileType::Pdf) {
    std::optional<std::string> name = attachmentName(uploaded, type);
    CPPUNIT_ASSERT(name);
    return *name;
}

std::size_t characters(const std::string& s) { return ktk::util::decodeUtf8(s)->size(); }

}  // namespace

class AttachmentNameTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(AttachmentNameTest);
    CPPUNIT_TEST(testOnlyTheLastPathComponentIsKept);
    CPPUNIT_TEST(testTheExtensionFollowsTheContent);
    CPPUNIT_TEST(testAnExtensionThatNamesTheTypeIsKeptAsTyped);
    CPPUNIT_TEST(testWhatIsNoExtensionStaysInTheName);
    CPPUNIT_TEST(testDirectionOverridesAndControlsAreDropped);
    CPPUNIT_TEST(testInvalidBytesBecomeUnderscores);
    CPPUNIT_TEST(testNothingLeftGivesTheDefaultName);
    CPPUNIT_TEST(testLongNamesAreCutKeepingTheExtension);
    CPPUNIT_TEST(testOtherFilesGetNoName);
    CPPUNIT_TEST(testTheDownloadHeaderCarriesTheNameTwice);
    CPPUNIT_TEST(testTheDownloadHeaderCannotBeBrokenOutOf);
    CPPUNIT_TEST_SUITE_END();

public:
    void testOnlyTheLastPathComponentIsKept() {
        CPPUNIT_ASSERT_EQUAL(std::string("Kérelem.pdf"), named("C:\\fakepath\\Kérelem.pdf"));
        CPPUNIT_ASSERT_EQUAL(std::string("passwd.pdf"), named("../../etc/passwd"));
        CPPUNIT_ASSERT_EQUAL(std::string("x.pdf"), named("..\\../x.pdf"));
        CPPUNIT_ASSERT_EQUAL(std::string("htaccess.png"), named("/var/www/.htaccess", FileType::Png));
    }
    void testTheExtensionFollowsTheContent() {
        CPPUNIT_ASSERT_EQUAL(std::string("resolution.pdf"), named("resolution.exe"));
        CPPUNIT_ASSERT_EQUAL(std::string("photo.jpg"), named("photo.png", FileType::Jpeg));
        CPPUNIT_ASSERT_EQUAL(std::string("scan.png"), named("scan.JPG", FileType::Png));
        CPPUNIT_ASSERT_EQUAL(std::string("Adatlap.pdf"), named("Adatlap.docx"));
        CPPUNIT_ASSERT_EQUAL(std::string("határozat.pdf"), named("határozat"));
        // The extension under a replaced one may already be the right one.
        CPPUNIT_ASSERT_EQUAL(std::string("a.pdf"), named("a.pdf.exe"));
        CPPUNIT_ASSERT_EQUAL(std::string("a.JPEG"), named("a.JPEG.zip", FileType::Jpeg));
    }
    void testAnExtensionThatNamesTheTypeIsKeptAsTyped() {
        CPPUNIT_ASSERT_EQUAL(std::string("IMG_1234.JPG"), named("IMG_1234.JPG", FileType::Jpeg));
        CPPUNIT_ASSERT_EQUAL(std::string("photo.jpeg"), named("photo.jpeg", FileType::Jpeg));
        CPPUNIT_ASSERT_EQUAL(std::string("photo.jfif"), named("photo.jfif", FileType::Jpeg));
        CPPUNIT_ASSERT_EQUAL(std::string("Terv.Pdf"), named("Terv.Pdf"));
        CPPUNIT_ASSERT_EQUAL(std::string("térkép.png"), named("térkép.png", FileType::Png));
    }
    void testWhatIsNoExtensionStaysInTheName() {
        CPPUNIT_ASSERT_EQUAL(std::string("budget.2024.pdf"), named("budget.2024"));
        CPPUNIT_ASSERT_EQUAL(std::string("2024.03.15 jegyzőkönyv.pdf"), named("2024.03.15 jegyzőkönyv"));
        CPPUNIT_ASSERT_EQUAL(std::string("Dr. Kovács.pdf"), named("Dr. Kovács"));
        CPPUNIT_ASSERT_EQUAL(std::string("report.pdf"), named("  report.pdf . "));
    }
    void testDirectionOverridesAndControlsAreDropped() {
        // "invoice<RLO>fdp.exe" reads "invoiceexe.pdf"; without the override it is what it is.
        CPPUNIT_ASSERT_EQUAL(std::string("invoicefdp.pdf"), named("invoice\xe2\x80\xae" "fdp.exe"));
        for (const char* mark : {"\xe2\x80\xaa", "\xe2\x80\xad", "\xe2\x81\xa6", "\xe2\x81\xa9", "\xe2\x80\x8e",
                                 "\xe2\x80\x8f", "\xd8\x9c", "\xef\xbb\xbf"})
            CPPUNIT_ASSERT_EQUAL(std::string("ab.pdf"), named(std::string("a") + mark + "b.pdf"));
        CPPUNIT_ASSERT_EQUAL(std::string("abc.pdf"), named(std::string("a\tb\r\nc\0.pdf", 11)));
        CPPUNIT_ASSERT_EQUAL(std::string("ab.pdf"), named("a\x7f\xc2\x85" "b.pdf"));
    }
    void testInvalidBytesBecomeUnderscores() {
        // A Latin-2 "árvíz.pdf" from an old client.
        CPPUNIT_ASSERT_EQUAL(std::string("_rv_z.pdf"), named("\xe1rv\xedz.pdf"));
        CPPUNIT_ASSERT_EQUAL(std::string("__.pdf"), named("\xc0\xaf.pdf"));
    }
    void testNothingLeftGivesTheDefaultName() {
        for (const char* empty : {"", "   ", ".pdf", "..", "C:\\fakepath\\", "\x01\x02", "\xe2\x80\xae", ". . .exe"})
            CPPUNIT_ASSERT_EQUAL(std::string("attachment.pdf"), named(empty));
        CPPUNIT_ASSERT_EQUAL(std::string("attachment.jpg"), named("", FileType::Jpeg));
        CPPUNIT_ASSERT_EQUAL(std::string("attachment.PNG"), named(".PNG", FileType::Png));
    }
    void testLongNamesAreCutKeepingTheExtension() {
        std::string longName;
        for (int i = 0; i < 300; ++i) longName += "é";
        std::string name = named(longName + ".exe");
        CPPUNIT_ASSERT_EQUAL(kMaxAttachmentNameChars, characters(name));
        CPPUNIT_ASSERT_EQUAL(std::string(".pdf"), name.substr(name.size() - 4));
        std::string jpeg = named(std::string(250, 'x') + ".jpeg", FileType::Jpeg);
        CPPUNIT_ASSERT_EQUAL(std::string(195, 'x') + ".jpeg", jpeg);
        // A cut that ends on a space or a dot does not leave it before the extension.
        CPPUNIT_ASSERT_EQUAL(std::string(194, 'x') + ".pdf", named(std::string(194, 'x') + " . yyy.pdf"));
        std::string exact = std::string(196, 'x') + ".pdf";
        CPPUNIT_ASSERT_EQUAL(exact, named(exact));
    }
    void testOtherFilesGetNoName() {
        CPPUNIT_ASSERT(!attachmentName("resolution.pdf", FileType::Other));
        CPPUNIT_ASSERT(!attachmentName("", FileType::Other));
    }
    void testTheDownloadHeaderCarriesTheNameTwice() {
        CPPUNIT_ASSERT_EQUAL(
            std::string("attachment; filename=\"K_relem 2024 (v_gleges).pdf\"; "
                        "filename*=UTF-8''K%C3%A9relem%202024%20%28v%C3%A9gleges%29.pdf"),
            contentDisposition("Kérelem 2024 (végleges).pdf"));
        // One "_" for each character, not for each byte.
        CPPUNIT_ASSERT_EQUAL(std::string("attachment; filename=\"_.png\"; filename*=UTF-8''%F0%9F%98%80.png"),
                             contentDisposition("😀.png"));
        CPPUNIT_ASSERT_EQUAL(std::string("attachment; filename=\"attachment\"; filename*=UTF-8''attachment"),
                             contentDisposition(""));
    }
    void testTheDownloadHeaderCannotBeBrokenOutOf() {
        CPPUNIT_ASSERT_EQUAL(std::string("attachment; filename=\"ab;c.pdf\"; filename*=UTF-8''a%22b%5C%3Bc.pdf"),
                             contentDisposition("a\"b\\;c.pdf"));
        std::string header = contentDisposition("x.pdf\r\nSet-Cookie: a=b");
        CPPUNIT_ASSERT(header.find_first_of("\r\n") == std::string::npos);
        CPPUNIT_ASSERT_EQUAL(std::string("attachment; filename=\"x.pdfSet-Cookie: a=b\"; "
                                         "filename*=UTF-8''x.pdfSet-Cookie%3A%20a%3Db"),
                             header);
        for (char c : contentDisposition(std::string("\0\x01\x7f\xff", 4)))
            CPPUNIT_ASSERT(static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AttachmentNameTest);
