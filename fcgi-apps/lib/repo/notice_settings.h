// A person's own choices about the mails that tell them of their account's
// use (users.new_device_mail, migration 0026).
#pragma once

#include <cstdint>

#include "db/database.h"

namespace ktk::repo {

// Whether a login from an unknown browser mails the account (the stored
// choice; service/new_device.h decides what counts for a clerk).
bool newDeviceMailChosen(db::Tx& tx, std::uint64_t userId);

// Stores the choice; returns whether it changed.
bool chooseNewDeviceMail(db::Tx& tx, std::uint64_t userId, bool on);

}  // namespace ktk::repo
