// Resetting a lost second factor ("Losing the phone"): the operator
// (`ktk-admin user reset-2fa`) for any account, a clerk (/admin/reset-two-factor)
// for a contact of their office; a clerk's own authenticator is the
// operator's to reset. One transaction (service::onAccount's guards) holds
// all of it: the authenticator and every recovery code removed, every
// session of the account ended (a lost phone may be a stolen one), an
// audit row "twofactor.reset" with the actor, and the notice to the person
// in their language: what happened and when, who did it, that they enrol
// again (a clerk at the next login, a contact from the Security tab) and
// whom to tell if they did not ask for it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "config/config.h"
#include "db/fwd.h"
#include "mail/queue.h"
#include "service/account_admin.h"
#include "view/fwd.h"

namespace ktk::service {

constexpr const char* kSecondFactorResetMailKind = "second_factor_reset";
constexpr const char* kSecondFactorResetMails[] = {kSecondFactorResetMailKind};
constexpr const char* kSecondFactorResetAudit = "twofactor.reset";

// Done; UnknownUser; NoSecondFactor (none confirmed: nothing changes, no
// mail; an enrolment begun and not confirmed is the person's own to
// finish); NotAContact (a clerk's account, asked for by a clerk: refused
// and audited as "access.denied"); OutsideOffice (a contact of another
// office: the same). Only Done mails.
AdminResult resetSecondFactor(db::Database& db, const config::Config& config, const view::Views& views,
                              const AdminActor& actor, std::string_view emailKey);

// The notice to the account: when (Hungarian time, `now` in UTC seconds),
// by whom (a clerk of `officeName`, or the operator when nullopt), and how
// the person enrols again, which depends on their role.
mail::Message secondFactorResetMail(const repo::Account& account, const std::optional<std::string>& officeName,
                                    std::int64_t now, const config::Config& config);

}  // namespace ktk::service
