// Writes to registrations that are not confirmed yet (users.confirmed_at
// NULL): a new registration for the same address replaces the pending
// one, and pending registrations past their time are removed. Every
// function runs inside the caller's unit of work.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "db/database.h"
#include "domain/lang.h"

namespace ktk::repo {

// What a registration form sets on an account.
struct RegistrationData {
    std::string email;  // trimmed, as typed
    std::string lastName;
    std::string firstName;
    std::string phone;  // E.164
    domain::Lang language = domain::kDefaultLang;
    std::string passwordHash;
};

// Overwrites the pending contact `userId` with `data` and makes `now` its
// registration time, and deletes its confirmation links (a deleted link
// is unknown, as if it never was). False, changing nothing, when the
// account is confirmed, disabled or a clerk's.
bool replacePendingRegistration(db::Tx& tx, std::uint64_t userId, const RegistrationData& data, std::int64_t now);

struct PendingRegistration {
    std::uint64_t id = 0;
    std::string emailKey;
    std::string createdAt;  // "YYYY-MM-DD HH:MM:SS" UTC
};

// Up to `limit` pending contacts registered at or before `cutoff`, oldest
// first, locked until the unit of work ends.
std::vector<PendingRegistration> lockPendingBefore(db::Tx& tx, std::int64_t cutoff, unsigned limit);

// Deletes the account while it is still pending and registered at or
// before `cutoff` (its links, throttles and sessions go with it); false
// when it no longer is.
bool deletePendingRegistration(db::Tx& tx, std::uint64_t userId, std::int64_t cutoff);

}  // namespace ktk::repo
