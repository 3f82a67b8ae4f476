// What a program is made of: handlers, and the route table that says for
// each path which handler answers and who may use it. The request loop
// (web/dispatch.h) enforces the route's access once, before the handler
// runs, as nginx registers an access-phase check once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "web/response.h"

namespace ktk::web {

class Context;

// Who may use a route.
enum class Access {
    Anyone,         // visitors too
    User,           // any logged-in account
    Contact,        // a municipality contact; a clerk is sent to their start page
    LinkedContact,  // a contact linked to a municipality; other contacts go to their start page
    Clerk,          // a district-office clerk with a confirmed second factor; anyone else gets the
                    // site's refusal (web/site.h), a clerk without one the enrolment (kEnrolPath)
};

// Where a clerk without a confirmed second factor is sent (README, "Second factor").
constexpr const char* kEnrolPath = "/profile/two-factor";

class Handler {
public:
    virtual ~Handler() = default;
    // Called only when acceptsGet() says so (GET and HEAD); others answer 405.
    virtual Response get(Context& ctx);
    // Called only when acceptsPost() says so; others answer 405 unread.
    virtual Response post(Context& ctx);
    virtual bool acceptsGet() const { return true; }
    virtual bool acceptsPost() const { return false; }
    // Whether a POST must carry our CSRF token (every form of ours). False
    // only where other sites post by design and something else stands
    // for the token: the OAuth endpoints that relying parties' servers
    // call with their client credentials or a bearer token, and the
    // authorization request, which changes nothing until the person acts
    // on a page of ours.
    virtual bool checksCsrf() const { return true; }
    // The POST body cap; 0 means the configured max_body_bytes.
    virtual std::size_t maxBodyBytes() const { return 0; }
    // The templates the handler renders (names or name prefixes under
    // templates/, "register/register") and the mails of the services it
    // calls (pagesAndMails below). The program loads these and no others;
    // one that is missing stops it at startup rather than failing the
    // first request that needs it.
    virtual std::vector<std::string> templates() const { return {}; }
};

// A handler's templates: its pages, and the three parts (subject, text,
// html) of each mail kind the services it calls send. Services list those
// kinds next to the function that sends them (service::kRegisterMails, …).
template <std::size_t N>
std::vector<std::string> pagesAndMails(std::initializer_list<const char*> pages, const char* const (&mailKinds)[N]) {
    std::vector<std::string> names(pages.begin(), pages.end());
    for (const char* kind : mailKinds)
        for (const char* part : {"/subject", "/text", "/html"}) names.push_back(std::string("mail/") + kind + part);
    return names;
}

struct Route {
    // An exact path, or a pattern whose `{name}` segments each match one
    // id: 1–18 digits without a leading zero ("/applications/{id}/edit");
    // the handler reads it with Request::pathId("id").
    std::string path;
    Access access = Access::Anyone;
    std::unique_ptr<Handler> handler;
};

using Routes = std::vector<Route>;

// Whether `path` matches a route's `pattern`; the ids of its `{name}`
// segments are appended to `ids`.
bool matchRoutePath(std::string_view pattern, std::string_view path,
                    std::vector<std::pair<std::string, std::uint64_t>>& ids);

}  // namespace ktk::web
