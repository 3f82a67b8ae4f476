#include "web/dispatch.h"

#include "util/log.h"
#include "web/page.h"

namespace ktk::web {

Response Handler::get(Context& ctx) { return ctx.errorPage(405); }
Response Handler::post(Context& ctx) { return ctx.errorPage(405); }

bool matchRoutePath(std::string_view pattern, std::string_view path,
                    std::vector<std::pair<std::string, std::uint64_t>>& ids) {
    while (!pattern.empty() && !path.empty()) {
        const std::size_t p = pattern.find('/', 1), q = path.find('/', 1);
        const std::string_view want = pattern.substr(0, p), got = path.substr(0, q);
        if (want.size() > 3 && want[1] == '{' && want.back() == '}') {
            // "/{name}" against "/123": 1–18 digits, no leading zero.
            const std::string_view digits = got.substr(got.empty() ? 0 : 1);
            if (digits.empty() || digits.size() > 18 || digits[0] == '0' ||
                digits.find_first_not_of("0123456789") != std::string_view::npos)
                return false;
            ids.emplace_back(std::string(want.substr(2, want.size() - 3)), std::stoull(std::string(digits)));
        } else if (want != got) {
            return false;
        }
        pattern.remove_prefix(want.size());
        path.remove_prefix(got.size());
    }
    return pattern.empty() && path.empty();
}

namespace {

// The last resort when even the error template cannot be rendered.
Response staticError(int status, const std::string& incident) {
    Response r;
    r.status = status;
    r.body = "<!DOCTYPE html><html lang=\"hu\"><head><meta charset=\"utf-8\"><title>KTK</title></head><body>"
             "<h1>Hiba történt / An error occurred</h1>"
             "<p>Kérjük, próbálja újra később. / Please try again later.</p>";
    if (!incident.empty()) r.body += "<p>Azonosító / Incident: " + incident + "</p>";
    r.body += "</body></html>";
    return r;
}

Response errorOrStatic(Context& ctx, int status, const std::string& incident) {
    try {
        return ctx.errorPage(status, incident);
    } catch (const std::exception& e) {
        util::logError("incident=" + incident + " error page failed: " + e.what());
        return staticError(status, incident);
    }
}

// An exact route first, then the first pattern that matches.
const Route* findRoute(const Routes& routes, Request& req) {
    const std::string_view path = req.path();
    for (const Route& route : routes)
        if (route.path == path) return &route;
    for (const Route& route : routes) {
        std::vector<std::pair<std::string, std::uint64_t>> ids;
        if (route.path.find('{') != std::string::npos && matchRoutePath(route.path, path, ids)) {
            req.setPathIds(std::move(ids));
            return &route;
        }
    }
    return nullptr;
}

Response methodNotAllowed(Context& ctx, const Handler& h) {
    Response r = ctx.errorPage(405);
    std::string allow = h.acceptsGet() ? "GET, HEAD" : "";
    if (h.acceptsPost()) allow += allow.empty() ? "POST" : ", POST";
    r.headers.emplace_back("Allow", allow);
    return r;
}

// The answer for a request the route does not admit, or nothing to let it through.
std::optional<Response> refused(Context& ctx, Access access) {
    if (access == Access::Anyone) return std::nullopt;
    const Site& site = ctx.app.site;
    const repo::Account* user = ctx.user();
    if (!user) return Response::redirect(site.loginPath + (ctx.sessionExpired() ? "?expired=1" : ""));
    bool admitted = true;
    switch (access) {
        case Access::Anyone:
        case Access::User: break;
        case Access::Contact: admitted = !user->clerk; break;
        case Access::LinkedContact: admitted = !user->clerk && user->municipality.has_value(); break;
        case Access::Clerk: admitted = user->clerk && user->officeId.has_value(); break;
    }
    // A clerk reaches no office page before enrolling a second factor.
    if (admitted && access == Access::Clerk && !user->secondFactorOn) return Response::redirect(kEnrolPath);
    if (admitted) return std::nullopt;
    if (site.refuse) return site.refuse(ctx);
    return Response::redirect(site.home(user->clerk));
}

Response dispatch(const Services& services, const Routes& routes, Context& ctx) {
    Request& req = ctx.req;
    if (req.path() == "/healthz") {
        if (req.method() != Method::Get && req.method() != Method::Head) return Response::plain(405, "");
        // A monitor reads the status; a person who opens it reads our 503 page.
        if (!services.db.healthy()) throw db::Unavailable("healthz: database unreachable");
        return Response::plain(200, "ok\n");
    }
    const Route* route = findRoute(routes, req);
    if (!route) return ctx.errorPage(404);
    Handler& h = *route->handler;
    // The cap comes first: whatever the method, a body over it is never read.
    std::size_t cap = h.maxBodyBytes() ? h.maxBodyBytes() : services.config.maxBodyBytes;
    if (req.contentLength() > cap) return ctx.errorPage(413);
    // Before the CSRF check: a logged-in user's forms are bound to the session.
    ctx.loadSession();
    switch (req.method()) {
        case Method::Get:
        case Method::Head:
            if (!h.acceptsGet()) return methodNotAllowed(ctx, h);
            if (auto answer = refused(ctx, route->access)) return *answer;
            return h.get(ctx);
        case Method::Post:
            if (!h.acceptsPost()) return methodNotAllowed(ctx, h);
            req.readForm(cap);
            if (h.checksCsrf() && !ctx.csrfValid()) {
                // A form from a session that has since expired (its token was
                // bound to it): tell the user on the login page, not "forbidden".
                if (ctx.sessionExpired()) return Response::redirect(services.site.loginPath + "?expired=1");
                return ctx.errorPage(403);
            }
            if (auto answer = refused(ctx, route->access)) return *answer;
            return h.post(ctx);
        case Method::Other:
            break;
    }
    return methodNotAllowed(ctx, h);
}

}  // namespace

Response handle(const Services& services, const Routes& routes, Request& req) {
    Context ctx(services, req);
    Response res;
    try {
        res = dispatch(services, routes, ctx);
    } catch (const db::Unavailable& e) {
        std::string incident = util::newIncidentId();
        util::logError("incident=" + incident + " path=" + std::string(req.path()) + " " + e.what());
        res = errorOrStatic(ctx, 503, incident);
        res.headers.emplace_back("Retry-After", "30");
    } catch (const std::exception& e) {
        std::string incident = util::newIncidentId();
        util::logError("incident=" + incident + " path=" + std::string(req.path()) + " " + e.what());
        res = errorOrStatic(ctx, 500, incident);
    } catch (...) {
        std::string incident = util::newIncidentId();
        util::logError("incident=" + incident + " path=" + std::string(req.path()) + " unknown exception");
        res = errorOrStatic(ctx, 500, incident);
    }
    for (auto& c : ctx.cookies()) res.cookies.push_back(std::move(c));
    return res;
}

}  // namespace ktk::web
