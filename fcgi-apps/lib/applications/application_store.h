// The applications' tables (0011_applications.sql): an application row
// that points at its current version, and the versions themselves, each
// written once and never changed. Every save writes the next version, so
// a form loaded from version N can only replace version N (a save from an
// older one finds the row moved on and changes nothing).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "applications/application_form.h"
#include "applications/budget.h"
#include "applications/states.h"
#include "db/database.h"
#include "util/json.h"

namespace ktk::applications {

// One line of the municipality's list.
struct ApplicationSummary {
    std::uint64_t id = 0;
    std::uint64_t municipalityId = 0;
    std::string number;  // "" until the first submission
    State state = State::Draft;
    std::uint32_t version = 0;
    std::string title;
    std::string programmeType;
    std::string programmeNameHu, programmeNameEn;  // "" when the type is not (or no longer) in the table
    std::string startDate, endDate;  // ISO, "" when not given
    std::uint64_t headcount = 0;
    std::optional<std::int64_t> requestedSupport;
    std::int64_t updatedAt = 0;  // UTC, seconds since 1970
};

struct StoredVersion {
    std::uint32_t version = 0;
    ApplicationFields fields;
    std::optional<Budget> budget;  // as computed when it was saved
    std::optional<std::uint64_t> authorId;
    std::string createdAt;
    bool submitted = false;  // frozen: a submission, a revision or an office proposal
    Party party = Party::Contact;  // whose version it is
};

struct StoredApplication {
    ApplicationSummary summary;
    StoredVersion current;
};

// The summary from a row whose columns 1–14 are those listApplications
// selects (the other queries of an application's line select the same).
ApplicationSummary summaryFromRow(db::Row& r);

// Newest change first, at most `limit`, after the first `offset`.
std::vector<ApplicationSummary> listApplications(db::Tx& tx, std::uint64_t municipalityId, unsigned limit,
                                                 unsigned offset = 0);

// With its current version; ForUpdate locks the application's row.
enum class RowLock { None, ForUpdate };
std::optional<StoredApplication> loadApplication(db::Tx& tx, std::uint64_t id, RowLock lock = RowLock::None);
std::optional<StoredVersion> loadVersion(db::Tx& tx, std::uint64_t id, std::uint32_t version);

// A new draft with version 1; returns its id.
std::uint64_t insertApplication(db::Tx& tx, std::uint64_t municipalityId, const ApplicationFields& fields,
                                const std::optional<Budget>& budget, std::uint64_t authorId, std::int64_t now);
// Writes version expected + 1 when the current one is still `expected`;
// false (nothing written) when another save came first.
bool insertNextVersion(db::Tx& tx, std::uint64_t id, std::uint32_t expected, const ApplicationFields& fields,
                       const std::optional<Budget>& budget, std::uint64_t authorId, std::int64_t now);

// Submission (the contact's) or proposal (the office's): the next
// version, written as submitted with its frozen budget. False when the
// current version is no longer `expected`.
bool insertSubmittedVersion(db::Tx& tx, std::uint64_t id, std::uint32_t expected, const ApplicationFields& fields,
                            const Budget& budget, std::uint64_t authorId, std::int64_t now,
                            Party party = Party::Contact);
// The next number of `year`: "KTK-2026-000123".
std::string takeApplicationNumber(db::Tx& tx, int year);
void setState(db::Tx& tx, std::uint64_t id, State state, const std::optional<std::string>& number, std::int64_t now);

// Who is told of a submission: the linked, active contacts of the
// municipality and the active clerks of its office (account ids).
std::vector<std::uint64_t> contactsOf(db::Tx& tx, std::uint64_t municipalityId);
std::vector<std::uint64_t> officeClerksOf(db::Tx& tx, std::uint64_t municipalityId);

// The fields and the budget as stored, and back.
util::Json toJson(const ApplicationFields& fields);
ApplicationFields fieldsFromJson(const std::string& text);
util::Json toJson(const Budget& budget);
std::optional<Budget> budgetFromJson(const std::string& text);

}  // namespace ktk::applications
