#include "applications/application_service.h"

#include <algorithm>

#include "applications/negotiation_mail.h"
#include "applications/rules_check.h"
#include "applications/version_diff.h"

#include "db/database.h"
#include "domain/free_text.h"
#include "repo/accounts.h"
#include "service/account_mail.h"
#include "util/clock.h"
#include "util/hungarian_time.h"

namespace ktk::applications {

namespace {

util::Json versionJson(std::uint64_t id, std::uint32_t version, const ApplicationFields& fields) {
    return {{"application_id", id}, {"version", version}, {"fields", toJson(fields)}};
}

}  // namespace

std::vector<ApplicationSummary> listForContact(db::Database& db, const Contact& who, unsigned limit) {
    return db.autocommit([&](db::Tx& tx) { return listApplications(tx, who.municipalityId, limit); });
}

ListPage listPageForContact(db::Database& db, const Contact& who, unsigned page) {
    ListPage result;
    result.page = page < 1 ? 1 : page > kMaxListPage ? kMaxListPage : page;
    result.rows = db.autocommit([&](db::Tx& tx) {
        // One more than a page tells whether an older page follows.
        return listApplications(tx, who.municipalityId, kListPageSize + 1, (result.page - 1) * kListPageSize);
    });
    if (result.rows.size() > kListPageSize) {
        result.rows.pop_back();
        result.hasNext = true;
    }
    return result;
}

HomeApplications homeForContact(db::Database& db, const Contact& who, unsigned limit) {
    HomeApplications home;
    home.recent = listForContact(db, who, limit);
    home.waiting = waitingForContact(home.recent);
    return home;
}

std::vector<ApplicationSummary> waitingForContact(const std::vector<ApplicationSummary>& rows) {
    std::vector<ApplicationSummary> waiting;
    for (const ApplicationSummary& a : rows)
        if (waitsForContact(a.state)) waiting.push_back(a);
    return waiting;
}

std::vector<ProgrammeRow> formChoices(db::Database& db) {
    return db.autocommit([](db::Tx& tx) { return listProgrammes(tx, true); });
}

SaveResult createDraft(db::Database& db, const Contact& who, const ApplicationForm& form) {
    return db.transact([&](db::Tx& tx) {
        SaveResult result;
        CheckedForm checked = checkForm(form, choices(tx));
        if (!checked.errors.empty()) {
            result.errors = std::move(checked.errors);
            return result;
        }
        const std::optional<Budget> budget = budgetOf(checked.fields, rulesFor(tx, checked.fields));
        result.id = insertApplication(tx, who.municipalityId, checked.fields, budget, who.userId, util::now());
        result.version = 1;
        result.outcome = SaveOutcome::Saved;
        auditContact(tx, who, "application.create", std::nullopt, util::jsonText(versionJson(result.id, 1, checked.fields)));
        return result;
    });
}

SaveResult saveDraft(db::Database& db, const Contact& who, std::uint64_t id, std::uint32_t loadedVersion,
                     const ApplicationForm& form) {
    return db.transact([&](db::Tx& tx) {
        SaveResult result;
        result.id = id;
        std::optional<StoredApplication> app = loadOwnApplication(tx, who, id, RowLock::ForUpdate);
        if (!app) {
            result.outcome = SaveOutcome::NotFound;
            return result;
        }
        if (!allowed(app->summary.state, Action::Edit, Party::Contact)) {
            result.outcome = SaveOutcome::NotEditable;
            return result;
        }
        CheckedForm checked = checkForm(form, choices(tx, &app->current.fields));
        if (app->summary.version != loadedVersion) {
            result.outcome = SaveOutcome::Stale;
            result.theirs = app->current;
            result.version = app->summary.version;
            result.errors = std::move(checked.errors);
            return result;
        }
        if (!checked.errors.empty()) {
            result.errors = std::move(checked.errors);
            return result;
        }
        // A "revision" that changes nothing would only block the answer
        // the contact means: accepting the proposal as it is.
        if (app->summary.state == State::Proposal && app->current.party == Party::Office &&
            sameFields(checked.fields, app->current.fields)) {
            result.outcome = SaveOutcome::Unchanged;
            result.version = loadedVersion;
            return result;
        }
        const std::optional<Budget> budget = budgetOf(checked.fields, rulesFor(tx, checked.fields));
        if (!insertNextVersion(tx, id, loadedVersion, checked.fields, budget, who.userId, util::now())) {
            result.outcome = SaveOutcome::Stale;  // cannot happen under the row lock; said for safety
            return result;
        }
        result.outcome = SaveOutcome::Saved;
        result.version = loadedVersion + 1;
        auditContact(tx, who, "application.save", util::jsonText(versionJson(id, loadedVersion, app->current.fields)),
              util::jsonText(versionJson(id, result.version, checked.fields)));
        return result;
    });
}

ActionResult submitApplication(db::Database& db, const config::Config& config, const view::Views& views,
                               const Contact& who, std::uint64_t id, std::uint32_t loadedVersion, bool confirmed) {
    return db.transact([&](db::Tx& tx) {
        ActionResult result;
        std::optional<StoredApplication> app = loadOwnApplication(tx, who, id, RowLock::ForUpdate);
        if (!app) {
            result.outcome = ActionOutcome::NotFound;
            return result;
        }
        const std::optional<State> next = transition(app->summary.state, Action::Submit, Party::Contact);
        if (!next) {
            result.outcome = ActionOutcome::NotAllowed;
            return result;
        }
        if (app->summary.version != loadedVersion) {
            result.outcome = ActionOutcome::Stale;
            return result;
        }
        const ApplicationFields& f = app->current.fields;
        Rules rules = rulesFor(tx, f);
        result.errors = missingForSubmission(f, rules);
        // After a proposal, what goes back to the office is the
        // municipality's revision; the proposal as it is is accepted.
        if (app->summary.state == State::Proposal && app->current.party == Party::Office)
            result.errors.add("version", "applications.error.revise_first");
        if (!confirmed) result.errors.add("confirm", "applications.error.confirm");
        if (!result.errors.empty()) return result;

        const std::int64_t now = util::now();
        const Budget budget = *budgetOf(f, rules);
        insertSubmittedVersion(tx, id, loadedVersion, f, budget, who.userId, now);
        markAttachmentsSubmitted(tx, id);
        const int year = std::stoi(util::hungarianTimeIso(now).substr(0, 4));
        result.number = app->summary.number.empty() ? takeApplicationNumber(tx, year) : app->summary.number;
        setState(tx, id, *next, result.number, now);
        insertEvent(tx, id, {Action::Submit, Party::Contact, who.userId, app->summary.state, *next, loadedVersion + 1, ""},
                    now);
        auditContact(tx, who, "application.submit", util::jsonText({{"application_id", id}, {"state", stateCode(app->summary.state)}}),
              util::jsonText({{"application_id", id},
                              {"version", loadedVersion + 1},
                              {"number", result.number},
                              {"state", stateCode(*next)},
                              {"total_support", budget.totalSupport}}));

        // Everyone who must know: the municipality's contacts, the office's
        // clerks (of a revision as such, not as a new application).
        const bool revision = app->summary.state == State::Proposal;
        std::optional<repo::Account> submitter = repo::findAccountById(tx, who.userId);
        const repo::Municipality* municipality =
            submitter && submitter->municipality ? &*submitter->municipality : nullptr;
        const auto send = [&](std::uint64_t userId, const char* kind, const std::string& link) {
            std::optional<repo::Account> to = repo::findAccountById(tx, userId);
            if (!to) return;
            mail::Message m = service::mailTo(*to, kind, config);
            m.values.emplace_back("NUMBER", result.number);
            m.values.emplace_back("TITLE", f.title);
            m.values.emplace_back("APPLICATION_URL", link);
            if (municipality) {
                m.values.emplace_back("MUNICIPALITY", municipality->name);
                m.values.emplace_back("TAX_NUMBER", municipality->taxNumber);
            }
            mail::enqueue(tx, config, views, m);
        };
        for (std::uint64_t contact : contactsOf(tx, who.municipalityId))
            send(contact, kSubmitMails[0], config.baseUrl + "/applications/" + std::to_string(id));
        if (revision)
            notifyOtherSide(tx, config, views, {id, result.number, f.title, Action::Submit, Party::Contact});
        else if (std::optional<Parties> parties = partiesOf(tx, id))
            for (std::uint64_t clerk : clerksToMail(tx, parties->officeId))
                send(clerk, kSubmitMails[1], config.baseUrl + "/admin/applications/" + std::to_string(id));
        result.outcome = ActionOutcome::Done;
        return result;
    });
}

namespace {

// The common start of a contact's action on application `id`: the row
// locked, the action allowed in its state. Sets the outcome otherwise.
std::optional<StoredApplication> lockForAction(db::Tx& tx, const Contact& who, std::uint64_t id, Action action,
                                               ActionResult& result, std::optional<State>& next) {
    std::optional<StoredApplication> app = loadOwnApplication(tx, who, id, RowLock::ForUpdate);
    if (!app) {
        result.outcome = ActionOutcome::NotFound;
        return std::nullopt;
    }
    next = transition(app->summary.state, action, Party::Contact);
    if (!next) {
        result.outcome = isFinal(app->summary.state) ? ActionOutcome::Decided : ActionOutcome::NotAllowed;
        return std::nullopt;
    }
    return app;
}

}  // namespace

std::optional<std::string> checkMessage(std::string_view text, bool required, const char* field, const char* missingKey,
                                        domain::FormErrors& errors, std::size_t maxChars) {
    const domain::CheckedText t = domain::checkFreeText(text, maxChars, domain::Lines::Many);
    if (t.check == domain::TextCheck::Ok) return t.value;
    if (t.check == domain::TextCheck::Missing && !required) return std::string();
    errors.add(field, t.check == domain::TextCheck::Missing ? missingKey : domain::messageKey(t.check),
               std::to_string(maxChars));
    return std::nullopt;
}

ActionResult withdrawApplication(db::Database& db, const config::Config& config, const view::Views& views,
                                 const Contact& who, std::uint64_t id, std::string_view reason) {
    return db.transact([&](db::Tx& tx) {
        ActionResult result;
        std::optional<State> next;
        std::optional<StoredApplication> app = lockForAction(tx, who, id, Action::Withdraw, result, next);
        if (!app) return result;
        const std::optional<std::string> why =
            checkMessage(reason, true, "reason", "applications.error.reason", result.errors, 1000);
        if (!why) return result;
        const std::int64_t now = util::now();
        setState(tx, id, *next, std::nullopt, now);
        insertEvent(tx, id, {Action::Withdraw, Party::Contact, who.userId, app->summary.state, *next, std::nullopt, *why},
                    now);
        auditContact(tx, who, "application.withdraw",
              util::jsonText({{"application_id", id}, {"state", stateCode(app->summary.state)}}),
              util::jsonText({{"application_id", id},
                              {"number", app->summary.number},
                              {"state", stateCode(*next)},
                              {"reason", *why}}));
        notifyOtherSide(tx, config, views,
                        {id, app->summary.number, app->current.fields.title, Action::Withdraw, Party::Contact});
        result.number = app->summary.number;
        result.outcome = ActionOutcome::Done;
        return result;
    });
}

ActionResult acceptProposal(db::Database& db, const config::Config& config, const view::Views& views,
                            const Contact& who, std::uint64_t id, std::uint32_t loadedVersion,
                            std::string_view message) {
    return db.transact([&](db::Tx& tx) {
        ActionResult result;
        std::optional<State> next;
        std::optional<StoredApplication> app = lockForAction(tx, who, id, Action::Accept, result, next);
        if (!app) return result;
        // Only the office's proposal as the page showed it can be accepted:
        // not an older page, nor a revision the municipality began.
        if (app->summary.version != loadedVersion || app->current.party != Party::Office) {
            result.outcome = ActionOutcome::Stale;
            return result;
        }
        const std::optional<std::string> text =
            checkMessage(message, false, "message", "applications.error.message", result.errors);
        if (!text) return result;
        const std::int64_t now = util::now();
        setState(tx, id, *next, std::nullopt, now);
        insertEvent(tx, id, {Action::Accept, Party::Contact, who.userId, app->summary.state, *next, loadedVersion, *text},
                    now);
        auditContact(tx, who, "application.accept",
                     util::jsonText({{"application_id", id}, {"state", stateCode(app->summary.state)}}),
                     util::jsonText({{"application_id", id},
                                     {"number", app->summary.number},
                                     {"version", loadedVersion},
                                     {"state", stateCode(*next)}}));
        notifyOtherSide(tx, config, views,
                        {id, app->summary.number, app->current.fields.title, Action::Accept, Party::Contact});
        result.number = app->summary.number;
        result.outcome = ActionOutcome::Done;
        return result;
    });
}

ActionResult postContactMessage(db::Database& db, const config::Config& config, const view::Views& views,
                                const Contact& who, std::uint64_t id, std::string_view message) {
    return db.transact([&](db::Tx& tx) {
        ActionResult result;
        std::optional<State> next;
        std::optional<StoredApplication> app = lockForAction(tx, who, id, Action::Message, result, next);
        if (!app) return result;
        const std::optional<std::string> text =
            checkMessage(message, true, "message", "applications.error.message", result.errors);
        if (!text) return result;
        const std::int64_t now = util::now();
        insertEvent(tx, id, {Action::Message, Party::Contact, who.userId, std::nullopt, std::nullopt, std::nullopt, *text},
                    now);
        auditContact(tx, who, "application.message", std::nullopt,
                     util::jsonText({{"application_id", id}, {"number", app->summary.number}}));
        notifyOtherSide(tx, config, views,
                        {id, app->summary.number, app->current.fields.title, Action::Message, Party::Contact});
        result.number = app->summary.number;
        result.outcome = ActionOutcome::Done;
        return result;
    });
}

std::vector<TimelineEntry> timelineOf(const ApplicationView& view) {
    // Each list in its own order (versions by number, events as written),
    // merged by time. Within one second the times do not tell the order:
    // an event that rests on an older version than the next one (a review
    // opened on version 2) came before that version (the proposal's 3),
    // and the version a transition made (a submission, a proposal) comes
    // just before it.
    std::vector<const VersionRow*> versions;
    for (const VersionRow& v : view.versions) versions.push_back(&v);
    std::sort(versions.begin(), versions.end(),
              [](const VersionRow* x, const VersionRow* y) { return x->version < y->version; });
    std::vector<const EventRow*> events;
    for (const EventRow& e : view.events) events.push_back(&e);
    std::sort(events.begin(), events.end(), [](const EventRow* x, const EventRow* y) { return x->id < y->id; });
    std::vector<TimelineEntry> entries;
    std::size_t i = 0, j = 0;
    while (i < versions.size() || j < events.size()) {
        bool versionFirst = j == events.size();
        if (i < versions.size() && j < events.size()) {
            const VersionRow& v = *versions[i];
            const EventRow& e = *events[j];
            versionFirst = v.createdAt != e.createdAt ? v.createdAt < e.createdAt
                                                      : !(e.version && *e.version < v.version);
        }
        if (versionFirst) entries.push_back({versions[i++], nullptr});
        else entries.push_back({nullptr, events[j++]});
    }
    return entries;
}

std::optional<Contract> loadContract(db::Tx& tx, std::uint64_t id, const StoredApplication& app) {
    if (app.summary.state != State::Approved) return std::nullopt;
    const Decision decision = loadDecision(tx, id);
    std::optional<Parties> parties = partiesOf(tx, id);
    if (!decision.version || decision.contractNumber.empty() || !parties) return std::nullopt;
    std::optional<StoredVersion> version = loadVersion(tx, id, *decision.version);
    if (!version) return std::nullopt;
    Contract c;
    c.contractNumber = decision.contractNumber;
    c.applicationNumber = app.summary.number;
    c.decidedAt = decision.decidedAt;
    c.parties = std::move(*parties);
    if (!version->fields.programmeType.empty()) c.programme = findProgramme(tx, version->fields.programmeType);
    c.version = std::move(*version);
    return c;
}

std::optional<Contract> contractForContact(db::Database& db, const Contact& who, std::uint64_t id) {
    return db.transact([&](db::Tx& tx) -> std::optional<Contract> {
        std::optional<StoredApplication> app = loadOwnApplication(tx, who, id);
        if (!app) return std::nullopt;
        return loadContract(tx, id, *app);
    });
}

std::optional<VersionPair> contactVersions(db::Database& db, const Contact& who, std::uint64_t id, std::uint32_t a,
                                           std::uint32_t b) {
    return db.transact([&](db::Tx& tx) -> std::optional<VersionPair> {
        const std::optional<StoredApplication> app = loadOwnApplication(tx, who, id);
        if (!app) return std::nullopt;
        std::optional<StoredVersion> va = loadVersion(tx, id, a), vb = loadVersion(tx, id, b);
        if (!va || !vb) return std::nullopt;
        return VersionPair{std::move(*va), std::move(*vb), app->summary.version};
    });
}

std::optional<ApplicationView> viewApplication(db::Database& db, const Contact& who, std::uint64_t id) {
    return db.transact([&](db::Tx& tx) -> std::optional<ApplicationView> {
        std::optional<StoredApplication> app = loadOwnApplication(tx, who, id);
        if (!app) return std::nullopt;
        ApplicationView view;
        const ApplicationFields& f = app->current.fields;
        Rules rules = rulesFor(tx, f);
        view.budget = app->current.submitted ? app->current.budget : budgetOf(f, rules);
        view.programme = rules.programme;
        view.rates = rules.rates;
        view.missing = missingForSubmission(f, rules);
        view.attachments = listAttachments(tx, id);
        view.versions = listVersions(tx, id);
        view.events = listEvents(tx, id);
        view.decision = loadDecision(tx, id);
        view.application = std::move(*app);
        return view;
    });
}

}  // namespace ktk::applications
