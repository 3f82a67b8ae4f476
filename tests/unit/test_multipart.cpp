// multipart/form-data as browsers send it, and as they do not
// (web/multipart.h).
#include <cppunit/extensions/HelperMacros.h>

#include "web/multipart.h"

using namespace ktk::web;

namespace {

const std::string kBoundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

// Bytes a naive parser loses: NUL, CR LF, a lone CR and LF, the boundary
// without the CRLF before it, and what looks like a part's headers.
const std::string kBinary = std::string("%PDF-1.4\0\r\n\r\n\r\rx--", 18) + kBoundary + "\n--" + kBoundary +
                            std::string("\n\r\xff\xfe\0", 5) +
                            "\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\nforged\r\n";

std::string part(const std::string& disposition, const std::string& data, const std::string& more = "") {
    return "--" + kBoundary + "\r\nContent-Disposition: " + disposition + "\r\n" + more + "\r\n" + data + "\r\n";
}

std::string close() { return "--" + kBoundary + "--\r\n"; }

std::optional<MultipartForm> parse(const std::string& body) { return parseMultipart(body, kBoundary); }

}  // namespace

class MultipartTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(MultipartTest);
    CPPUNIT_TEST(testFieldsAndABinaryFileArriveIntact);
    CPPUNIT_TEST(testFileNamesAreDecodedOnlyAsBrowsersEncodeThem);
    CPPUNIT_TEST(testTheLastPartNeedsNoCrlfAfterTheCloseDelimiter);
    CPPUNIT_TEST(testPreambleEpilogueAndHeaderCaseDoNotMatter);
    CPPUNIT_TEST(testSeveralFilesComeInOrder);
    CPPUNIT_TEST(testAnEmptyFileInputSendsNoFile);
    CPPUNIT_TEST(testTheNameIsNeverReadOutOfTheFileName);
    CPPUNIT_TEST(testAMalformedBodyYieldsNothing);
    CPPUNIT_TEST(testTooManyPartsAreRefused);
    CPPUNIT_TEST(testTheBoundaryComesFromTheContentType);
    CPPUNIT_TEST_SUITE_END();

public:
    void testFieldsAndABinaryFileArriveIntact() {
        std::string body = part("form-data; name=\"csrf_token\"", "tok.en") +
                           part("form-data; name=\"file\"; filename=\"scan.pdf\"", kBinary,
                                "Content-Type: application/pdf\r\n") +
                           close();
        std::optional<MultipartForm> form = parse(body);
        CPPUNIT_ASSERT(form);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), form->fields.size());
        CPPUNIT_ASSERT_EQUAL(std::string("csrf_token"), form->fields[0].first);
        CPPUNIT_ASSERT_EQUAL(std::string("tok.en"), form->fields[0].second);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), form->files.size());
        CPPUNIT_ASSERT_EQUAL(std::string("file"), form->files[0].field);
        CPPUNIT_ASSERT_EQUAL(std::string("scan.pdf"), form->files[0].name);
        CPPUNIT_ASSERT_EQUAL(kBinary.size(), form->files[0].data.size());
        CPPUNIT_ASSERT(kBinary == form->files[0].data);
        // No declared type is needed; it would be ignored anyway.
        form = parse(part("form-data; name=\"file\"; filename=\"x.png\"", kBinary) + close());
        CPPUNIT_ASSERT(form && form->files.size() == 1 && form->files[0].data == kBinary);
    }
    void testFileNamesAreDecodedOnlyAsBrowsersEncodeThem() {
        std::string body = part("form-data; name=\"file\"; filename=\"a+b 50%.pdf\"", "x") +
                           part("form-data; name=\"file\"; filename=\"say %22hi%22%0d%0A.pdf\"", "y") +
                           part("form-data; name=\"file\"; filename=\"C:\\Users\\Kovács Anna\\Kérelem.pdf\"", "z") +
                           close();
        std::optional<MultipartForm> form = parse(body);
        CPPUNIT_ASSERT(form && form->files.size() == 3);
        CPPUNIT_ASSERT_EQUAL(std::string("a+b 50%.pdf"), form->files[0].name);
        CPPUNIT_ASSERT_EQUAL(std::string("say \"hi\"\r\n.pdf"), form->files[1].name);
        CPPUNIT_ASSERT_EQUAL(std::string("C:\\Users\\Kovács Anna\\Kérelem.pdf"), form->files[2].name);
    }
    void testTheLastPartNeedsNoCrlfAfterTheCloseDelimiter() {
        std::string body = part("form-data; name=\"csrf_token\"", "t") +
                           part("form-data; name=\"file\"; filename=\"a.pdf\"", kBinary) + "--" + kBoundary + "--";
        std::optional<MultipartForm> form = parse(body);
        CPPUNIT_ASSERT(form);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), form->files.size());
        CPPUNIT_ASSERT(form->files[0].data == kBinary);
    }
    void testPreambleEpilogueAndHeaderCaseDoNotMatter() {
        std::string body = "This is a preamble.\r\n--" + kBoundary + "  \r\n" +
                           "content-disposition: FORM-DATA ; NAME=csrf_token\r\nX-Other: 1\r\n\r\nt\r\n" + close() +
                           "An epilogue.";
        std::optional<MultipartForm> form = parse(body);
        CPPUNIT_ASSERT(form && form->fields.size() == 1);
        CPPUNIT_ASSERT_EQUAL(std::string("csrf_token"), form->fields[0].first);
        CPPUNIT_ASSERT_EQUAL(std::string("t"), form->fields[0].second);
    }
    void testSeveralFilesComeInOrder() {
        std::string body = part("form-data; name=\"file\"; filename=\"1.png\"", "one") +
                           part("form-data; name=\"note\"", "") +
                           part("form-data; name=\"file\"; filename=\"2.png\"", "two") + close();
        std::optional<MultipartForm> form = parse(body);
        CPPUNIT_ASSERT(form && form->files.size() == 2 && form->fields.size() == 1);
        CPPUNIT_ASSERT_EQUAL(std::string("one"), form->files[0].data);
        CPPUNIT_ASSERT_EQUAL(std::string("2.png"), form->files[1].name);
        CPPUNIT_ASSERT_EQUAL(std::string(), form->fields[0].second);
    }
    void testAnEmptyFileInputSendsNoFile() {
        std::string body = part("form-data; name=\"file\"; filename=\"\"", "",
                                "Content-Type: application/octet-stream\r\n") +
                           part("form-data; name=\"empty\"; filename=\"empty.pdf\"", "") + close();
        std::optional<MultipartForm> form = parse(body);
        CPPUNIT_ASSERT(form && form->fields.empty());
        // A chosen file with no bytes is still a file (its type check refuses it).
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), form->files.size());
        CPPUNIT_ASSERT_EQUAL(std::string("empty"), form->files[0].field);
    }
    void testTheNameIsNeverReadOutOfTheFileName() {
        std::optional<MultipartForm> form =
            parse(part("form-data; filename=\"name=x.pdf\"; name=\"file\"", "d") + close());
        CPPUNIT_ASSERT(form && form->files.size() == 1);
        CPPUNIT_ASSERT_EQUAL(std::string("file"), form->files[0].field);
        CPPUNIT_ASSERT_EQUAL(std::string("name=x.pdf"), form->files[0].name);
    }
    void testAMalformedBodyYieldsNothing() {
        std::string good = part("form-data; name=\"csrf_token\"", "t");
        const std::string bad[] = {
            "",
            good,                                                          // no close delimiter: truncated
            good + "--" + kBoundary,                                       // cut inside it
            // a part without its blank line
            good + "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"a\"\r\nv\r\n" + close(),
            good + "--" + kBoundary + "\r\n\r\nno headers\r\n" + close(),  // a part without headers
            good + part("form-data", "no name") + close(),
            good + part("attachment; name=\"x\"", "not form-data") + close(),
            good + part("form-data; name=\"a\"; name=\"csrf_token\"", "twice") + close(),
            good + part("form-data; name=\"a\"", "x", "Content-Disposition: form-data; name=\"b\"\r\n") + close(),
            good + part("form-data; name=\"a", "unclosed quote") + close(),
            good + part("form-data; name=\"a\" junk", "after the quote") + close(),
            good + part(std::string("form-data; name=\"a\0\"", 20), "NUL in a header") + close(),
            good + part("form-data; name=\"a\"", "x", "Bad header\r\n") + close(),
            good + part("form-data; name=\"a\"", "x", " folded: header\r\n") + close(),
            good + "--" + kBoundary + "x\r\n" + close(),  // a longer boundary is no delimiter
            "--" + kBoundary + "\n" + good.substr(kBoundary.size() + 4) + close(),
            "no boundary at all\r\n",
        };
        for (const std::string& body : bad) CPPUNIT_ASSERT_MESSAGE(body, !parse(body));
        CPPUNIT_ASSERT(!parseMultipart(good + close(), ""));
        CPPUNIT_ASSERT(parse(good + close()));
    }
    void testTooManyPartsAreRefused() {
        std::string body;
        for (std::size_t i = 0; i < kMaxMultipartParts; ++i) body += part("form-data; name=\"f\"", "v");
        CPPUNIT_ASSERT(parse(body + close()));
        CPPUNIT_ASSERT(!parse(body + part("form-data; name=\"f\"", "v") + close()));
    }
    void testTheBoundaryComesFromTheContentType() {
        auto boundary = [](const char* type) { return multipartBoundary(type).value_or("<none>"); };
        CPPUNIT_ASSERT_EQUAL(std::string("abc"), boundary("multipart/form-data; boundary=abc"));
        CPPUNIT_ASSERT_EQUAL(std::string("a b:c"), boundary("Multipart/Form-Data;BOUNDARY=\"a b:c\""));
        CPPUNIT_ASSERT_EQUAL(std::string("abc"), boundary("multipart/form-data; charset=utf-8; boundary=abc "));
        CPPUNIT_ASSERT_EQUAL(std::string("abc"), boundary("multipart/form-data; boundary=abc; charset=utf-8"));
        std::string longest = "multipart/form-data; boundary=" + std::string(70, 'x');
        CPPUNIT_ASSERT_EQUAL(std::string(70, 'x'), boundary(longest.c_str()));
        for (const char* bad : {"multipart/form-data", "multipart/form-data; boundary=",
                                "multipart/form-data; boundary=\"\"", "multipart/form-data; boundary=\"abc \"",
                                "multipart/form-data; boundary=a\\b", "multipart/form-data; boundary=a; boundary=b",
                                "multipart/mixed; boundary=abc", "multipart/form-datax; boundary=abc",
                                "application/x-www-form-urlencoded", "multipart/form-data; boundary=\"abc"})
            CPPUNIT_ASSERT_MESSAGE(bad, !multipartBoundary(bad));
        CPPUNIT_ASSERT(!multipartBoundary("multipart/form-data; boundary=" + std::string(71, 'x')));
        CPPUNIT_ASSERT(isMultipart("multipart/form-data"));
        CPPUNIT_ASSERT(isMultipart("MULTIPART/FORM-DATA; boundary=\"x"));
        CPPUNIT_ASSERT(isMultipart(" multipart/form-dataX"));
        CPPUNIT_ASSERT(isMultipart("multipart/mixed"));
        CPPUNIT_ASSERT(!isMultipart("application/x-www-form-urlencoded"));
        CPPUNIT_ASSERT(!isMultipart("text/plain; x=multipart/"));
        CPPUNIT_ASSERT(!isMultipart(""));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(MultipartTest);
