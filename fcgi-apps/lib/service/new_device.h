// The new-device notice (README, "New-device notice"): a successful login
// from a browser that holds no device cookie for the account mails the
// account's owner what happened, when, from which browser and address,
// and how to secure the account. A contact may turn it off; a clerk
// cannot (clerks decide on public money and on who speaks for a
// municipality: their logins are always told).
//
// At most one notice a minute and repo::kMailsPerDay a day per account
// (repo/mail_throttle.h), so that someone who has the password cannot
// flood the mailbox; the sessions page lists every sign-in regardless.
#pragma once

#include <cstdint>
#include <string_view>

#include "config/config.h"
#include "db/fwd.h"
#include "repo/accounts.h"
#include "view/fwd.h"

namespace ktk::service {

constexpr const char* kNewDeviceMailKind = "new_device";
constexpr const char* kNewDeviceMails[] = {kNewDeviceMailKind};

// Whether logins from unknown browsers mail `account` (always for a clerk).
bool newDeviceMailOn(db::Tx& tx, const repo::Account& account);

// In the transaction that starts the session of a login from an unknown
// browser: queues the notice unless the person turned it off or the cap
// is reached. Returns whether a mail was queued.
bool noticeNewDevice(db::Tx& tx, const config::Config& config, const view::Views& views,
                     const repo::Account& account, std::string_view userAgent, std::string_view clientAddress,
                     std::int64_t now);

enum class NoticeChoice { Stored, Unchanged, NotAllowed };

// A contact's choice from the sessions page, audited when it changes.
// Clerks: NotAllowed, nothing stored.
NoticeChoice chooseNewDeviceMail(db::Database& db, const repo::Account& account, bool on,
                                 std::string_view clientAddress);

}  // namespace ktk::service
