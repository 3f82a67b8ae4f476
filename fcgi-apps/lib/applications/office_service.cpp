#include "applications/office_service.h"

#include <algorithm>

#include "applications/attachment_store.h"
#include "applications/negotiation_mail.h"
#include "applications/rules_check.h"
#include "db/database.h"
#include "repo/audit.h"
#include "util/clock.h"
#include "util/hungarian_time.h"
#include "util/json.h"

namespace ktk::applications {

namespace {

void auditOffice(db::Tx& tx, const OfficeClerk& clerk, std::uint64_t municipalityId, const char* action,
                 std::optional<std::string> before, std::optional<std::string> after) {
    repo::AuditEntry e;
    e.actor = repo::Actor::user(clerk.userId);
    e.clientAddress = clerk.clientAddress;
    e.action = action;
    e.targetMunicipalityId = municipalityId;
    e.before = std::move(before);
    e.after = std::move(after);
    repo::recordAudit(tx, e);
}

// Application `id` with its parties, when it is one the office may see: a
// municipality of the clerk's office, submitted at least once. Another
// office's is Denied and audited; a draft is the municipality's own and
// as unknown to the office as a missing id.
struct Scoped {
    OfficeAccess access = OfficeAccess::NotFound;
    std::optional<StoredApplication> app;
    std::optional<Parties> parties;
};

Scoped loadForOffice(db::Tx& tx, const OfficeClerk& clerk, std::uint64_t id, RowLock lock) {
    Scoped s;
    s.parties = partiesOf(tx, id);
    if (!s.parties) return s;
    if (s.parties->officeId != clerk.officeId) {
        s.access = OfficeAccess::Denied;
        auditOffice(tx, clerk, s.parties->municipalityId, "application.denied", std::nullopt,
                    util::jsonText({{"application_id", id}}));
        return s;
    }
    s.app = loadApplication(tx, id, lock);
    if (!s.app || s.app->summary.number.empty()) {
        s.app.reset();
        return s;
    }
    s.access = OfficeAccess::Found;
    return s;
}

ActionOutcome refusal(OfficeAccess access) {
    return access == OfficeAccess::Denied ? ActionOutcome::Denied : ActionOutcome::NotFound;
}

util::Json stateJson(std::uint64_t id, const ApplicationSummary& s) {
    return {{"application_id", id}, {"number", s.number}, {"state", stateCode(s.state)}, {"version", s.version}};
}

// What the office sees of an application: the versions the municipality
// submitted and the office's own proposals, and the attachments that went
// with a submission. Its drafts before the first submission, and a
// revision it is still editing after a proposal, are the municipality's
// own: then the newest submitted version is the one shown (the summary
// keeps the row's version, which the forms send back as their `version`).
ApplicationView viewOf(db::Tx& tx, StoredApplication app) {
    ApplicationView view;
    const std::uint64_t id = app.summary.id;
    view.versions = listVersions(tx, id);
    view.versions.erase(std::remove_if(view.versions.begin(), view.versions.end(),
                                       [](const VersionRow& v) { return !v.submitted; }),
                        view.versions.end());
    if (!app.current.submitted && !view.versions.empty())
        if (std::optional<StoredVersion> shown = loadVersion(tx, id, view.versions.back().version))
            app.current = std::move(*shown);
    Rules rules = rulesFor(tx, app.current.fields);
    view.budget = app.current.submitted ? app.current.budget : budgetOf(app.current.fields, rules);
    view.programme = rules.programme;
    view.rates = rules.rates;
    view.missing = missingForSubmission(app.current.fields, rules);
    view.attachments = listAttachments(tx, id);
    view.attachments.erase(std::remove_if(view.attachments.begin(), view.attachments.end(),
                                          [](const AttachmentInfo& a) { return !a.submitted; }),
                           view.attachments.end());
    view.events = listEvents(tx, id);
    view.decision = loadDecision(tx, id);
    view.application = std::move(app);
    return view;
}

// The common start of a clerk's action: the row locked and in scope, the
// action allowed in its state. Sets the outcome otherwise.
Scoped lockForAction(db::Tx& tx, const OfficeClerk& clerk, std::uint64_t id, Action action, ActionResult& result,
                     std::optional<State>& next) {
    Scoped s = loadForOffice(tx, clerk, id, RowLock::ForUpdate);
    if (s.access != OfficeAccess::Found) {
        result.outcome = refusal(s.access);
        return s;
    }
    next = transition(s.app->summary.state, action, Party::Office);
    if (!next) {
        result.outcome = isFinal(s.app->summary.state) ? ActionOutcome::Decided : ActionOutcome::NotAllowed;
        s.access = OfficeAccess::NotFound;
    }
    return s;
}

}  // namespace

Inbox inboxForOffice(db::Database& db, const OfficeClerk& clerk, InboxFilter filter, unsigned page) {
    Inbox inbox;
    inbox.page = page < 1 ? 1 : page > kMaxListPage ? kMaxListPage : page;
    filter.limit = kInboxPageSize + 1;  // one more tells whether a next page follows
    filter.offset = (inbox.page - 1) * kInboxPageSize;
    db.autocommit([&](db::Tx& tx) {
        inbox.rows = listInbox(tx, clerk.officeId, filter);
        inbox.counts = countInbox(tx, clerk.officeId, filter);
        inbox.municipalities = inboxMunicipalities(tx, clerk.officeId);
    });
    if (inbox.rows.size() > kInboxPageSize) {
        inbox.rows.pop_back();
        inbox.hasNext = true;
    }
    return inbox;
}

std::vector<InboxRow> exportForOffice(db::Database& db, std::uint64_t officeId, std::optional<int> year) {
    return db.transact([&](db::Tx& tx) {
        InboxFilter f;
        f.year = year;
        f.limit = 4000000000u;
        std::vector<InboxRow> rows = listInbox(tx, officeId, f);
        std::sort(rows.begin(), rows.end(),
                  [](const InboxRow& a, const InboxRow& b) { return a.summary.number < b.summary.number; });
        return rows;
    });
}

OfficeView viewForOffice(db::Database& db, const OfficeClerk& clerk, std::uint64_t id) {
    return db.transact([&](db::Tx& tx) {
        OfficeView result;
        Scoped s = loadForOffice(tx, clerk, id, RowLock::None);
        result.access = s.access;
        if (s.access != OfficeAccess::Found) return result;
        result.parties = std::move(s.parties);
        result.view = viewOf(tx, std::move(*s.app));
        return result;
    });
}

OfficeView openForOffice(db::Database& db, const config::Config& config, const view::Views& views,
                         const OfficeClerk& clerk, std::uint64_t id) {
    return db.transact([&](db::Tx& tx) {
        OfficeView result;
        Scoped s = loadForOffice(tx, clerk, id, RowLock::None);
        result.access = s.access;
        if (s.access != OfficeAccess::Found) return result;
        if (s.app->summary.state == State::Submitted) {
            // Lock and look again: two clerks opening at once start one review.
            s.app = loadApplication(tx, id, RowLock::ForUpdate);
            if (const std::optional<State> next = transition(s.app->summary.state, Action::Open, Party::Office)) {
                const std::int64_t now = util::now();
                const ApplicationSummary before = s.app->summary;
                setState(tx, id, *next, std::nullopt, now);
                insertEvent(tx, id, {Action::Open, Party::Office, clerk.userId, before.state, *next, before.version, ""},
                            now);
                s.app->summary.state = *next;
                auditOffice(tx, clerk, s.parties->municipalityId, "application.open",
                            util::jsonText(stateJson(id, before)), util::jsonText(stateJson(id, s.app->summary)));
                notifyOtherSide(tx, config, views,
                                {id, before.number, s.app->current.fields.title, Action::Open, Party::Office});
            }
        }
        result.parties = std::move(s.parties);
        result.view = viewOf(tx, std::move(*s.app));
        return result;
    });
}

ActionResult proposeChanges(db::Database& db, const config::Config& config, const view::Views& views,
                            const OfficeClerk& clerk, std::uint64_t id, std::uint32_t loadedVersion,
                            const ApplicationForm& form, std::string_view message) {
    return db.transact([&](db::Tx& tx) {
        ActionResult result;
        std::optional<State> next;
        Scoped s = lockForAction(tx, clerk, id, Action::Propose, result, next);
        if (s.access != OfficeAccess::Found) return result;
        const StoredApplication& app = *s.app;
        if (app.summary.version != loadedVersion) {
            result.outcome = ActionOutcome::Stale;
            return result;
        }
        CheckedForm checked = checkForm(form, choices(tx, &app.current.fields));
        result.errors = std::move(checked.errors);
        const std::optional<std::string> reason =
            checkMessage(message, true, "message", "applications.error.proposal_reason", result.errors);
        if (!result.errors.empty()) return result;
        const Rules rules = rulesFor(tx, checked.fields);
        result.errors = missingForSubmission(checked.fields, rules);
        if (!result.errors.empty()) return result;

        const std::int64_t now = util::now();
        const Budget budget = *budgetOf(checked.fields, rules);
        insertSubmittedVersion(tx, id, loadedVersion, checked.fields, budget, clerk.userId, now, Party::Office);
        setState(tx, id, *next, std::nullopt, now);
        insertEvent(tx, id, {Action::Propose, Party::Office, clerk.userId, app.summary.state, *next, loadedVersion + 1,
                             *reason},
                    now);
        auditOffice(tx, clerk, s.parties->municipalityId, "application.propose",
                    util::jsonText({{"application_id", id},
                                    {"state", stateCode(app.summary.state)},
                                    {"version", loadedVersion},
                                    {"fields", toJson(app.current.fields)}}),
                    util::jsonText({{"application_id", id},
                                    {"state", stateCode(*next)},
                                    {"version", loadedVersion + 1},
                                    {"fields", toJson(checked.fields)},
                                    {"total_support", budget.totalSupport},
                                    {"reason", *reason}}));
        notifyOtherSide(tx, config, views, {id, app.summary.number, checked.fields.title, Action::Propose, Party::Office});
        result.number = app.summary.number;
        result.outcome = ActionOutcome::Done;
        return result;
    });
}

ActionResult decideApplication(db::Database& db, const config::Config& config, const view::Views& views,
                               const OfficeClerk& clerk, std::uint64_t id, std::uint32_t loadedVersion,
                               Verdict verdict, std::string_view reason, bool confirmed) {
    return db.transact([&](db::Tx& tx) {
        ActionResult result;
        std::optional<State> next;
        const Action action = verdict == Verdict::Approve ? Action::Approve : Action::Reject;
        Scoped s = lockForAction(tx, clerk, id, action, result, next);
        if (s.access != OfficeAccess::Found) return result;
        const StoredApplication& app = *s.app;
        if (app.summary.version != loadedVersion) {
            result.outcome = ActionOutcome::Stale;
            return result;
        }
        const std::optional<std::string> why =
            checkMessage(reason, verdict == Verdict::Reject, "reason", "applications.error.decision_reason",
                         result.errors);
        if (!confirmed) result.errors.add("confirm", "applications.error.confirm_decision");
        if (!result.errors.empty()) return result;

        const std::int64_t now = util::now();
        std::optional<std::string> contract;
        if (verdict == Verdict::Approve) {
            const int year = std::stoi(util::hungarianTimeIso(now).substr(0, 4));
            contract = takeContractNumber(tx, s.parties->officeId, s.parties->officeCode, year);
            result.contractNumber = *contract;
        }
        recordDecision(tx, id, *next, loadedVersion, contract, now);
        insertEvent(tx, id, {action, Party::Office, clerk.userId, app.summary.state, *next, loadedVersion, *why}, now);
        util::Json after = {{"application_id", id},
                            {"number", app.summary.number},
                            {"state", stateCode(*next)},
                            {"version", loadedVersion},
                            {"reason", *why}};
        if (contract) after["contract_number"] = *contract;
        if (app.current.budget) after["total_support"] = app.current.budget->totalSupport;
        auditOffice(tx, clerk, s.parties->municipalityId,
                    verdict == Verdict::Approve ? "application.approve" : "application.reject",
                    util::jsonText(stateJson(id, app.summary)), util::jsonText(after));
        notifyOtherSide(tx, config, views, {id, app.summary.number, app.current.fields.title, action, Party::Office});
        result.number = app.summary.number;
        result.outcome = ActionOutcome::Done;
        return result;
    });
}

ActionResult postOfficeMessage(db::Database& db, const config::Config& config, const view::Views& views,
                               const OfficeClerk& clerk, std::uint64_t id, std::string_view message) {
    return db.transact([&](db::Tx& tx) {
        ActionResult result;
        std::optional<State> next;
        Scoped s = lockForAction(tx, clerk, id, Action::Message, result, next);
        if (s.access != OfficeAccess::Found) return result;
        const std::optional<std::string> text =
            checkMessage(message, true, "message", "applications.error.message", result.errors);
        if (!text) return result;
        const std::int64_t now = util::now();
        insertEvent(tx, id, {Action::Message, Party::Office, clerk.userId, std::nullopt, std::nullopt, std::nullopt, *text},
                    now);
        auditOffice(tx, clerk, s.parties->municipalityId, "application.message", std::nullopt,
                    util::jsonText({{"application_id", id}, {"number", s.app->summary.number}}));
        notifyOtherSide(tx, config, views,
                        {id, s.app->summary.number, s.app->current.fields.title, Action::Message, Party::Office});
        result.number = s.app->summary.number;
        result.outcome = ActionOutcome::Done;
        return result;
    });
}

OfficeFile officeAttachment(db::Database& db, const OfficeClerk& clerk, std::uint64_t id, std::uint32_t number) {
    return db.transact([&](db::Tx& tx) {
        OfficeFile result;
        Scoped s = loadForOffice(tx, clerk, id, RowLock::None);
        result.access = s.access;
        if (s.access != OfficeAccess::Found) return result;
        std::optional<StoredAttachment> file = loadAttachment(tx, id, number);
        if (file && file->info.submitted) result.file = std::move(file);
        return result;
    });
}

OfficeContract contractForOffice(db::Database& db, const OfficeClerk& clerk, std::uint64_t id) {
    return db.transact([&](db::Tx& tx) {
        OfficeContract result;
        Scoped s = loadForOffice(tx, clerk, id, RowLock::None);
        result.access = s.access;
        if (s.access == OfficeAccess::Found) result.contract = loadContract(tx, id, *s.app);
        return result;
    });
}

bool officeMailsOn(db::Database& db, std::uint64_t clerkId) {
    return db.autocommit([&](db::Tx& tx) { return applicationMailsOn(tx, clerkId); });
}

void setOfficeMails(db::Database& db, const OfficeClerk& clerk, bool on) {
    db.transact([&](db::Tx& tx) {
        const bool before = applicationMailsOn(tx, clerk.userId);
        if (before == on) return;
        setApplicationMails(tx, clerk.userId, on);
        repo::AuditEntry e;
        e.actor = repo::Actor::user(clerk.userId);
        e.clientAddress = clerk.clientAddress;
        e.action = "profile.application_mails";
        e.targetUserId = clerk.userId;
        e.before = util::jsonText({{"application_mails", before}});
        e.after = util::jsonText({{"application_mails", on}});
        repo::recordAudit(tx, e);
    });
}

OfficeVersions officeVersions(db::Database& db, const OfficeClerk& clerk, std::uint64_t id, std::uint32_t a,
                              std::uint32_t b) {
    return db.transact([&](db::Tx& tx) {
        OfficeVersions result;
        Scoped s = loadForOffice(tx, clerk, id, RowLock::None);
        result.access = s.access;
        if (s.access != OfficeAccess::Found) return result;
        // The office compares what was submitted or proposed, never the
        // municipality's work in progress.
        std::optional<StoredVersion> va = loadVersion(tx, id, a), vb = loadVersion(tx, id, b);
        result.number = s.app->summary.number;
        if (!va || !vb || !va->submitted || !vb->submitted) return result;
        for (const VersionRow& v : listVersions(tx, id))
            if (v.submitted) result.visible.push_back(v.version);
        result.pair = VersionPair{std::move(*va), std::move(*vb), s.app->summary.version};
        return result;
    });
}

}  // namespace ktk::applications
