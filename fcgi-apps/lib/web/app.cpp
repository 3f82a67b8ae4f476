#include "web/app.h"

#include <fcgiapp.h>

#include <malloc.h>
#include <signal.h>
#include <sys/socket.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <unistd.h>

#include "util/clock.h"
#include "util/log.h"
#include "web/context.h"
#include "web/request.h"

extern char** environ;

namespace ktk::web {

Response Handler::post(Context& ctx) { return ctx.errorPage(405); }

namespace {

constexpr std::int64_t kCsrfMaxAge = 12 * 3600;

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

Handler* findRoute(const Routes& routes, std::string_view path) {
    for (const auto& [p, h] : routes)
        if (p == path) return h.get();
    return nullptr;
}

Response dispatch(const Services& services, const Routes& routes, Context& ctx) {
    Request& req = ctx.req;
    if (req.path() == "/healthz") {
        if (req.method() != Method::Get && req.method() != Method::Head) return Response::plain(405, "");
        // A monitor reads the status; a person who opens it reads our 503 page.
        if (!services.db.healthy()) throw db::Unavailable("healthz: database unreachable");
        return Response::plain(200, "ok\n");
    }
    Handler* handler = findRoute(routes, req.path());
    if (!handler) return ctx.errorPage(404);
    Handler& h = *handler;
    // The cap comes first: whatever the method, a body over it is never read.
    std::size_t cap = h.maxBodyBytes() ? h.maxBodyBytes() : services.config.maxBodyBytes;
    if (req.contentLength() > cap) return ctx.errorPage(413);
    // Before the CSRF check: a logged-in user's forms are bound to the session.
    ctx.loadSession();
    switch (req.method()) {
        case Method::Get:
        case Method::Head:
            return h.get(ctx);
        case Method::Post:
            if (!h.acceptsPost()) break;
            req.readForm(cap);
            if (!ctx.csrfValid()) {
                // A form from a session that has since expired (its token was
                // bound to it): tell the user on the login page, not "forbidden".
                if (ctx.sessionExpired()) return Response::redirect("/login?expired=1");
                return ctx.errorPage(403);
            }
            return h.post(ctx);
        case Method::Other:
            break;
    }
    Response r = ctx.errorPage(405);
    r.headers.emplace_back("Allow", h.acceptsPost() ? "GET, HEAD, POST" : "GET, HEAD");
    return r;
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

namespace {
// systemd socket activation hands the socket over as fd 3; spawn-fcgi as fd 0.
int listenSocket() {
    const char* pid = std::getenv("LISTEN_PID");
    const char* fds = std::getenv("LISTEN_FDS");
    if (pid && fds && std::atoi(fds) >= 1 && std::atol(pid) == static_cast<long>(getpid())) return 3;
    return 0;
}

// SIGUSR1 from the pool's supervisor, or SIGTERM, means "go": no more
// requests. Both are blocked while a request is handled and let through
// only while the process waits for the next connection, so they never cut
// a request off (libfcgi's own handlers would interrupt a read in the
// middle of one). The handler closes this process's copy of the listening
// socket, so the wait ends at once wherever the signal falls.
volatile std::sig_atomic_t goRequested = 0;
int listenFd = -1;

void onGo(int) {
    goRequested = 1;
    ::close(listenFd);
}

sigset_t goSignal() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGTERM);
    return set;
}

void installGoHandler() {
    struct sigaction sa {};
    sa.sa_handler = onGo;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    sigset_t go = goSignal();
    sigprocmask(SIG_BLOCK, &go, nullptr);
}

// The next connection, or -1 when the process is to end.
int nextConnection() {
    sigset_t go = goSignal();
    for (;;) {
        sigprocmask(SIG_UNBLOCK, &go, nullptr);
        int fd = goRequested ? -1 : ::accept4(listenFd, nullptr, nullptr, SOCK_CLOEXEC);
        int error = errno;
        sigprocmask(SIG_BLOCK, &go, nullptr);
        if (fd >= 0) return fd;
        if (goRequested) return -1;
        if (error == EINTR || error == ECONNABORTED) continue;
        util::logError(std::string("accept: ") + std::strerror(error));
        return -1;
    }
}
}  // namespace

int runApp(int argc, char** argv, const char* program, std::vector<std::string> templates,
           const RouteFactory& makeRoutes) {
    // No setlocale(): output stays in the "C" locale, and the validators
    // classify characters through a private locale (util/unicode).
    std::signal(SIGPIPE, SIG_IGN);
    util::setLogProgram(program);
    std::string configPath = config::Config::defaultPath();
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--config") == 0) configPath = argv[i + 1];

    std::unique_ptr<config::Config> config;
    std::unique_ptr<view::Translator> translator;
    std::unique_ptr<view::Views> views;
    try {
        config = std::make_unique<config::Config>(config::Config::load(configPath, environ));
        translator = std::make_unique<view::Translator>(config->localeDir);
        templates.insert(templates.end(), {"layout/", "errors/"});
        views = std::make_unique<view::Views>(config->templatesDir, *translator, templates);
    } catch (const std::exception& e) {
        std::cerr << program << ": " << e.what() << "\n";
        return 2;
    }
    util::setClockOffsetFile(config->clockOffsetFile);
    db::Database database(*config);
    if (database.connect()) util::logInfo("started, database reachable");
    else util::logWarn("started, database not reachable yet; requests get 503 until it is");
    Csrf csrf(config->secrets, kCsrfMaxAge);
    Services services{*config, database, *translator, *views, csrf};
    Routes routes = makeRoutes(services);

    if (FCGX_Init() != 0) {
        std::cerr << program << ": FCGX_Init failed\n";
        return 1;
    }
    listenFd = listenSocket();
    installGoHandler();  // after FCGX_Init, which installs libfcgi's own
    FCGX_Request raw;
    // No listening socket for libfcgi: the process accepts connections
    // itself (nextConnection) and hands each over to FCGX_Accept_r.
    FCGX_InitRequest(&raw, -1, 0);
    // Loading catalogs and templates freed a lot of scratch memory; hand it
    // back before the first request so an idle process stays small.
    malloc_trim(0);
    for (;;) {
        if (raw.ipcFd < 0) {  // else the web server kept the connection open for another request
            raw.ipcFd = nextConnection();
            if (raw.ipcFd < 0) break;
            // FCGX_Accept_r first finishes the previous request, which would
            // close the connection just accepted; the request's own
            // BEGIN_REQUEST record then sets keepConnection again.
            raw.keepConnection = 1;
        }
        // A connection that ends before its request is complete: libfcgi
        // closes it and, with no socket to accept on, returns at once.
        if (FCGX_Accept_r(&raw) < 0) continue;
        Request req(raw);
        Response res = handle(services, routes, req);
        write(raw.out, res, req.method() == Method::Head, req.secure());
        FCGX_Finish_r(&raw);
    }
    return 0;
}

}  // namespace ktk::web
