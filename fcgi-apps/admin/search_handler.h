// /admin: the clerk's start page. Finds accounts by e-mail address or name
// (`q`) among those the clerk's office may see — unlinked registrations
// and the contacts of the office's municipalities — with each one's state
// and registration date and the actions that fit it. Without a query it
// lists the confirmed registrations still waiting for a link. After an
// action it shows what was done (`done`).
#pragma once

#include "web/handler.h"

namespace ktk::admin {

class SearchHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    std::vector<std::string> templates() const override { return {"admin/"}; }
};

}  // namespace ktk::admin
