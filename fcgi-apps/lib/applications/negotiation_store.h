// The negotiation's tables (0013_negotiation.sql): the timeline's events,
// the versions as the timeline lists them, the office's inbox, and the
// decision with the contract's number from the office's yearly sequence.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "applications/application_store.h"
#include "applications/states.h"
#include "db/database.h"

namespace ktk::applications {

// A transition (from and to set) or a message (neither set).
struct EventRow {
    std::uint64_t id = 0;
    Action action = Action::Message;
    Party party = Party::Contact;
    std::optional<std::uint64_t> authorId;
    std::string authorName;  // "Last First", "" when the account is gone
    std::string authorLastName, authorFirstName;  // for the page language's order (domain::displayName)
    std::optional<State> from, to;
    std::optional<std::uint32_t> version;
    std::string message;
    std::string createdAt;  // "YYYY-MM-DD HH:MM:SS" UTC
};

struct NewEvent {
    Action action = Action::Message;
    Party party = Party::Contact;
    std::uint64_t authorId = 0;
    std::optional<State> from, to;
    std::optional<std::uint32_t> version;
    std::string message;
};

void insertEvent(db::Tx& tx, std::uint64_t applicationId, const NewEvent& event, std::int64_t now);
std::vector<EventRow> listEvents(db::Tx& tx, std::uint64_t applicationId);

// A version as the timeline and the diff page name it.
struct VersionRow {
    std::uint32_t version = 0;
    Party party = Party::Contact;
    std::optional<std::uint64_t> authorId;
    std::string authorName;  // "Last First", "" when the account is gone
    std::string authorLastName, authorFirstName;
    std::string createdAt;
    bool submitted = false;
};
std::vector<VersionRow> listVersions(db::Tx& tx, std::uint64_t applicationId);

// The office's inbox: its municipalities' applications that were ever
// submitted (drafts are the municipality's own), filtered.
struct InboxFilter {
    std::optional<State> state;
    std::optional<std::uint64_t> municipalityId;
    std::optional<int> year;  // of the application's number
    std::string query;        // number, municipality name or tax number; "" for all
    unsigned limit = 50;
    unsigned offset = 0;
};

struct InboxRow {
    ApplicationSummary summary;
    std::string municipalityName;
    std::string taxNumber;
};

// Waiting for the office first (submitted, in review, agreed), then the
// rest; newest change first within each.
std::vector<InboxRow> listInbox(db::Tx& tx, std::uint64_t officeId, const InboxFilter& filter);

// How many of the office's applications are in each state (same filter
// but the state; drafts not counted).
struct StateCount {
    State state = State::Submitted;
    std::uint64_t count = 0;
};
std::vector<StateCount> countInbox(db::Tx& tx, std::uint64_t officeId, const InboxFilter& filter);

// The office's municipalities that have applications, for the filter.
struct MunicipalityChoice {
    std::uint64_t id = 0;
    std::string name;
};
std::vector<MunicipalityChoice> inboxMunicipalities(db::Tx& tx, std::uint64_t officeId);

// Whose application it is: the municipality and its office.
struct Parties {
    std::uint64_t municipalityId = 0;
    std::string municipalityName;
    std::string taxNumber;
    std::uint64_t officeId = 0;
    std::string officeName;
    std::string officeCode;  // the code contract numbers carry
};
std::optional<Parties> partiesOf(db::Tx& tx, std::uint64_t applicationId);

// The decision: final state, when, on which version, and for an approval
// the contract's number.
struct Decision {
    std::string decidedAt;  // "" while undecided
    std::optional<std::uint32_t> version;
    std::string contractNumber;  // "" unless approved
};
Decision loadDecision(db::Tx& tx, std::uint64_t applicationId);
void recordDecision(db::Tx& tx, std::uint64_t applicationId, State state, std::uint32_t version,
                    const std::optional<std::string>& contractNumber, std::int64_t now);

// The next contract number of the office in `year`:
// "<office code>/<year>/<6 digits>", e.g. "JH13-02/2026/000001".
std::string takeContractNumber(db::Tx& tx, std::uint64_t officeId, const std::string& officeCode, int year);

// The clerks of the office who receive the mails about its applications
// (active, and not turned off on their profile).
std::vector<std::uint64_t> clerksToMail(db::Tx& tx, std::uint64_t officeId);
bool applicationMailsOn(db::Tx& tx, std::uint64_t clerkId);
void setApplicationMails(db::Tx& tx, std::uint64_t clerkId, bool on);

}  // namespace ktk::applications
