// The mails of the negotiation: every transition and every message tells
// the other side, each recipient in their own language — the
// municipality's linked contacts, or the office's clerks who have not
// turned these mails off. A mail says what happened and links to the
// application; it never carries the application's figures.
#pragma once

#include <cstdint>
#include <string>

#include "applications/states.h"
#include "config/config.h"
#include "db/fwd.h"
#include "view/fwd.h"

namespace ktk::applications {

// The mail kind (templates/mail/application_update/), one section per action.
inline constexpr const char* kUpdateMail = "application_update";

struct UpdateNotice {
    std::uint64_t applicationId = 0;
    std::string number;
    std::string title;
    Action action = Action::Message;
    Party by = Party::Contact;  // who acted: the other side is told
};

// Queues the mails within `tx`.
void notifyOtherSide(db::Tx& tx, const config::Config& config, const view::Views& views, const UpdateNotice& notice);

}  // namespace ktk::applications
