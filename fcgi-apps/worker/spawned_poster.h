// The back-channel logout POSTs through ktk-logout-post, a child started
// for each batch (oidc/logout_wire.h): the worker itself never loads
// libcurl, which with the libraries it pulls in (GnuTLS, Kerberos, LDAP,
// SSH, RTMP) would keep about 5 MB of the worker's memory for posts that
// come with logouts only. The child checks certificates and keeps the
// timeouts (curl_poster.h); the worker gives it a deadline above them.
#pragma once

#include <string>

#include "oidc/logout_delivery.h"

namespace ktk::worker {

class SpawnedPoster : public oidc::LogoutPoster {
public:
    // `program`: the absolute path of ktk-logout-post.
    explicit SpawnedPoster(std::string program) : program_(std::move(program)) {}

    // A post that cannot travel as a line fails as bad_uri; a child that
    // cannot start, dies, overruns or answers nonsense fails its posts as
    // "poster" (retried later like any failed delivery).
    std::vector<oidc::PostResult> post(const std::vector<oidc::LogoutPost>& posts) override;

private:
    std::string program_;
};

// ktk-logout-post beside the running program (both are installed in one
// directory, and built into one).
std::string posterBesideMe();

}  // namespace ktk::worker
