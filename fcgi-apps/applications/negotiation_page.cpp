// The negotiation's part of the application page: what the office
// proposed and the two answers to it, the decision, the timeline and the
// message form. Which of them shows follows the state table (states.h).
#include "applications/application_page.h"
#include "applications/summary_view.h"
#include "applications/timeline_view.h"
#include "util/clock.h"
#include "util/hungarian_time.h"

namespace ktk::applications::handlers {

namespace {

std::string shownTime(const std::string& sqlTime) {
    return sqlTime.empty() ? "" : util::hungarianTime(util::parseSqlTime(sqlTime));
}

std::string diffUrl(std::uint64_t id, std::uint32_t a, std::uint32_t b) {
    return applicationPath(id) + "/versions/" + std::to_string(a) + "/diff/" + std::to_string(b);
}

// A reason or message of the timeline, with its author and time, into `box`.
void fillReason(web::Context& ctx, ctemplate::TemplateDictionary& box, const EventRow* event) {
    if (!event || event->message.empty()) return;
    ctemplate::TemplateDictionary* r = box.AddSectionDictionary("HAS_REASON");
    r->SetValue("REASON_TEXT", event->message);
    r->SetValue("REASON_BY", authorLabel(ctx.app.translator, ctx.lang(), event->authorLastName,
                                         event->authorFirstName, event->party));
    r->SetValue("REASON_AT", shownTime(event->createdAt));
}

// The office's proposal to answer: its reason, what it changed, and the
// answers. Once the municipality saved a revision, the proposal can no
// longer be accepted as it was: the revision is submitted instead.
void fillProposal(web::Context& ctx, ctemplate::TemplateDictionary& d, const ApplicationView& view) {
    const ApplicationSummary& a = view.application.summary;
    const StoredVersion& current = view.application.current;
    const VersionRow* proposal = latestProposal(view);
    if (!proposal) return;
    ctemplate::TemplateDictionary* box = d.AddSectionDictionary("PROPOSAL");
    box->SetIntValue("PROPOSAL_VERSION", proposal->version);
    box->SetValue("PROPOSED_BY", authorLabel(ctx.app.translator, ctx.lang(), proposal->authorLastName,
                                             proposal->authorFirstName, proposal->party));
    box->SetValue("PROPOSED_AT", shownTime(proposal->createdAt));
    if (proposal->version > 1) {
        ctemplate::TemplateDictionary* diff = box->AddSectionDictionary("PROPOSAL_DIFF");
        diff->SetValue("PROPOSAL_DIFF_URL", diffUrl(a.id, proposal->version - 1, proposal->version));
        diff->SetIntValue("BEFORE_PROPOSAL", proposal->version - 1);
    }
    fillReason(ctx, *box, latestEvent(view, Action::Propose));
    if (current.party == Party::Office && current.version == proposal->version) {
        ctemplate::TemplateDictionary* accept = box->AddSectionDictionary("CAN_ACCEPT");
        accept->SetIntValue("ACCEPT_VERSION", current.version);
        // A refused acceptance keeps what was typed.
        if (ctx.req.path() == applicationPath(a.id) + "/accept") accept->SetValue("ACCEPT_TEXT", ctx.req.form("message"));
    } else {
        ctemplate::TemplateDictionary* revising = box->AddSectionDictionary("REVISING");
        revising->SetIntValue("REVISION_VERSION", current.version);
        revising->SetValue("REVISION_DIFF_URL", diffUrl(a.id, proposal->version, current.version));
    }
}

// The end of the negotiation, or where it stands after an acceptance.
void fillOutcome(web::Context& ctx, ctemplate::TemplateDictionary& d, const ApplicationView& view) {
    const ApplicationSummary& a = view.application.summary;
    switch (a.state) {
        case State::Agreed:
            if (const EventRow* accepted = latestEvent(view, Action::Accept)) {
                ctemplate::TemplateDictionary* box = d.AddSectionDictionary("AGREED");
                box->SetIntValue("AGREED_VERSION", accepted->version.value_or(a.version));
                box->SetValue("AGREED_AT", shownTime(accepted->createdAt));
            }
            break;
        case State::Approved: {
            ctemplate::TemplateDictionary* box = d.AddSectionDictionary("APPROVED");
            box->SetValue("DECIDED_AT", shownTime(view.decision.decidedAt));
            if (view.decision.version) box->SetIntValue("DECIDED_VERSION", *view.decision.version);
            // The contract PDF (contract.pdf) exists once the approval gave it a number.
            if (!view.decision.contractNumber.empty()) {
                ctemplate::TemplateDictionary* c = box->AddSectionDictionary("CONTRACT");
                c->SetValue("CONTRACT_NUMBER", view.decision.contractNumber);
                c->SetValue("CONTRACT_URL", applicationPath(a.id) + "/contract.pdf");
            }
            fillReason(ctx, *box, latestEvent(view, Action::Approve));
            break;
        }
        case State::Rejected: {
            ctemplate::TemplateDictionary* box = d.AddSectionDictionary("REJECTED");
            box->SetValue("DECIDED_AT", shownTime(view.decision.decidedAt));
            fillReason(ctx, *box, latestEvent(view, Action::Reject));
            break;
        }
        case State::Withdrawn: {
            ctemplate::TemplateDictionary* box = d.AddSectionDictionary("WITHDRAWN_BOX");
            fillReason(ctx, *box, latestEvent(view, Action::Withdraw));
            break;
        }
        default: break;
    }
}

}  // namespace

const VersionRow* latestProposal(const ApplicationView& view) {
    for (auto it = view.versions.rbegin(); it != view.versions.rend(); ++it)
        if (it->party == Party::Office) return &*it;
    return nullptr;
}

const EventRow* latestEvent(const ApplicationView& view, Action action) {
    for (auto it = view.events.rbegin(); it != view.events.rend(); ++it)
        if (it->action == action) return &*it;
    return nullptr;
}

void fillNegotiation(web::Context& ctx, ctemplate::TemplateDictionary& d, const ApplicationView& view) {
    const ApplicationSummary& a = view.application.summary;
    if (a.state == State::Proposal) fillProposal(ctx, d, view);
    fillOutcome(ctx, d, view);
    addTimeline(d, "TIMELINE", ctx.app.translator, ctx.lang(), timelineOf(view), applicationPath(a.id) + "/versions/");
    if (allowed(a.state, Action::Message, Party::Contact)) {
        ctemplate::TemplateDictionary* form = d.AddSectionDictionary("CAN_MESSAGE");
        if (ctx.req.path() == applicationPath(a.id) + "/message") form->SetValue("MESSAGE_TEXT", ctx.req.form("message"));
    }
}

}  // namespace ktk::applications::handlers
