// /profile/two-factor (README, "Second factor"): the person's TOTP
// authenticator.
//   GET   without a confirmed authenticator: begins (or shows again the
//         pending) enrolment — the QR code drawn here as SVG, the secret
//         in groups of four (#totp-secret), a form for the first `code`;
//         with one: that it is on, how many recovery codes remain, and
//         for contacts the form to turn it off.
//   POST  `code`: confirms the enrolment, then shows the ten recovery
//         codes once (.recovery-code). `disable=1` with `password` and
//         `code`: turns it off (contacts only; clerks must keep one).
#pragma once

#include "service/two_factor.h"
#include "web/handler.h"

namespace ktk::profile {

class TwoFactorHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    web::Response post(web::Context& ctx) override;
    bool acceptsPost() const override { return true; }
    // A password of up to 128 characters, percent-encoded, and a code.
    std::size_t maxBodyBytes() const override { return 2048; }
    std::vector<std::string> templates() const override {
        return web::pagesAndMails({"profile/two_factor"}, service::kTwoFactorMails);
    }
};

}  // namespace ktk::profile
