// The district office's side of an application (README, "The life of an
// application"): the inbox, opening a submitted application for review,
// proposing changes, the decision and messages. Scoped to the clerk's own
// office: an application of another office's municipality is answered
// Denied (the handler's 403) and audited as `application.denied`. Every
// transition is checked against the state table (states.h) inside a
// transaction that holds the application's row lock, so a page loaded
// from an older version, or a second clerk deciding at the same time,
// changes nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applications/application_form.h"
#include "applications/application_service.h"
#include "applications/negotiation_store.h"
#include "config/config.h"
#include "db/fwd.h"
#include "view/fwd.h"

namespace ktk::applications {

// A clerk acting for their office.
struct OfficeClerk {
    std::uint64_t userId = 0;
    std::uint64_t officeId = 0;
    std::string clientAddress;
};

// One page of the inbox with the counts per state and the filter's choices.
constexpr unsigned kInboxPageSize = 50;
struct Inbox {
    unsigned page = 1;
    std::vector<InboxRow> rows;
    bool hasNext = false;
    std::vector<StateCount> counts;
    std::vector<MunicipalityChoice> municipalities;
};
Inbox inboxForOffice(db::Database& db, const OfficeClerk& clerk, InboxFilter filter, unsigned page);

// Every application of the office that was ever submitted, with its
// current figures, for the CSV export (oldest number first).
std::vector<InboxRow> exportForOffice(db::Database& db, std::uint64_t officeId, std::optional<int> year);

enum class OfficeAccess { Found, NotFound, Denied };

// The application as the office sees it. Opening a submitted application
// starts its review (submitted → in review: audited, on the timeline, and
// the municipality is told).
struct OfficeView {
    OfficeAccess access = OfficeAccess::NotFound;
    std::optional<ApplicationView> view;
    std::optional<Parties> parties;
};
OfficeView openForOffice(db::Database& db, const config::Config& config, const view::Views& views,
                         const OfficeClerk& clerk, std::uint64_t id);

// The same, without the side effect (the forms' pages after a refusal).
OfficeView viewForOffice(db::Database& db, const OfficeClerk& clerk, std::uint64_t id);

// Changes the office proposes to version `loadedVersion`: the form is
// checked by the same rules as the municipality's, and by the rules of
// submission; a reason (`message`, 1–2000 characters) is required. Makes
// the next version (the office's, frozen with its budget), the state
// `proposal`, and tells the municipality.
ActionResult proposeChanges(db::Database& db, const config::Config& config, const view::Views& views,
                            const OfficeClerk& clerk, std::uint64_t id, std::uint32_t loadedVersion,
                            const ApplicationForm& form, std::string_view message);

enum class Verdict { Approve, Reject };

// The decision on version `loadedVersion`: approval (in review or agreed)
// gives the contract its number from the office's yearly sequence;
// rejection (at any stage after submission) needs a reason. Final.
// `confirmed`: the clerk ticked the confirmation.
ActionResult decideApplication(db::Database& db, const config::Config& config, const view::Views& views,
                               const OfficeClerk& clerk, std::uint64_t id, std::uint32_t loadedVersion,
                               Verdict verdict, std::string_view reason, bool confirmed);

// Two versions of one of the office's applications, for the diff page.
struct OfficeVersions {
    OfficeAccess access = OfficeAccess::NotFound;
    std::optional<VersionPair> pair;  // nullopt when either does not exist or was never submitted
    std::string number;  // the application's
    std::vector<std::uint32_t> visible;  // the versions the office may compare (the frozen ones), ascending
};
OfficeVersions officeVersions(db::Database& db, const OfficeClerk& clerk, std::uint64_t id, std::uint32_t a,
                              std::uint32_t b);

// Attachment `number` of one of the office's applications, with its
// bytes, once it went with a submission (nullopt otherwise).
struct OfficeFile {
    OfficeAccess access = OfficeAccess::NotFound;
    std::optional<StoredAttachment> file;
};
OfficeFile officeAttachment(db::Database& db, const OfficeClerk& clerk, std::uint64_t id, std::uint32_t number);

// Whether the clerk receives the mails about the office's applications
// (negotiation_mail.h), and turning them off or on from the profile page;
// a change is audited as `profile.application_mails`.
bool officeMailsOn(db::Database& db, std::uint64_t clerkId);
void setOfficeMails(db::Database& db, const OfficeClerk& clerk, bool on);

// The contract of one of the office's approved applications.
struct OfficeContract {
    OfficeAccess access = OfficeAccess::NotFound;
    std::optional<Contract> contract;  // nullopt unless approved
};
OfficeContract contractForOffice(db::Database& db, const OfficeClerk& clerk, std::uint64_t id);

// A message from the office on the timeline (1–2000 characters), before the decision.
ActionResult postOfficeMessage(db::Database& db, const config::Config& config, const view::Views& views,
                               const OfficeClerk& clerk, std::uint64_t id, std::string_view message);

}  // namespace ktk::applications
