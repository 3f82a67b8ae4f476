// /admin/audit: the audit trail as a clerk may read it, newest first:
// filtered by an account (`user`, its e-mail address) or a municipality
// (`municipality`, its tax number), or unfiltered, the rows about the
// office's municipalities and by its clerks. Filtering on an account or
// municipality outside the clerk's office gets 403 and is audited.
#pragma once

#include "web/handler.h"

namespace ktk::admin {

class AuditHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    std::vector<std::string> templates() const override { return {"admin/"}; }
};

}  // namespace ktk::admin
