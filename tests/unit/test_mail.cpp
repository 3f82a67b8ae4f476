// Messages as a mail client sees them: every built message is parsed by
// Python's email package (strict: any defect is an error), a real parser
// that knows RFC 2047, quoted-printable and MIME far better than we do.
#include <cppunit/extensions/HelperMacros.h>

#include <cstdio>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "fixtures.h"
#include "mail/compose.h"
#include "mail/mime.h"

using namespace ktk;

namespace {

const char* kParser = R"PY(
import email, email.header, email.policy, sys
raw = open(sys.argv[1], "rb").read()
policy = email.policy.default.clone(raise_on_defect=True)
m = email.message_from_bytes(raw, policy=policy)
def out(k, v): sys.stdout.write(k + "\x1f" + str(v) + "\x1e")
# The legacy decoder applies RFC 2047 to the raw To: line as a whole.
legacy = email.message_from_bytes(raw, policy=email.policy.compat32)
out("to_rfc2047", email.header.make_header(email.header.decode_header(legacy["To"])))
out("headers", ",".join(m.keys()))
out("subject", m["Subject"])
to = m["To"].addresses
out("to_count", len(to))
out("to_name", to[0].display_name)
out("to_addr", to[0].addr_spec)
fr = m["From"].addresses[0]
out("from_name", fr.display_name)
out("from_addr", fr.addr_spec)
out("date", m["Date"].datetime.isoformat())
out("message_id", m["Message-ID"])
out("content_type", m.get_content_type())
out("parts", ",".join(p.get_content_type() + ";" + p.get_content_charset() for p in m.iter_parts()))
out("text", m.get_body(("plain",)).get_content())
out("html", m.get_body(("html",)).get_content())
out("defects", sum(len(p.defects) for p in m.walk()))
)PY";

// The message as Python's email package reads it: field name → value.
std::map<std::string, std::string> parse(const std::string& message) {
    const std::string script = test::writeTempFile(kParser);
    const std::string file = test::writeTempFile(message);
    const std::string cmd = "/usr/bin/python3 " + script + " " + file + " 2>&1";
    std::FILE* p = ::popen(cmd.c_str(), "r");
    if (!p) throw std::runtime_error("popen failed");
    std::string output;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) output.append(buf, n);
    int status = ::pclose(p);
    std::remove(file.c_str());
    std::remove(script.c_str());
    if (status != 0) throw std::runtime_error("the mail parser refused the message: " + output);
    std::map<std::string, std::string> fields;
    std::istringstream in(output);
    for (std::string record; std::getline(in, record, '\x1e');) {
        auto sep = record.find('\x1f');
        if (sep != std::string::npos) fields[record.substr(0, sep)] = record.substr(sep + 1);
    }
    return fields;
}

std::vector<std::string> lines(const std::string& message) {
    std::vector<std::string> out;
    std::istringstream in(message);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

mail::Envelope envelope(const std::string& toName, const std::string& toAddress = "kovacs.eva@example.hu") {
    mail::Envelope e;
    e.fromName = "KTK";
    e.fromAddress = "no-reply@munka.hu";
    e.toName = toName;
    e.toAddress = toAddress;
    e.messageId = "<0123456789abcdef.1700000000@munka.hu>";
    e.date = 1700000000;
    return e;
}

mail::Rendered parts(const std::string& subject, const std::string& text = "Szia!\n",
                     const std::string& html = "<p>Szia!</p>\n") {
    return mail::Rendered{subject, text, html};
}

std::string build(const mail::Envelope& e, const mail::Rendered& r) { return mail::build(e, r, "=_ktk_test"); }

mail::Message testMessage(domain::Lang lang, const std::string& name) {
    mail::Message m;
    m.kind = "test";
    m.toAddress = "kovacs.eva@example.hu";
    m.toName = name;
    m.lang = lang;
    m.values = {{"NAME", name}, {"SENT_AT", "2026-01-02 03:04:05"}, {"LOGIN_URL", "http://127.0.0.1:8080/login"}};
    m.sections = {name.empty() ? "ANONYMOUS" : "NAMED"};
    return m;
}

}  // namespace

class MailTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(MailTest);
    CPPUNIT_TEST(testHungarianEncodedWordsRoundTripThroughAMailParser);
    CPPUNIT_TEST(testEncodedWordsNeverSplitACharacterAndFitTheLineLimit);
    CPPUNIT_TEST(testPlainAsciiSubjectStaysReadable);
    CPPUNIT_TEST(testAsciiThatLooksLikeAnEncodedWordIsEncoded);
    CPPUNIT_TEST(testNoLineIsLongerThanTheLimitAndLongLinesRoundTrip);
    CPPUNIT_TEST(testLinesStartingWithADotOrFromSurvive);
    CPPUNIT_TEST(testNameWithCrLfBccYieldsNoExtraHeader);
    CPPUNIT_TEST(testSubjectWithCrLfYieldsNoExtraHeader);
    CPPUNIT_TEST(testDateFromAndMessageIdArePresent);
    CPPUNIT_TEST(testQuotedPrintableEscapesWhatItMust);
    CPPUNIT_TEST(testHeaderTextTurnsControlCharactersIntoSpaces);
    CPPUNIT_TEST(testInvalidRecipientsAreRefused);
    CPPUNIT_TEST(testKindMustBeAPlainName);
    CPPUNIT_TEST(testTestKindIsHungarianWithNameInHungarianOrder);
    CPPUNIT_TEST(testTestKindIsEnglish);
    CPPUNIT_TEST(testHtmlPartEscapesValuesAndTextPartKeepsThem);
    CPPUNIT_TEST(testEveryMessageGetsItsOwnMessageId);
    CPPUNIT_TEST_SUITE_END();

public:
    void testHungarianEncodedWordsRoundTripThroughAMailParser() {
        const std::string subject = "Árvíztűrő tükörfúrógép: őűŐŰ őű ŐŰ – próba";
        const std::string name = "Őrsi-Űrhegyi Ödönné Ágnes";
        auto f = parse(build(envelope(name), parts(subject)));
        CPPUNIT_ASSERT_EQUAL(subject, f["subject"]);
        CPPUNIT_ASSERT_EQUAL(name, f["to_name"]);
        CPPUNIT_ASSERT_EQUAL(std::string("kovacs.eva@example.hu"), f["to_addr"]);
        CPPUNIT_ASSERT_EQUAL(std::string("0"), f["defects"]);
    }

    void testEncodedWordsNeverSplitACharacterAndFitTheLineLimit() {
        // Long enough for several encoded words; each 2-byte letter would be
        // cut in half by a naive 45-byte split at some point.
        std::string subject;
        for (int i = 0; i < 12; ++i) subject += "őűŐŰáé x ";
        subject.pop_back();
        std::string name;
        for (int i = 0; i < 10; ++i) name += "Űrhajós Őz ";
        name.pop_back();
        const std::string m = build(envelope(name), parts(subject));
        std::size_t encodedWords = 0;
        for (const auto& l : lines(m)) {
            CPPUNIT_ASSERT_MESSAGE(l, l.size() <= mail::kMaxHeaderLine);
            for (auto p = l.find("=?UTF-8?B?"); p != std::string::npos; p = l.find("=?UTF-8?B?", p + 1)) {
                auto end = l.find("?=", p + 10);
                CPPUNIT_ASSERT(end != std::string::npos);
                CPPUNIT_ASSERT(end + 2 - p <= 75);
                ++encodedWords;
            }
        }
        CPPUNIT_ASSERT(encodedWords > 4);
        auto f = parse(m);
        CPPUNIT_ASSERT_EQUAL(subject, f["subject"]);
        CPPUNIT_ASSERT_EQUAL(name + " <kovacs.eva@example.hu>", f["to_rfc2047"]);
        // Python's newer parser keeps folding space between the encoded
        // words of a display name (RFC 2047 §6.2 says to drop it): the split
        // after a space means it sees a doubled space, never a torn word.
        std::string shown = f["to_name"];
        for (auto p = shown.find("  "); p != std::string::npos; p = shown.find("  ")) shown.erase(p, 1);
        CPPUNIT_ASSERT_EQUAL(name, shown);
        CPPUNIT_ASSERT_EQUAL(std::string("1"), f["to_count"]);
    }

    void testPlainAsciiSubjectStaysReadable() {
        const std::string m = build(envelope("Eva Kovacs"), parts("Confirm your registration"));
        CPPUNIT_ASSERT(m.find("\nSubject: Confirm your registration\n") != std::string::npos);
        CPPUNIT_ASSERT(m.find("\nTo: Eva Kovacs <kovacs.eva@example.hu>\n") != std::string::npos);
        CPPUNIT_ASSERT(m.find("\nFrom: KTK <no-reply@munka.hu>\n") != std::string::npos);
    }

    void testAsciiThatLooksLikeAnEncodedWordIsEncoded() {
        const std::string subject = "=?UTF-8?B?SGFjaw==?= not decoded";
        auto f = parse(build(envelope("=?UTF-8?B?SGFjaw==?="), parts(subject)));
        CPPUNIT_ASSERT_EQUAL(subject, f["subject"]);
        CPPUNIT_ASSERT_EQUAL(std::string("=?UTF-8?B?SGFjaw==?="), f["to_name"]);
    }

    void testNoLineIsLongerThanTheLimitAndLongLinesRoundTrip() {
        std::string longAscii(3000, 'a');
        std::string longUtf8;
        for (int i = 0; i < 800; ++i) longUtf8 += "őű=é ";
        const std::string text = "Kedves Éva!\n" + longAscii + "\n" + longUtf8 + "\nvége  \n";
        const std::string html = "<p>" + longUtf8 + "<a href=\"http://x.hu/?t=" + longAscii + "\">link</a></p>\n";
        const std::string m = build(envelope("Kovács Éva"), parts(std::string(500, 'S'), text, html));
        for (const auto& l : lines(m)) CPPUNIT_ASSERT_MESSAGE(l.substr(0, 80), l.size() <= mail::kMaxHeaderLine);
        auto f = parse(m);
        CPPUNIT_ASSERT_EQUAL(text, f["text"]);
        CPPUNIT_ASSERT_EQUAL(html, f["html"]);
        CPPUNIT_ASSERT_EQUAL(std::string(500, 'S'), f["subject"]);
    }

    void testLinesStartingWithADotOrFromSurvive() {
        // Dots at the start of a hard line, and where a soft break falls
        // right before one (column 75).
        std::string text = ".\n..\n.hidden\nFrom here on\n";
        text += std::string(75, 'x') + ".after a soft break\n";
        text += std::string(74, 'y') + "From the second line\n.\n";
        const std::string m = build(envelope("Kovács Éva"), parts("Pont", text, "<p>.</p>\n.\n"));
        for (const auto& l : lines(m)) {
            CPPUNIT_ASSERT_MESSAGE(l, l.empty() || l[0] != '.');
            CPPUNIT_ASSERT_MESSAGE(l, l.rfind("From ", 0) != 0);
        }
        auto f = parse(m);
        CPPUNIT_ASSERT_EQUAL(text, f["text"]);
        CPPUNIT_ASSERT_EQUAL(std::string("<p>.</p>\n.\n"), f["html"]);
    }

    void testNameWithCrLfBccYieldsNoExtraHeader() {
        const std::string m = build(envelope("Kovács Éva\r\nBcc: x@evil.test"), parts("Tárgy"));
        for (const auto& l : lines(m)) CPPUNIT_ASSERT_MESSAGE(l, l.rfind("Bcc", 0) != 0);
        auto f = parse(m);
        CPPUNIT_ASSERT_EQUAL(
            std::string("Date,From,To,Subject,Message-ID,MIME-Version,Content-Language,Auto-Submitted,Content-Type"),
            f["headers"]);
        CPPUNIT_ASSERT_EQUAL(std::string("1"), f["to_count"]);
        CPPUNIT_ASSERT_EQUAL(std::string("kovacs.eva@example.hu"), f["to_addr"]);
        CPPUNIT_ASSERT_EQUAL(std::string("Kovács Éva Bcc: x@evil.test"), f["to_name"]);
    }

    void testSubjectWithCrLfYieldsNoExtraHeader() {
        const std::string m = build(envelope("Eva"), parts("Hello\r\nBcc: x@evil.test\n\nbody"));
        auto f = parse(m);
        CPPUNIT_ASSERT(f["headers"].find("Bcc") == std::string::npos);
        CPPUNIT_ASSERT_EQUAL(std::string("Hello Bcc: x@evil.test body"), f["subject"]);
        CPPUNIT_ASSERT_EQUAL(std::string("Szia!\n"), f["text"]);
    }

    void testDateFromAndMessageIdArePresent() {
        auto f = parse(build(envelope("Kovács Éva"), parts("Tárgy")));
        CPPUNIT_ASSERT_EQUAL(std::string("2023-11-14T22:13:20+00:00"), f["date"]);
        CPPUNIT_ASSERT_EQUAL(std::string("KTK"), f["from_name"]);
        CPPUNIT_ASSERT_EQUAL(std::string("no-reply@munka.hu"), f["from_addr"]);
        CPPUNIT_ASSERT_EQUAL(std::string("<0123456789abcdef.1700000000@munka.hu>"), f["message_id"]);
        CPPUNIT_ASSERT_EQUAL(std::string("multipart/alternative"), f["content_type"]);
        CPPUNIT_ASSERT_EQUAL(std::string("text/plain;utf-8,text/html;utf-8"), f["parts"]);
    }

    void testQuotedPrintableEscapesWhatItMust() {
        CPPUNIT_ASSERT_EQUAL(std::string("a=3Db=20\n"), mail::quotedPrintable("a=b \n"));
        CPPUNIT_ASSERT_EQUAL(std::string("=C5=91\tx=09\n"), mail::quotedPrintable("ő\tx\t"));
        CPPUNIT_ASSERT_EQUAL(std::string("a\nb\nc\n"), mail::quotedPrintable("a\r\nb\rc\n"));
        CPPUNIT_ASSERT_EQUAL(std::string("=2E\n=46rom me\n"), mail::quotedPrintable(".\nFrom me\n"));
    }

    void testHeaderTextTurnsControlCharactersIntoSpaces() {
        CPPUNIT_ASSERT_EQUAL(std::string("a b c d e f"),
                             mail::headerText(std::string("  a\r\nb\tc\0d\xE2\x80\xA8" "e\x7F f  ", 19)));
        CPPUNIT_ASSERT_EQUAL(std::string("x\xEF\xBF\xBDy"), mail::headerText("x\xC5y"));  // cut UTF-8 → U+FFFD
        CPPUNIT_ASSERT_EQUAL(std::string("x y"), mail::headerText("x\xC2\x85y"));  // NEL (C1) → space
    }

    void testInvalidRecipientsAreRefused() {
        for (const char* bad : {"a@b\r\nBcc: c@d.hu", "-oQ/tmp@x.hu", "no-at-sign", "", "a b@c.hu", "<a@b.hu>",
                                "a@b@c.hu", "a@", "@b.hu", "a@.hu", "\xC3\xA1@b.hu"}) {
            CPPUNIT_ASSERT_MESSAGE(bad, !mail::validAddress(bad));
            CPPUNIT_ASSERT_THROW_MESSAGE(bad,
                                         mail::compose(
                                             test::world().config, *test::world().views,
                                             [&] {
                                                 auto m = testMessage(domain::Lang::Hu, "");
                                                 m.toAddress = bad;
                                                 return m;
                                             }(),
                                             1700000000),
                                         std::invalid_argument);
        }
        CPPUNIT_ASSERT(mail::validAddress("kovacs.eva+ktk@example.hu"));
        CPPUNIT_ASSERT(mail::validAddress("o'brien@x.hu"));
    }

    void testKindMustBeAPlainName() {
        auto m = testMessage(domain::Lang::Hu, "");
        m.kind = "../login/login";
        CPPUNIT_ASSERT_THROW(mail::compose(test::world().config, *test::world().views, m, 1), std::invalid_argument);
        m.kind = "no-such-kind";
        CPPUNIT_ASSERT_THROW(mail::compose(test::world().config, *test::world().views, m, 1), std::runtime_error);
    }

    void testTestKindIsHungarianWithNameInHungarianOrder() {
        auto c = mail::compose(test::world().config, *test::world().views, testMessage(domain::Lang::Hu, "Kovács Éva"),
                               1700000000);
        CPPUNIT_ASSERT_EQUAL(std::string("kovacs.eva@example.hu"), c.recipient);
        auto f = parse(c.bytes);
        CPPUNIT_ASSERT_EQUAL(std::string("KTK tesztüzenet – a levélküldés ellenőrzése"), f["subject"]);
        CPPUNIT_ASSERT_EQUAL(std::string("Kovács Éva"), f["to_name"]);
        CPPUNIT_ASSERT_EQUAL(c.messageId, f["message_id"]);
        CPPUNIT_ASSERT_EQUAL(std::string("0"), f["defects"]);
        CPPUNIT_ASSERT(f["text"].rfind("Kedves Kovács Éva!\n\n", 0) == 0);
        CPPUNIT_ASSERT(f["text"].find("http://127.0.0.1:8080/login") != std::string::npos);
        CPPUNIT_ASSERT(f["text"].find("ne válaszoljon") != std::string::npos);
        CPPUNIT_ASSERT(f["html"].find("<html lang=\"hu\">") != std::string::npos);
        CPPUNIT_ASSERT(f["html"].find("Kedves Kovács Éva!") != std::string::npos);
        CPPUNIT_ASSERT(f["html"].find("href=\"http://127.0.0.1:8080/login\"") != std::string::npos);
        CPPUNIT_ASSERT(c.bytes.find("\nContent-Language: hu\n") != std::string::npos);
    }

    void testTestKindIsEnglish() {
        auto c =
            mail::compose(test::world().config, *test::world().views, testMessage(domain::Lang::En, ""), 1700000000);
        auto f = parse(c.bytes);
        CPPUNIT_ASSERT_EQUAL(std::string("KTK test message – checking the mail path"), f["subject"]);
        CPPUNIT_ASSERT_EQUAL(std::string(""), f["to_name"]);
        CPPUNIT_ASSERT(f["text"].rfind("Dear recipient,\n", 0) == 0);
        CPPUNIT_ASSERT(f["text"].find("please do not reply") != std::string::npos);
        CPPUNIT_ASSERT(f["html"].find("<html lang=\"en\">") != std::string::npos);
        CPPUNIT_ASSERT(f["text"].find("Kedves") == std::string::npos);
    }

    void testHtmlPartEscapesValuesAndTextPartKeepsThem() {
        const std::string hostile = "<script>alert(1)</script>\"&";
        auto c = mail::compose(test::world().config, *test::world().views, testMessage(domain::Lang::En, hostile), 1);
        auto f = parse(c.bytes);
        CPPUNIT_ASSERT(f["html"].find("<script>") == std::string::npos);
        CPPUNIT_ASSERT(f["html"].find("Dear &lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;,") != std::string::npos);
        CPPUNIT_ASSERT(f["text"].find("Dear " + hostile + ",") != std::string::npos);
    }

    void testEveryMessageGetsItsOwnMessageId() {
        std::set<std::string> ids;
        for (int i = 0; i < 200; ++i) {
            std::string id = mail::newMessageId("no-reply@munka.hu", 1700000000);
            // <32 hex digits.time@domain of mail.from>
            CPPUNIT_ASSERT_EQUAL_MESSAGE(id, std::string(".1700000000@munka.hu>"), id.substr(33));
            CPPUNIT_ASSERT_MESSAGE(id, id[0] == '<' && id.find_first_not_of("0123456789abcdef", 1) == 33);
            ids.insert(id);
        }
        CPPUNIT_ASSERT_EQUAL(std::size_t(200), ids.size());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(MailTest);
