// The back-channel logout POSTs over libcurl (the one unit that talks
// HTTP; oidc::LogoutDelivery sees only the LogoutPoster interface). The
// posts of one batch go out in parallel (curl multi), each as §2.5 of
// Back-Channel Logout 1.0 has it: Content-Type
// application/x-www-form-urlencoded, body logout_token=<token>. http and
// https only, no redirect followed (a 3xx is a failure), connect within
// 5 s and done within 10 s, the server's certificate checked against the
// system's CAs. 200 and 204 count as delivered; anything else is a short
// error code: http_<status>, timeout, connect, resolve, tls, transport.
// The response body is read and dropped.
#pragma once

#include "oidc/logout_delivery.h"

namespace ktk::logoutpost {

class CurlPoster : public oidc::LogoutPoster {
public:
    CurlPoster();  // curl_global_init; one per process
    ~CurlPoster() override;
    CurlPoster(const CurlPoster&) = delete;
    CurlPoster& operator=(const CurlPoster&) = delete;

    std::vector<oidc::PostResult> post(const std::vector<oidc::LogoutPost>& posts) override;
};

}  // namespace ktk::logoutpost
