#include "admin/office_timeline.h"

#include "applications/summary_view.h"
#include "util/clock.h"
#include "util/hungarian_time.h"

namespace ktk::admin {

namespace {

void stamp(web::Context& ctx, ctemplate::TemplateDictionary& e, const std::string& createdAt,
           const std::string& author, applications::Party party) {
    // Stored in UTC: the machine-readable time says so, the shown one is Hungarian.
    e.SetValue("ISO", createdAt.size() == 19 ? createdAt.substr(0, 10) + "T" + createdAt.substr(11) + "Z" : createdAt);
    e.SetValue("WHEN", util::hungarianTime(util::parseSqlTime(createdAt)));
    const std::string partyName = ctx.tr("admin.timeline.party." + std::string(applications::partyCode(party)));
    e.SetValue("WHO", author.empty() ? partyName : author);
    e.SetValue("PARTY", partyName);
}

}  // namespace

void fillTimeline(web::Context& ctx, ctemplate::TemplateDictionary& d, const applications::ApplicationView& view) {
    const std::vector<applications::TimelineEntry> entries = applications::timelineOf(view);
    if (entries.empty()) d.ShowSection("NO_ENTRIES");
    for (const applications::TimelineEntry& t : entries) {
        ctemplate::TemplateDictionary* e = d.AddSectionDictionary("ENTRY");
        if (t.version) {
            const applications::VersionRow& v = *t.version;
            e->SetValue("KIND", "version");
            stamp(ctx, *e, v.createdAt, v.authorName, v.party);
            e->SetValue("WHAT", ctx.tr("applications.version") + " " + std::to_string(v.version) + ": " +
                                    ctx.tr(v.party == applications::Party::Office ? "admin.timeline.version_office"
                                                                                  : "admin.timeline.version_contact"));
            continue;
        }
        const applications::EventRow& ev = *t.event;
        e->SetValue("KIND", ev.from && ev.to ? "transition" : "message");
        stamp(ctx, *e, ev.createdAt, ev.authorName, ev.party);
        e->SetValue("WHAT", ctx.tr("admin.timeline.action." + std::string(applications::actionCode(ev.action))));
        if (ev.from && ev.to) {
            ctemplate::TemplateDictionary* change = e->AddSectionDictionary("TRANSITION");
            change->SetValue("FROM", applications::stateName(ctx.app.translator, ctx.lang(), *ev.from));
            change->SetValue("TO", applications::stateName(ctx.app.translator, ctx.lang(), *ev.to));
            change->SetValue("TO_CODE", std::string(applications::stateCode(*ev.to)));
        }
        if (!ev.message.empty()) e->SetValueAndShowSection("TEXT", ev.message, "HAS_TEXT");
    }
}

}  // namespace ktk::admin
