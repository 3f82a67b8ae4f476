// A program loads only the templates it renders (view::Views' `only`): its own
// pages and mails are there in both languages, another program's are not,
// and a name that selects no template stops the program at startup.
// Its own process (ctemplate's cache is global and frozen once loaded), so
// it builds its view::Views here instead of using the shared fixture's.
#include <cppunit/extensions/HelperMacros.h>

#include "fixtures.h"

using namespace ktk;

class ViewsSubsetTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ViewsSubsetTest);
    CPPUNIT_TEST(aPrefixSelectingNothingIsRefused);
    CPPUNIT_TEST(onlyTheNamedTemplatesAreLoaded);
    CPPUNIT_TEST_SUITE_END();

public:
    // First: it fails before a template enters the global cache.
    void aPrefixSelectingNothingIsRefused() {
        config::Config config = test::testConfig();
        view::Translator translator(config.localeDir);
        CPPUNIT_ASSERT_THROW(view::Views(config.templatesDir, translator, {"regisrter/"}), std::runtime_error);
    }

    void onlyTheNamedTemplatesAreLoaded() {
        config::Config config = test::testConfig();
        view::Translator translator(config.localeDir);
        view::Views views(config.templatesDir, translator, {"register/", "mail/confirm_registration/", "errors/"});
        ctemplate::TemplateDictionary dict("test");
        for (domain::Lang lang : domain::kAllLangs) {
            CPPUNIT_ASSERT(!views.expand(lang, "register/done", dict).empty());
            CPPUNIT_ASSERT(!views.expand(lang, "mail/confirm_registration/subject", dict).empty());
            CPPUNIT_ASSERT(!views.expand(lang, "errors/error", dict).empty());
            CPPUNIT_ASSERT_THROW(views.expand(lang, "login/login", dict), std::runtime_error);
            CPPUNIT_ASSERT_THROW(views.expand(lang, "mail/password_reset/subject", dict), std::runtime_error);
            CPPUNIT_ASSERT_THROW(views.expand(lang, "layout/page", dict), std::runtime_error);
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ViewsSubsetTest);
