// The shared request loop every FastCGI program runs. In order, for each
// request: route by path; refuse a body over the handler's cap before
// reading a byte of it (413); look the session up when its cookie is
// present; refuse methods other than GET, HEAD and POST (405); for POST,
// read the form through cgicc and check its CSRF token (403) — bound to
// the session when there is one; call the handler; add cookies and the
// security headers; write.
// Infrastructure failures become the generic 500 / 503 pages carrying an
// incident id that is also in the log; exception text never leaves here.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "config/config.h"
#include "db/database.h"
#include "view/translator.h"
#include "view/views.h"
#include "web/csrf.h"
#include "web/response.h"

namespace ktk::web {

class Context;

class Handler {
public:
    virtual ~Handler() = default;
    virtual Response get(Context& ctx) = 0;
    // Only called when acceptsPost() says so; others answer 405 unread.
    virtual Response post(Context& ctx);
    virtual bool acceptsPost() const { return false; }
    // The POST body cap; 0 means the configured max_body_bytes.
    virtual std::size_t maxBodyBytes() const { return 0; }
};

// What lives for the whole life of the process.
struct Services {
    const config::Config& config;
    db::Database& db;
    const view::Translator& translator;
    const view::Views& views;
    const Csrf& csrf;
};

using Routes = std::vector<std::pair<std::string, std::unique_ptr<Handler>>>;
using RouteFactory = std::function<Routes(const Services&)>;

// Reads the config, loads catalogs and templates, connects, then serves
// requests on the FastCGI socket until killed. Returns the exit code.
// `templates`: the templates the program renders, as name prefixes
// ("register/", "mail/confirm_registration/"; see view::Views); the page layout
// and the error page are always loaded.
int runApp(int argc, char** argv, const char* program, std::vector<std::string> templates,
           const RouteFactory& routes);

// One request, everything but the socket: exposed for the loop and tests.
Response handle(const Services& services, const Routes& routes, class Request& request);

}  // namespace ktk::web
