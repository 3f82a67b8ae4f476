// The back-channel logout queue (oidc_logout_queue, migration 0020) and
// its delivery, which the mail worker runs on each poll. Rows are queued
// by a trigger when a session ends; here they are claimed with SELECT …
// FOR UPDATE SKIP LOCKED and leased (due_at = the lease's end, a token
// every later update must match), so several workers never take one row
// and a worker that dies leaves a lease that runs out, after which the
// row is taken again: nothing is lost, a service may at worst be told
// twice (each time with a new jti), which logging out makes harmless.
//
// The HTTP side is behind LogoutPoster, so the claims, tokens and
// schedule are tested without a network (the worker's poster is a child
// over libcurl: worker/spawned_poster.h, logout-post/curl_poster.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "config/config.h"
#include "db/database.h"
#include "oidc/key_store.h"

namespace ktk::oidc {

struct LogoutPost {
    std::string uri;    // the client's backchannel_logout_uri
    std::string token;  // the logout token (the body is logout_token=<token>)
};

struct PostResult {
    bool delivered = false;  // the service answered 200 or 204
    std::string error;       // otherwise a short code for last_error and the audit: http_500, timeout, …
};

class LogoutPoster {
public:
    virtual ~LogoutPoster() = default;
    // One result per post, in order; the posts may go out in parallel.
    virtual std::vector<PostResult> post(const std::vector<LogoutPost>& posts) = 0;
};

// A lease outlives the longest delivery (libcurl's 10 s) many times over.
constexpr std::int64_t kLogoutLeaseSeconds = 60;

class LogoutDelivery {
public:
    LogoutDelivery(db::Database& db, const config::Config& config, Keyring& keyring, LogoutPoster& poster);

    // Claims up to `limit` due rows, makes their logout tokens, posts them
    // and records each outcome: delivered rows go (audited
    // oidc.backchannel_logout.sent), failed ones are due again after the
    // backoff (logoutRetryAt), and after a day of failures they go too
    // (audited oidc.backchannel_logout.failed). A row whose client was
    // disabled or lost its URI meanwhile just goes. Returns how many rows
    // it claimed.
    unsigned deliverDue(unsigned limit);

    struct Counts {
        unsigned long sent = 0, retried = 0, failed = 0;
    };
    const Counts& counts() const { return counts_; }

private:
    db::Database& db_;
    const config::Config& config_;
    Keyring& keyring_;
    LogoutPoster& poster_;
    Counts counts_;
};

}  // namespace ktk::oidc
