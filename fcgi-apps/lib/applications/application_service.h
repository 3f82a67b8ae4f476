// The municipality's side of an application (README, "Subsidy
// applications"): each function is one unit of work for a linked contact
// and returns what happened; the handlers act on it. Applications belong
// to the municipality: every linked contact of it sees and edits the same
// ones, and an id of another municipality is answered as an unknown one
// (and audited as `application.denied`).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applications/application_form.h"
#include "applications/application_store.h"
#include "applications/attachment_store.h"
#include "applications/contact_scope.h"
#include "applications/contract_document.h"
#include "applications/negotiation_store.h"
#include "applications/rules_store.h"
#include "config/config.h"
#include "db/fwd.h"
#include "domain/form_errors.h"
#include "view/fwd.h"

namespace ktk::applications {

// The most an application list shows (newest change first).
constexpr unsigned kListLimit = 500;

// The municipality's applications, newest change first, at most `limit`.
std::vector<ApplicationSummary> listForContact(db::Database& db, const Contact& who, unsigned limit = kListLimit);

// One page of the municipality's list, newest change first: page 1 is the
// kListPageSize newest; hasNext says whether an older page follows.
constexpr unsigned kListPageSize = 25;
constexpr unsigned kMaxListPage = 10000;
struct ListPage {
    unsigned page = 1;
    std::vector<ApplicationSummary> rows;
    bool hasNext = false;
};
ListPage listPageForContact(db::Database& db, const Contact& who, unsigned page);

// What the contact's home page shows of the municipality: its `limit`
// newest applications and, among them, the ones waiting for a contact to
// act; one indexed query with a LIMIT, for a page every login opens.
constexpr unsigned kHomeLimit = 10;
struct HomeApplications {
    std::vector<ApplicationSummary> waiting;
    std::vector<ApplicationSummary> recent;
};
HomeApplications homeForContact(db::Database& db, const Contact& who, unsigned limit = kHomeLimit);
// The ones of `rows` that wait for the contact (waitsForContact), in order.
std::vector<ApplicationSummary> waitingForContact(const std::vector<ApplicationSummary>& rows);

// What the form offers: the programme types a new version may choose.
std::vector<ProgrammeRow> formChoices(db::Database& db);

enum class SaveOutcome {
    Saved,        // a new version; id and version say which
    Invalid,      // errors say why; nothing stored
    Stale,        // another save came first: theirs holds it, nothing stored
    NotFound,     // no such application of the contact's municipality (audited)
    NotEditable,  // its state allows no edit (submitted, decided, …)
    Unchanged,    // a revision of the office's proposal that changes no field: nothing stored
};

struct SaveResult {
    SaveOutcome outcome = SaveOutcome::Invalid;
    std::uint64_t id = 0;
    std::uint32_t version = 0;
    domain::FormErrors errors;
    std::optional<StoredVersion> theirs;  // Stale: the version saved meanwhile
};

// A new draft (version 1) from the form, audited `application.create`.
SaveResult createDraft(db::Database& db, const Contact& who, const ApplicationForm& form);

// The form saved as the next version of application `id`, when the
// current version is still `loadedVersion`; audited `application.save`
// with the fields before and after. The office's proposal saved without a
// change is no revision (Unchanged): it stays the office's, so that it
// can still be accepted.
SaveResult saveDraft(db::Database& db, const Contact& who, std::uint64_t id, std::uint32_t loadedVersion,
                     const ApplicationForm& form);

enum class ActionOutcome {
    Done,        // the state moved on (number: the application's number)
    Invalid,     // errors say why; nothing changed
    Stale,       // the page was of an older version; nothing changed
    NotFound,    // no such application of the contact's municipality (audited)
    NotAllowed,  // its state does not allow it
    Decided,     // it was decided (or withdrawn) meanwhile: nothing changes it
    Denied,      // the office side: another office's application (audited)
};

// The longest message or reason on the timeline.
constexpr std::size_t kMaxMessageChars = 2000;

// A message or reason of the timeline, checked: the cleaned text ("" when
// it may be and is empty), or nullopt with the error added under `field`.
std::optional<std::string> checkMessage(std::string_view text, bool required, const char* field, const char* missingKey,
                                        domain::FormErrors& errors, std::size_t maxChars = kMaxMessageChars);

struct ActionResult {
    ActionOutcome outcome = ActionOutcome::Invalid;
    domain::FormErrors errors;
    std::string number;
    std::string contractNumber;  // an approval's
};

// The mails submitApplication sends: to every linked contact of the
// municipality, and to the clerks of its office a new application or, for
// a revision answering the office's proposal, the update mail
// (negotiation_mail.h) that says a revised version came.
inline constexpr const char* kSubmitMails[] = {"application_submitted", "application_submitted_office",
                                               "application_update"};

// Submits version `loadedVersion` (the one the page showed), once the
// contact `confirmed` it: checked against the rules of its programme type
// and year, written as the next version with its budget frozen, numbered
// KTK-<year>-<6 digits> at the first submission (the year in Hungarian
// time), audited `application.submit`, and mailed. After an office
// proposal, the revision is submitted the same way (the office reviews it
// again); the proposal itself unchanged is answered by accepting it.
ActionResult submitApplication(db::Database& db, const config::Config& config, const view::Views& views,
                               const Contact& who, std::uint64_t id, std::uint32_t loadedVersion, bool confirmed);

// Takes a submitted application back before a decision, with a reason
// (1–1000 characters), audited `application.withdraw`; the office is told.
ActionResult withdrawApplication(db::Database& db, const config::Config& config, const view::Views& views,
                                 const Contact& who, std::uint64_t id, std::string_view reason);

// Accepts the office's proposal, version `loadedVersion` (the one the page
// showed): the application is agreed on it. Audited `application.accept`;
// the office is told.
ActionResult acceptProposal(db::Database& db, const config::Config& config, const view::Views& views,
                            const Contact& who, std::uint64_t id, std::uint32_t loadedVersion,
                            std::string_view message);

// A message from the municipality on the timeline (1–2000 characters),
// after submission and before the decision; the office is told.
ActionResult postContactMessage(db::Database& db, const config::Config& config, const view::Views& views,
                                const Contact& who, std::uint64_t id, std::string_view message);

// An application of the contact's municipality with its current version,
// the budget of that version (computed now for a draft, as frozen for a
// submitted one) and the programme type's row; nullopt (audited) for
// any other id.
struct ApplicationView {
    StoredApplication application;
    std::optional<Budget> budget;
    std::optional<ProgrammeRow> programme;
    std::optional<RatesRow> rates;
    domain::FormErrors missing;  // what submission would still refuse
    std::vector<AttachmentInfo> attachments;
    std::vector<VersionRow> versions;  // the timeline: versions …
    std::vector<EventRow> events;      // … and transitions and messages
    Decision decision;
};

// One timeline of `view`: its versions and events, oldest first (a
// transition that made a version follows it).
struct TimelineEntry {
    const VersionRow* version = nullptr;  // exactly one of the two is set
    const EventRow* event = nullptr;
};
std::vector<TimelineEntry> timelineOf(const ApplicationView& view);

// Two versions of an application, for the diff page: nullopt when either
// does not exist.
struct VersionPair {
    StoredVersion a, b;
    std::uint32_t newest = 0;  // the application's current version (the diff page's navigation)
};
// The contract of application `id` (`app`, already in the caller's scope),
// when it is approved.
std::optional<Contract> loadContract(db::Tx& tx, std::uint64_t id, const StoredApplication& app);

// The contract of an approved application of the contact's municipality:
// the version the approval rests on, the parties and the number; nullopt
// for any other id (audited) or an application not approved.
std::optional<Contract> contractForContact(db::Database& db, const Contact& who, std::uint64_t id);

std::optional<VersionPair> contactVersions(db::Database& db, const Contact& who, std::uint64_t id, std::uint32_t a,
                                           std::uint32_t b);
std::optional<ApplicationView> viewApplication(db::Database& db, const Contact& who, std::uint64_t id);

}  // namespace ktk::applications
