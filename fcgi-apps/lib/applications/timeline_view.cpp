#include "applications/timeline_view.h"

#include "applications/summary_view.h"
#include "domain/person_name.h"
#include "util/clock.h"
#include "util/hungarian_time.h"
#include "view/views.h"

namespace ktk::applications {

namespace {

// `text` with its first "{}" replaced by `value`.
std::string filled(std::string text, const std::string& value) {
    if (std::size_t at = text.find("{}"); at != std::string::npos) text.replace(at, 2, value);
    return text;
}

// Who and when, as every entry says them.
void fillWhoAndWhen(ctemplate::TemplateDictionary& e, const view::Translator& tr, domain::Lang lang,
                    const std::string& lastName, const std::string& firstName, Party party,
                    const std::string& createdAt) {
    e.SetValue("WHO", authorLabel(tr, lang, lastName, firstName, party));
    e.SetValue("PARTY_CODE", std::string(partyCode(party)));
    e.SetValue("WHEN", util::hungarianTime(util::parseSqlTime(createdAt)));
    e.SetValue("WHEN_ISO", isoUtc(createdAt));
}

// `previous`: the version listed before this one (0 for none); the office
// sees only the frozen versions, so it is not always version - 1.
void fillVersion(ctemplate::TemplateDictionary& e, const view::Translator& tr, domain::Lang lang,
                 const VersionRow& v, std::uint32_t previous, const std::string& versionsBase) {
    const std::string n = std::to_string(v.version);
    const char* kind = v.party == Party::Office ? "proposal" : v.submitted ? "submitted" : "draft";
    e.SetValue("KIND", "version");
    e.SetValue("ANCHOR", "version-" + n);
    e.SetValue("HEADING", filled(tr.get(lang, "applications.timeline.version"), n) + " – " +
                              tr.get(lang, std::string("applications.timeline.version.") + kind));
    e.SetValueAndShowSection("VERSION_NUMBER", n, "HAS_NUMBER");
    fillWhoAndWhen(e, tr, lang, v.authorLastName, v.authorFirstName, v.party, v.createdAt);
    if (previous > 0) {
        const std::string before = std::to_string(previous);
        ctemplate::TemplateDictionary* link = e.AddSectionDictionary("COMPARE");
        link->SetValue("COMPARE_URL", versionsBase + before + "/diff/" + n);
        link->SetValue("COMPARE_TEXT", filled(tr.get(lang, "applications.timeline.compare"), before));
    }
}

void fillEvent(ctemplate::TemplateDictionary& e, const view::Translator& tr, domain::Lang lang, const EventRow& ev) {
    const std::string code(actionCode(ev.action));
    e.SetValue("KIND", ev.from && ev.to ? "transition" : "message");
    e.SetValue("ANCHOR", "event-" + std::to_string(ev.id));
    e.SetValue("HEADING", tr.get(lang, "applications.timeline.action." + code));
    e.SetValueAndShowSection("ACTION_CODE", code, "HAS_ACTION");
    fillWhoAndWhen(e, tr, lang, ev.authorLastName, ev.authorFirstName, ev.party, ev.createdAt);
    if (ev.from && ev.to) {
        ctemplate::TemplateDictionary* s = e.AddSectionDictionary("STATES");
        s->SetValue("FROM_CODE", std::string(stateCode(*ev.from)));
        s->SetValue("FROM", stateName(tr, lang, *ev.from));
        s->SetValue("TO_CODE", std::string(stateCode(*ev.to)));
        s->SetValue("TO", stateName(tr, lang, *ev.to));
    }
    if (ev.version && ev.from && ev.to)
        e.SetValueAndShowSection("ON_VERSION", std::to_string(*ev.version), "HAS_VERSION");
    if (!ev.message.empty()) {
        // A proposal, a withdrawal and a rejection carry a reason, other
        // transitions a message; a message alone is named by its heading.
        const bool reason = ev.action == Action::Propose || ev.action == Action::Withdraw || ev.action == Action::Reject;
        ctemplate::TemplateDictionary* m = e.AddSectionDictionary("MESSAGE");
        if (ev.action != Action::Message)
            m->SetValueAndShowSection("MESSAGE_LABEL",
                                      tr.get(lang, reason ? "applications.timeline.reason" : "applications.timeline.message"),
                                      "HAS_LABEL");
        m->SetValue("TEXT", ev.message);
    }
}

}  // namespace

const std::string& partyName(const view::Translator& tr, domain::Lang lang, Party party) {
    return tr.get(lang, "applications.party." + std::string(partyCode(party)));
}

std::string authorLabel(const view::Translator& tr, domain::Lang lang, const std::string& lastName,
                        const std::string& firstName, Party party) {
    const std::string& side = partyName(tr, lang, party);
    if (lastName.empty() && firstName.empty()) return side;
    return domain::displayName(lastName, firstName, lang) + " (" + side + ")";
}

std::string isoUtc(const std::string& sqlTime) {
    if (sqlTime.size() < 19) return sqlTime;
    return sqlTime.substr(0, 10) + "T" + sqlTime.substr(11, 8) + "Z";
}

void fillTimeline(ctemplate::TemplateDictionary& d, const view::Translator& tr, domain::Lang lang,
                  const std::vector<TimelineEntry>& entries, const std::string& versionsBase) {
    if (entries.empty()) {
        d.ShowSection("EMPTY");
        return;
    }
    ctemplate::TemplateDictionary* list = d.AddSectionDictionary("ENTRIES");
    std::uint32_t previous = 0;
    for (const TimelineEntry& t : entries) {
        ctemplate::TemplateDictionary* e = list->AddSectionDictionary("ENTRY");
        if (t.version) {
            fillVersion(*e, tr, lang, *t.version, previous, versionsBase);
            previous = t.version->version;
        }
        else if (t.event) fillEvent(*e, tr, lang, *t.event);
    }
}

void addTimeline(ctemplate::TemplateDictionary& parent, const char* marker, const view::Translator& tr,
                 domain::Lang lang, const std::vector<TimelineEntry>& entries, const std::string& versionsBase) {
    ctemplate::TemplateDictionary* d = parent.AddIncludeDictionary(marker);
    d->SetFilename(view::Views::key(lang, kTimelineTemplate));
    fillTimeline(*d, tr, lang, entries, versionsBase);
}

}  // namespace ktk::applications
