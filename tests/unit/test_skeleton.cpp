// Pages written from skeletons (view/skeleton.h, web/layout.h) must be the
// bytes ctemplate gives for the same values: the layout in every shape, in
// both languages, and every page template's content, each with values
// that try every escaping context (markup, quotes, URLs with a script
// scheme, bytes that are not UTF-8, text that looks like a marker).
#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "fixtures.h"
#include "web/layout.h"

using namespace ktk;

namespace {

const std::vector<std::string>& hostile() {
    static const std::vector<std::string> values = {
        "",
        "plain-Token_123",
        "\"><script>alert(1)</script>",
        "' onmouseover='alert(1)",
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "/login?a=1&b=<2>&lang=en#frag",
        "//evil.example/x",
        "http://evil.example/?q=\"x\"",
        "&amp; &#39; &lt;",
        "line\nbreak\ttab\rreturn",
        "Kovács Éva Őrsné ű 𝄞",
        "\xff\xfe\xc3 broken",
        "{{CSRF_TOKEN}} {{>CONTENT}}",
        "Kx9SkeletonHole0Qz Kx9SkeletonHole4Qz",
        "expression(alert(1))",
        "</textarea></title><!--",
    };
    return values;
}

std::vector<web::LayoutShape> shapes() {
    using C = web::LayoutShape::Current;
    std::vector<web::LayoutShape> out;
    for (domain::Lang lang : domain::kAllLangs) {
        web::LayoutShape visitor;
        visitor.lang = lang;
        visitor.title = "Bejelentkezés <&>";
        visitor.assetVersion = "abc123";
        out.push_back(visitor);
        web::LayoutShape entry = visitor;
        entry.description = "Leírás \"idézőjellel\" & <b>";
        entry.registrationHelp = true;
        entry.testMode = true;
        out.push_back(entry);
        web::LayoutShape contact = visitor;
        contact.user = true;
        contact.homeUrl = "/home";
        contact.workUrl = "/applications";
        for (C current : {C::None, C::Home, C::Work, C::Profile, C::Security}) {
            contact.current = current;
            out.push_back(contact);
        }
        web::LayoutShape clerk = visitor;
        clerk.user = true;
        clerk.homeUrl = "/admin";
        clerk.current = C::Home;
        out.push_back(clerk);
        clerk.current = C::Security;
        clerk.testMode = true;
        out.push_back(clerk);
    }
    return out;
}

// Every page's content template (not the mails, not the layout).
std::vector<std::string> pageTemplates(const std::string& dir) {
    namespace fs = std::filesystem;
    std::vector<std::string> names;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".tpl") continue;
        std::string name = fs::relative(entry.path(), dir).replace_extension().generic_string();
        if (name.rfind("mail/", 0) == 0 || name.rfind("layout/", 0) == 0) continue;
        std::ifstream in(entry.path());
        std::string first;
        std::getline(in, first);
        if (first.find("context=\"HTML\"") == std::string::npos) continue;
        names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::string viaSkeleton(const view::Skeleton& sk, const std::vector<std::string_view>& values) {
    std::string out;
    sk.fill(out, values.data());
    return out;
}

}  // namespace

class SkeletonTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SkeletonTest);
    CPPUNIT_TEST(theLayoutIsTheSameBytesInEveryShape);
    CPPUNIT_TEST(everyPageContentIsTheSameBytes);
    CPPUNIT_TEST(theLoginFormIsTheSameBytesWithAnyAddress);
    CPPUNIT_TEST(theHomePageIsTheSameBytesWithAnyValues);
    CPPUNIT_TEST(aPageThatCannotBeSplitIsRefused);
    CPPUNIT_TEST_SUITE_END();

public:
    void theLayoutIsTheSameBytesInEveryShape() {
        const view::Views& views = *test::world().views;
        const std::string content = "<h1>Tartalom &amp; content</h1>\n<p class=\"x\">'</p>";
        std::size_t compared = 0;
        for (const web::LayoutShape& shape : shapes()) {
            const view::Skeleton* sk = web::layoutSkeleton(views, shape);
            CPPUNIT_ASSERT_MESSAGE(shape.key(), sk != nullptr);
            for (std::size_t i = 0; i < hostile().size(); ++i) {
                // Each hole gets another hostile value, so a swapped hole shows.
                const auto& h = hostile();
                const web::LayoutValues values = {h[i], h[(i + 1) % h.size()], h[(i + 2) % h.size()],
                                                  h[(i + 3) % h.size()], content};
                ctemplate::TemplateDictionary dict("layout");
                web::fillLayout(dict, shape, values);
                const std::string expected = web::renderLayout(views, shape.lang, dict);
                std::string got;
                sk->fill(got, values);
                CPPUNIT_ASSERT_EQUAL_MESSAGE(shape.key() + " / " + h[i], expected, got);
                ++compared;
            }
        }
        CPPUNIT_ASSERT(compared >= 14 * hostile().size());
    }

    void everyPageContentIsTheSameBytes() {
        const view::Views& views = *test::world().views;
        const std::vector<std::string> names = pageTemplates(test::world().config.templatesDir);
        CPPUNIT_ASSERT(names.size() > 30);
        for (const std::string& name : names) {
            for (domain::Lang lang : domain::kAllLangs) {
                const view::Skeleton* sk = web::contentSkeleton(views, lang, name, "test", {});
                CPPUNIT_ASSERT_MESSAGE(name, sk != nullptr);
                for (const std::string& token : hostile()) {
                    const std::vector<std::string_view> values{token};
                    CPPUNIT_ASSERT_EQUAL_MESSAGE(name + " / " + token, web::renderContent(views, lang, name, {}, values),
                                                 viaSkeleton(*sk, values));
                }
            }
        }
    }

    void theLoginFormIsTheSameBytesWithAnyAddress() {
        const view::Views& views = *test::world().views;
        for (domain::Lang lang : domain::kAllLangs) {
            const view::Skeleton* sk = web::contentSkeleton(views, lang, "login/login", "empty", {{"EMAIL"}, {}, {}});
            CPPUNIT_ASSERT(sk != nullptr);
            for (const std::string& email : hostile()) {
                const std::vector<std::string_view> values{"tok-en_1", email};
                const std::string expected = web::renderContent(views, lang, "login/login", {{"EMAIL"}, {}, {}}, values);
                CPPUNIT_ASSERT_EQUAL_MESSAGE(email, expected, viaSkeleton(*sk, values));
                // The value really went through the template's escaping.
                if (email.find('<') != std::string::npos) CPPUNIT_ASSERT(expected.find(email) == std::string::npos);
            }
        }
    }

    // The home page in its two cases (ktk-login's HomeHandler): a linked
    // contact's, with the municipality and its lists (HTML rendered by
    // home/applications, which goes in as it is), and an unlinked one's.
    void theHomePageIsTheSameBytesWithAnyValues() {
        const view::Views& views = *test::world().views;
        const web::ContentHoles linked{{"NAME", "EMAIL", "MUNICIPALITY_NAME", "TAX_NUMBER", "APPLICATIONS_HTML"},
                                       {"MUNICIPALITY", "APPLICATIONS"},
                                       {"APPLICATIONS_HTML"}};
        const web::ContentHoles unlinked{{"NAME", "EMAIL"}, {"NO_MUNICIPALITY"}, {}};
        const std::string lists = "<section id=\"home-waiting\"><p>Kx9 & <b>kész</b></p></section>";
        for (domain::Lang lang : domain::kAllLangs) {
            const view::Skeleton* withLists = web::contentSkeleton(views, lang, "home/home", "linked", linked);
            const view::Skeleton* without = web::contentSkeleton(views, lang, "home/home", "unlinked", unlinked);
            CPPUNIT_ASSERT(withLists != nullptr && without != nullptr);
            for (const std::string& v : hostile()) {
                const std::vector<std::string_view> all{"tok-en_1", v, v, v, v, lists};
                const std::string expected = web::renderContent(views, lang, "home/home", linked, all);
                CPPUNIT_ASSERT_EQUAL_MESSAGE(v, expected, viaSkeleton(*withLists, all));
                CPPUNIT_ASSERT(expected.find(lists) != std::string::npos);
                if (v.find('<') != std::string::npos) CPPUNIT_ASSERT(expected.find(v) == std::string::npos);
                const std::vector<std::string_view> two{"tok-en_1", v, v};
                CPPUNIT_ASSERT_EQUAL_MESSAGE(v, web::renderContent(views, lang, "home/home", unlinked, two),
                                             viaSkeleton(*without, two));
            }
        }
    }

    // A rendering that loses a marker (a value the template drops) cannot
    // be split and is refused, so the page falls back to ctemplate.
    void aPageThatCannotBeSplitIsRefused() {
        const view::Skeleton::Render dropsHole1 = [](const std::vector<std::string>& v) {
            return "<p>" + v[0] + "</p><p>" + (v[1].rfind("Kx9", 0) == 0 ? std::string("changed") : v[1]) + "</p>";
        };
        CPPUNIT_ASSERT_THROW(view::Skeleton::compile(dropsHole1, 2), std::runtime_error);
        const view::Skeleton::Render unescaped = [](const std::vector<std::string>& v) { return "<p>" + v[0] + "</p>"; };
        CPPUNIT_ASSERT_THROW(view::Skeleton::compile(unescaped, 1), std::runtime_error);
        const view::Skeleton sk = view::Skeleton::compile(unescaped, 1, {true});
        const std::vector<std::string_view> values{"<b>raw</b>"};
        CPPUNIT_ASSERT_EQUAL(std::string("<p><b>raw</b></p>"), viaSkeleton(sk, values));
        // A hole given as HTML that the template escapes after all would
        // let markup through where ctemplate would not: refused.
        const view::Skeleton::Render escapes = [](const std::vector<std::string>& v) {
            std::string out = "<p>";
            for (char c : v[0]) out += c == '<' ? std::string("&lt;") : std::string(1, c);
            return out + "</p>";
        };
        CPPUNIT_ASSERT_THROW(view::Skeleton::compile(escapes, 1, {true}), std::runtime_error);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SkeletonTest);
