// The timeline as both sides show it (applications/timeline_view.h):
// oldest first, versions with who and when and a link to the comparison
// with the one before, transitions with the states before and after,
// messages escaped with their line breaks kept.
#include <cppunit/extensions/HelperMacros.h>

#include "applications/timeline_view.h"
#include "fixtures.h"

using namespace ktk::applications;
using ktk::domain::Lang;

namespace {

VersionRow versionRow(std::uint32_t n, Party party, bool submitted, const char* at) {
    VersionRow v;
    v.version = n;
    v.party = party;
    v.submitted = submitted;
    v.authorId = 5;
    v.authorLastName = party == Party::Office ? "Szabó" : "Kovács";
    v.authorFirstName = party == Party::Office ? "Éva" : "Anna";
    v.createdAt = at;
    return v;
}

EventRow eventRow(std::uint64_t id, Action action, Party party, std::optional<State> from, std::optional<State> to,
                  std::optional<std::uint32_t> version, std::string message, const char* at) {
    EventRow e;
    e.id = id;
    e.action = action;
    e.party = party;
    e.authorLastName = party == Party::Office ? "Szabó" : "Kovács";
    e.authorFirstName = party == Party::Office ? "Éva" : "Anna";
    e.from = from;
    e.to = to;
    e.version = version;
    e.message = std::move(message);
    e.createdAt = at;
    return e;
}

// A negotiation: a draft, its submission, the review, a proposal with its
// reason, and a hostile message from the municipality.
ApplicationView negotiation() {
    ApplicationView view;
    view.versions = {versionRow(1, Party::Contact, false, "2026-03-10 08:00:00"),
                     versionRow(2, Party::Contact, true, "2026-03-11 09:00:00"),
                     versionRow(3, Party::Office, true, "2026-03-12 10:00:00")};
    view.events = {
        eventRow(11, Action::Submit, Party::Contact, State::Draft, State::Submitted, 2, "", "2026-03-11 09:00:00"),
        eventRow(12, Action::Open, Party::Office, State::Submitted, State::InReview, 2, "", "2026-03-11 12:00:00"),
        eventRow(13, Action::Propose, Party::Office, State::InReview, State::Proposal, 3,
                 "Kevesebb munkás.\nRövidebb időszak.", "2026-03-12 10:00:00"),
        eventRow(14, Action::Message, Party::Contact, std::nullopt, std::nullopt, std::nullopt,
                 "<script>alert('x')</script>\n\"első\" & második sor", "2026-03-12 11:30:00"),
    };
    return view;
}

std::string render(const ApplicationView& view, Lang lang, const std::string& base = "/applications/7/versions/") {
    ktk::test::World& w = ktk::test::world();
    ctemplate::TemplateDictionary d("timeline");
    fillTimeline(d, w.translator, lang, timelineOf(view), base);
    return w.views->expand(lang, kTimelineTemplate, d);
}

std::size_t at(const std::string& html, const std::string& needle) {
    const std::size_t pos = html.find(needle);
    if (pos == std::string::npos) CPPUNIT_FAIL("not found: " + needle + "\n" + html);
    return pos;
}

// The <li> of entry `anchor` as rendered.
std::string entry(const std::string& html, const std::string& anchor) {
    const std::size_t from = at(html, "id=\"timeline-" + anchor + "\"");
    return html.substr(from, html.find("</li>", from) - from);
}

}  // namespace

class TimelineViewTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(TimelineViewTest);
    CPPUNIT_TEST(testEntriesAreAnOrderedListOldestFirst);
    CPPUNIT_TEST(testWithinOneSecondAVersionFollowsWhatHappenedBeforeIt);
    CPPUNIT_TEST(testAVersionSaysWhoWhenWhatAndLinksToTheComparison);
    CPPUNIT_TEST(testATransitionNamesTheStatesBeforeAndAfter);
    CPPUNIT_TEST(testAHostileMessageIsEscapedAndKeepsItsLines);
    CPPUNIT_TEST(testTheLinksUseTheGivenBase);
    CPPUNIT_TEST(testAVersionIsComparedWithTheOneListedBeforeIt);
    CPPUNIT_TEST(testEnglishPutsTheFirstNameFirst);
    CPPUNIT_TEST(testAGoneAccountIsNamedByItsSide);
    CPPUNIT_TEST(testEveryActionHasAHeadingInBothLanguages);
    CPPUNIT_TEST_SUITE_END();

public:
    void testEntriesAreAnOrderedListOldestFirst() {
        const std::string html = render(negotiation(), Lang::Hu);
        at(html, "<section id=\"timeline\" class=\"timeline\" aria-labelledby=\"timeline-heading\">");
        at(html, "<h2 id=\"timeline-heading\">Az ügy története</h2>");
        at(html, "<ol class=\"timeline-list\">");
        // The submission's version comes before the submission that made it,
        // then the review, the proposal's version, the proposal, the message.
        const std::size_t order[] = {at(html, "timeline-version-1"), at(html, "timeline-version-2"),
                                     at(html, "timeline-event-11"),  at(html, "timeline-event-12"),
                                     at(html, "timeline-version-3"), at(html, "timeline-event-13"),
                                     at(html, "timeline-event-14")};
        for (std::size_t i = 1; i < std::size(order); ++i) CPPUNIT_ASSERT(order[i - 1] < order[i]);
        // Whatever order the rows come in.
        ApplicationView shuffled = negotiation();
        std::swap(shuffled.events[0], shuffled.events[3]);
        std::swap(shuffled.versions[0], shuffled.versions[2]);
        CPPUNIT_ASSERT_EQUAL(html, render(shuffled, Lang::Hu));
    }

    void testWithinOneSecondAVersionFollowsWhatHappenedBeforeIt() {
        // A clerk opens the review and proposes within the same second: the
        // opening (which rests on version 2) came before version 3, which
        // comes before the proposal that made it.
        ApplicationView view;
        view.versions = {versionRow(2, Party::Contact, true, "2026-03-11 09:00:00"),
                         versionRow(3, Party::Office, true, "2026-03-11 09:00:00")};
        view.events = {
            eventRow(11, Action::Submit, Party::Contact, State::Draft, State::Submitted, 2, "", "2026-03-11 09:00:00"),
            eventRow(12, Action::Open, Party::Office, State::Submitted, State::InReview, 2, "", "2026-03-11 09:00:00"),
            eventRow(13, Action::Propose, Party::Office, State::InReview, State::Proposal, 3, "", "2026-03-11 09:00:00"),
        };
        std::vector<std::string> order;
        for (const TimelineEntry& t : timelineOf(view))
            order.push_back(t.version ? "v" + std::to_string(t.version->version) : std::string(actionCode(t.event->action)));
        CPPUNIT_ASSERT_EQUAL(std::string("v2 submit open v3 propose"),
                             order[0] + " " + order[1] + " " + order[2] + " " + order[3] + " " + order[4]);
    }

    void testAVersionSaysWhoWhenWhatAndLinksToTheComparison() {
        const std::string html = render(negotiation(), Lang::Hu);
        const std::string first = entry(html, "version-1");
        at(first, "<h3 class=\"timeline-title\">1. változat – mentett piszkozat</h3>");
        at(first, "Kovács Anna (önkormányzat), <time datetime=\"2026-03-10T08:00:00Z\">2026. 03. 10. 09:00:00</time>");
        CPPUNIT_ASSERT(first.find("/diff/") == std::string::npos);  // nothing before version 1
        const std::string proposal = entry(html, "version-3");
        at(proposal, "3. változat – a hivatal javaslata");
        at(proposal, "Szabó Éva (járási hivatal)");
        at(proposal, "<a href=\"/applications/7/versions/2/diff/3\">Összevetés az előző (2.) változattal</a>");
        at(proposal, "data-version=\"3\"");
        at(entry(html, "version-2"), "2. változat – benyújtott változat");
    }

    void testATransitionNamesTheStatesBeforeAndAfter() {
        const std::string html = render(negotiation(), Lang::En);
        const std::string open = entry(html, "event-12");
        at(open, "data-kind=\"transition\" data-action=\"open\"");
        at(open, "<h3 class=\"timeline-title\">Review started</h3>");
        at(open, "Éva Szabó (district office)");
        at(open, "data-state=\"submitted\">Submitted</span>");
        at(open, "data-state=\"in_review\">");
        CPPUNIT_ASSERT(open.find("data-state=\"submitted\"") < open.find("data-state=\"in_review\""));
        at(open, "(Version 2)");
        const std::string propose = entry(html, "event-13");
        at(propose, "Reason:");
        at(propose, "Kevesebb munkás.\nRövidebb időszak.");
    }

    void testAHostileMessageIsEscapedAndKeepsItsLines() {
        const std::string html = render(negotiation(), Lang::Hu);
        const std::string message = entry(html, "event-14");
        at(message, "data-kind=\"message\" data-action=\"message\"");
        CPPUNIT_ASSERT(message.find("Üzenet:") == std::string::npos);  // its heading says it
        at(message, "<h3 class=\"timeline-title\">Üzenet</h3>");
        at(message, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\n&quot;első&quot; &amp; második sor");
        CPPUNIT_ASSERT(html.find("<script>") == std::string::npos);
        CPPUNIT_ASSERT(message.find("class=\"timeline-message pre\"") != std::string::npos);
        CPPUNIT_ASSERT(message.find("timeline-states") == std::string::npos);  // a message changes no state
    }

    void testTheLinksUseTheGivenBase() {
        const std::string html = render(negotiation(), Lang::En, "/admin/applications/7/versions/");
        at(html, "href=\"/admin/applications/7/versions/1/diff/2\"");
        at(html, "href=\"/admin/applications/7/versions/2/diff/3\"");
        CPPUNIT_ASSERT(html.find("href=\"/applications/") == std::string::npos);
    }

    void testAVersionIsComparedWithTheOneListedBeforeIt() {
        // The office's page lists only the frozen versions: without version
        // 1 (a draft), version 2 has nothing to compare with, and version 3
        // compares with 2.
        ApplicationView view = negotiation();
        view.versions.erase(view.versions.begin());
        const std::string html = render(view, Lang::En, "/admin/applications/7/versions/");
        CPPUNIT_ASSERT(entry(html, "version-2").find("/diff/") == std::string::npos);
        at(entry(html, "version-3"), "href=\"/admin/applications/7/versions/2/diff/3\"");
        view.versions.erase(view.versions.begin());  // 2 gone too: 3 is the first listed
        CPPUNIT_ASSERT(entry(render(view, Lang::En), "version-3").find("/diff/") == std::string::npos);
    }

    void testEnglishPutsTheFirstNameFirst() {
        const std::string html = render(negotiation(), Lang::En);
        at(entry(html, "version-1"), "Anna Kovács (municipality), <time");
        at(entry(html, "version-1"), "Version 1 – saved draft");
    }

    void testAGoneAccountIsNamedByItsSide() {
        ApplicationView view = negotiation();
        view.versions[0].authorLastName.clear();
        view.versions[0].authorFirstName.clear();
        at(entry(render(view, Lang::En), "version-1"), "<p class=\"timeline-meta\">municipality, <time");
        ApplicationView empty;
        at(render(empty, Lang::En), "Nothing yet.");
    }

    void testEveryActionHasAHeadingInBothLanguages() {
        const ktk::view::Translator& tr = ktk::test::world().translator;
        for (const char* code : {"edit", "submit", "withdraw", "open", "propose", "accept", "approve", "reject",
                                 "message"}) {
            CPPUNIT_ASSERT(parseAction(code));
            for (Lang lang : ktk::domain::kAllLangs)
                CPPUNIT_ASSERT_MESSAGE(code, tr.find(lang, std::string("applications.timeline.action.") + code));
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TimelineViewTest);
