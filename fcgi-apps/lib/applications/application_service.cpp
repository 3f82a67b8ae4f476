#include "applications/application_service.h"

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

struct Rules {
    std::optional<ProgrammeRow> programme;
    std::optional<RatesRow> rates;
};

Rules rulesFor(db::Tx& tx, const ApplicationFields& f) {
    Rules r;
    if (!f.programmeType.empty()) r.programme = findProgramme(tx, f.programmeType);
    if (f.start) r.rates = findRates(tx, f.start->year);
    return r;
}

// The budget a draft's fields give with today's rules, when they give one.
std::optional<Budget> budgetOf(const ApplicationFields& f, const Rules& rules) {
    std::optional<BudgetInput> in = budgetInput(f);
    if (!in || !rules.programme || !rules.rates || missingRate(*in, rules.rates->rates)) return std::nullopt;
    return computeBudget(*in, rules.programme->rules, rules.rates->rates);
}

// What submission would refuse: every missing field, even before a
// programme type is chosen.
domain::FormErrors missingForSubmission(const ApplicationFields& f, const Rules& rules) {
    return checkForSubmission(f, rules.programme ? &rules.programme->rules : nullptr,
                              rules.rates ? &rules.rates->rates : nullptr);
}

std::vector<ProgrammeRules> choices(db::Tx& tx) {
    std::vector<ProgrammeRules> rules;
    for (ProgrammeRow& row : listProgrammes(tx, true)) rules.push_back(std::move(row.rules));
    return rules;
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
        // A type no longer offered stays valid for the application that has it.
        std::vector<ProgrammeRules> offered = choices(tx);
        if (!app->current.fields.programmeType.empty())
            if (std::optional<ProgrammeRow> own = findProgramme(tx, app->current.fields.programmeType); own && !own->rules.active)
                offered.push_back(own->rules);
        CheckedForm checked = checkForm(form, offered);
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
        if (!confirmed) result.errors.add("confirm", "applications.error.confirm");
        if (!result.errors.empty()) return result;

        const std::int64_t now = util::now();
        const Budget budget = *budgetOf(f, rules);
        insertSubmittedVersion(tx, id, loadedVersion, f, budget, who.userId, now);
        markAttachmentsSubmitted(tx, id);
        const int year = std::stoi(util::hungarianTimeIso(now).substr(0, 4));
        result.number = app->summary.number.empty() ? takeApplicationNumber(tx, year) : app->summary.number;
        setState(tx, id, *next, result.number, now);
        auditContact(tx, who, "application.submit", util::jsonText({{"application_id", id}, {"state", stateCode(app->summary.state)}}),
              util::jsonText({{"application_id", id},
                              {"version", loadedVersion + 1},
                              {"number", result.number},
                              {"state", stateCode(*next)},
                              {"total_support", budget.totalSupport}}));

        // Everyone who must know: the municipality's contacts, the office's clerks.
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
        for (std::uint64_t clerk : officeClerksOf(tx, who.municipalityId))
            send(clerk, kSubmitMails[1], config.baseUrl + "/admin");
        result.outcome = ActionOutcome::Done;
        return result;
    });
}

ActionResult withdrawApplication(db::Database& db, const Contact& who, std::uint64_t id, std::string_view reason) {
    return db.transact([&](db::Tx& tx) {
        ActionResult result;
        std::optional<StoredApplication> app = loadOwnApplication(tx, who, id, RowLock::ForUpdate);
        if (!app) {
            result.outcome = ActionOutcome::NotFound;
            return result;
        }
        const std::optional<State> next = transition(app->summary.state, Action::Withdraw, Party::Contact);
        if (!next) {
            result.outcome = ActionOutcome::NotAllowed;
            return result;
        }
        const domain::CheckedText why = domain::checkFreeText(reason, 1000, domain::Lines::Many);
        if (why.check != domain::TextCheck::Ok) {
            result.errors.add("reason", why.check == domain::TextCheck::Missing ? "applications.error.reason"
                                                                              : domain::messageKey(why.check),
                              "1000");
            return result;
        }
        setState(tx, id, *next, std::nullopt, util::now());
        auditContact(tx, who, "application.withdraw",
              util::jsonText({{"application_id", id}, {"state", stateCode(app->summary.state)}}),
              util::jsonText({{"application_id", id},
                              {"number", app->summary.number},
                              {"state", stateCode(*next)},
                              {"reason", why.value}}));
        result.number = app->summary.number;
        result.outcome = ActionOutcome::Done;
        return result;
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
        view.application = std::move(*app);
        return view;
    });
}

}  // namespace ktk::applications
