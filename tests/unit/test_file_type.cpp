// Attachments are recognised by their bytes (domain/file_type.h): real,
// minimal files built here, and the files that only pretend.
#include <cppunit/extensions/HelperMacros.h>

#include "domain/file_type.h"
#include "domain/lang.h"
#include "fixtures.h"

using namespace ktk::domain;

namespace {

std::string fromHex(std::string_view hex) {
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
    return out;
}

// A one-page PDF whose cross-reference offsets are right.
const std::string kPdf =
    "%PDF-1.4\n"
    "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
    "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] >>\nendobj\n"
    "xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n0000000115 00000 n \n"
    "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n184\n%%EOF\n";

// A 1×1 PNG and a 1×1 JPEG as libgd writes them.
const std::string kPng = fromHex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de000000097048597300000ec400000ec4"
    "01952b0e1b0000000c4944415408d763382127070002b60105e5856af50000000049454e44ae426082");
const std::string kJpeg = fromHex(
    "ffd8ffe000104a46494600010101006000600000fffe003b43524541544f523a2067642d6a7065672076312e30202875"
    "73696e6720494a47204a50454720763632292c207175616c697479203d2035300affdb004300100b0c0e0c0a100e0d0e"
    "1211101318281a181616183123251d283a333d3c3933383740485c4e404457453738506d51575f626768673e4d717970"
    "64785c656763ffdb0043011112121815182f1a1a2f634238426363636363636363636363636363636363636363636363"
    "636363636363636363636363636363636363636363636363636363ffc00011080001000103012200021101031101ffc4"
    "001f0000010501010101010100000000000000000102030405060708090a0bffc400b510000201030302040305050404"
    "0000017d01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a"
    "25262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485"
    "868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8"
    "d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffc4001f01000301010101010101010100000000000001020304"
    "05060708090a0bffc400b511000201020404030407050404000102770001020311040521310612415107617113223281"
    "08144291a1b1c109233352f0156272d10a162434e125f11718191a262728292a35363738393a434445464748494a5354"
    "55565758595a636465666768696a737475767778797a82838485868788898a92939495969798999aa2a3a4a5a6a7a8a9"
    "aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae2e3e4e5e6e7e8e9eaf2f3f4f5f6f7f8f9faffda"
    "000c03010002110311003f00c7a28a2b84fa83ffd9");

// The start of a Windows program: the DOS header, its stub and the PE signature.
std::string windowsProgram() {
    std::string exe = "MZ" + std::string(58, '\0') + std::string("\x80\0\0\0", 4);
    static const char stub[] = "\x0e\x1f\xba\x0e\0\xb4\x09\xcd\x21\xb8\x01\x4c\xcd\x21"
                               "This program cannot be run in DOS mode.\r\r\n$";
    exe.append(stub, sizeof stub - 1);
    exe.resize(0x80, '\0');
    return exe + std::string("PE\0\0", 4) + std::string(200, '\x90') + "%%EOF";
}

// A ZIP archive (and so a .docx or .xlsx) with one stored file.
std::string zipArchive() {
    std::string local =
        std::string("PK\x03\x04\x0a\0\0\0\0\0", 10) + std::string(16, '\0') + std::string("\x05\0\0\0", 4) + "a.txt";
    std::string central = std::string("PK\x01\x02", 4) + std::string(24, '\0') + std::string("\x05\0", 2) +
                          std::string(16, '\0') + "a.txt";
    return local + central + std::string("PK\x05\x06", 4) + std::string(18, '\0');
}

}  // namespace

class FileTypeTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(FileTypeTest);
    CPPUNIT_TEST(testRealFilesAreRecognised);
    CPPUNIT_TEST(testAProgramIsOtherWhateverItEndsWith);
    CPPUNIT_TEST(testArchivesMarkupAndOtherPicturesAreOther);
    CPPUNIT_TEST(testAPdfNeedsItsVersionAndItsEndMarker);
    CPPUNIT_TEST(testAJpegEndsWithItsEndMarkerAfterAtMostSomePadding);
    CPPUNIT_TEST(testAJpegNeedsHeadersThatHold);
    CPPUNIT_TEST(testAPngStartsWithIhdrAndEndsWithIend);
    CPPUNIT_TEST(testEachTypeHasItsMediaTypeAndExtension);
    CPPUNIT_TEST(testEveryMessageIsTranslatedInBothLanguages);
    CPPUNIT_TEST_SUITE_END();

public:
    void testRealFilesAreRecognised() {
        CPPUNIT_ASSERT(sniffFileType(kPdf) == FileType::Pdf);
        CPPUNIT_ASSERT(sniffFileType(kPng) == FileType::Png);
        CPPUNIT_ASSERT(sniffFileType(kJpeg) == FileType::Jpeg);
        CPPUNIT_ASSERT(sniffFileType("%PDF-2.0\n1 0 obj\n<<>>\nendobj\n%%EOF") == FileType::Pdf);
    }
    void testAProgramIsOtherWhateverItEndsWith() {
        // An .exe renamed .pdf: its name is never asked, and "%%EOF" at its end changes nothing.
        CPPUNIT_ASSERT(sniffFileType(windowsProgram()) == FileType::Other);
        CPPUNIT_ASSERT(sniffFileType("MZ" + kPdf) == FileType::Other);
        CPPUNIT_ASSERT(sniffFileType(std::string("\x7f" "ELF\x02\x01\x01", 7) + kPdf) == FileType::Other);
    }
    void testArchivesMarkupAndOtherPicturesAreOther() {
        for (const std::string& other :
             {zipArchive(), std::string("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"),
              std::string("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"),
              std::string("GIF89a\x01\0\x01\0\x80\0\0\0\0\0\xff\xff\xff!\xf9\x04\x01\0\0\0\0"
                          ",\0\0\0\0\x01\0\x01\0\0\x02\x02" "D\x01\0;", 43),
              std::string("   %PDF-1.4\n%%EOF"), std::string(), std::string("\xff\xd8\xff"), std::string("\x89PNG")})
            CPPUNIT_ASSERT(sniffFileType(other) == FileType::Other);
    }
    void testAPdfNeedsItsVersionAndItsEndMarker() {
        CPPUNIT_ASSERT(sniffFileType(kPdf.substr(0, kPdf.size() - 7)) == FileType::Other);  // no %%EOF
        CPPUNIT_ASSERT(sniffFileType("%PDF-3.0" + kPdf.substr(8)) == FileType::Other);
        CPPUNIT_ASSERT(sniffFileType("%PDF-" + kPdf.substr(8)) == FileType::Other);
        CPPUNIT_ASSERT(sniffFileType("%pdf-1.4" + kPdf.substr(8)) == FileType::Other);
        // Readers look for %%EOF in the last 1024 bytes; after it anything may follow.
        CPPUNIT_ASSERT(sniffFileType(kPdf + std::string(1018, '\0')) == FileType::Pdf);
        CPPUNIT_ASSERT(sniffFileType(kPdf + std::string(1019, '\0')) == FileType::Other);
    }
    void testAJpegEndsWithItsEndMarkerAfterAtMostSomePadding() {
        CPPUNIT_ASSERT(sniffFileType(kJpeg.substr(0, kJpeg.size() - 2)) == FileType::Other);  // truncated
        CPPUNIT_ASSERT(sniffFileType(kJpeg + std::string(16, '\0')) == FileType::Jpeg);
        CPPUNIT_ASSERT(sniffFileType(kJpeg + "\r\n \t") == FileType::Jpeg);
        CPPUNIT_ASSERT(sniffFileType(kJpeg + std::string(1024, '\0')) == FileType::Jpeg);
        CPPUNIT_ASSERT(sniffFileType(kJpeg + std::string(1025, '\0')) == FileType::Other);
        // Something appended after the picture (a program, a phone's motion-photo video) is no padding.
        CPPUNIT_ASSERT(sniffFileType(kJpeg + windowsProgram()) == FileType::Other);
        CPPUNIT_ASSERT(sniffFileType(kJpeg + zipArchive()) == FileType::Other);
    }
    void testAJpegNeedsHeadersThatHold() {
        // The start and end markers around anything else are not a JPEG.
        CPPUNIT_ASSERT(sniffFileType("\xff\xd8\xff" + windowsProgram() + "\xff\xd9") == FileType::Other);
        std::string noFrame = kJpeg;
        noFrame[0xdc] = '\xfe';  // the frame header (SOF0) becomes a comment
        CPPUNIT_ASSERT_EQUAL(std::string("\xff\xfe", 2), noFrame.substr(0xdb, 2));
        CPPUNIT_ASSERT(sniffFileType(noFrame) == FileType::Other);
        std::string longSegment = kJpeg;
        longSegment[0x04] = '\x7f';  // the JFIF segment claims 32 kB
        CPPUNIT_ASSERT(sniffFileType(longSegment) == FileType::Other);
    }
    void testAPngStartsWithIhdrAndEndsWithIend() {
        CPPUNIT_ASSERT(sniffFileType(kPng.substr(0, kPng.size() - 12)) == FileType::Other);  // truncated before IEND
        CPPUNIT_ASSERT(sniffFileType(kPng.substr(0, kPng.size() - 1)) == FileType::Other);
        CPPUNIT_ASSERT(sniffFileType(kPng + std::string(1, '\0')) == FileType::Other);
        CPPUNIT_ASSERT(sniffFileType(kPng + windowsProgram()) == FileType::Other);
        // IHDR is at 8 (25 bytes), pHYs at 33 (21 bytes): swapped, IHDR is not first.
        std::string swapped = kPng.substr(0, 8) + kPng.substr(33, 21) + kPng.substr(8, 25) + kPng.substr(54);
        CPPUNIT_ASSERT_EQUAL(kPng.size(), swapped.size());
        CPPUNIT_ASSERT(sniffFileType(swapped) == FileType::Other);
        std::string noWidth = kPng;
        noWidth[19] = '\0';  // width 0
        CPPUNIT_ASSERT(sniffFileType(noWidth) == FileType::Other);
        std::string hugeChunk = kPng;
        hugeChunk[33] = '\x7f';  // pHYs claims 2 GB
        CPPUNIT_ASSERT(sniffFileType(hugeChunk) == FileType::Other);
    }
    void testEachTypeHasItsMediaTypeAndExtension() {
        CPPUNIT_ASSERT_EQUAL(std::string("application/pdf"), std::string(mediaType(FileType::Pdf)));
        CPPUNIT_ASSERT_EQUAL(std::string("image/jpeg"), std::string(mediaType(FileType::Jpeg)));
        CPPUNIT_ASSERT_EQUAL(std::string("image/png"), std::string(mediaType(FileType::Png)));
        CPPUNIT_ASSERT_EQUAL(std::string("application/octet-stream"), std::string(mediaType(FileType::Other)));
        CPPUNIT_ASSERT_EQUAL(std::string("pdf"), std::string(fileExtension(FileType::Pdf)));
        CPPUNIT_ASSERT_EQUAL(std::string("jpg"), std::string(fileExtension(FileType::Jpeg)));
        CPPUNIT_ASSERT_EQUAL(std::string("png"), std::string(fileExtension(FileType::Png)));
        CPPUNIT_ASSERT_EQUAL(std::string(), std::string(fileExtension(FileType::Other)));
    }
    void testEveryMessageIsTranslatedInBothLanguages() {
        for (const char* key : {"validation.file.missing", "validation.file.type", "validation.file.too_large",
                                "validation.file.too_many"})
            for (Lang lang : kAllLangs) {
                const std::string* text = ktk::test::world().translator.find(lang, key);
                CPPUNIT_ASSERT_MESSAGE(key, text && !text->empty() && *text != key);
            }
        // The limits are put into the message through its "{}".
        for (const char* key : {"validation.file.too_large", "validation.file.too_many"})
            for (Lang lang : kAllLangs) {
                const std::string& text = *ktk::test::world().translator.find(lang, key);
                CPPUNIT_ASSERT_MESSAGE(key, text.find("{}") != std::string::npos);
            }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(FileTypeTest);
