#include "web/app.h"

#include <fcgiapp.h>

#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <unistd.h>

#include "crypto/password.h"
#include "util/clock.h"
#include "util/log.h"
#include "web/dispatch.h"
#include "web/fcgi_finish.h"
#include "web/page.h"
#include "web/request.h"

extern char** environ;

namespace ktk::web {

namespace {
constexpr std::int64_t kCsrfMaxAge = 12 * 3600;
// After a request with a body this large (an upload), the memory it took
// is handed back to the system: glibc raises its mmap threshold to the
// largest block freed, so a later, smaller upload comes from the heap and
// stays with the process after it is freed.
constexpr std::size_t kTrimAfterBodyBytes = 1024 * 1024;
}  // namespace

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

// True when a request is already waiting: a connection on the listening
// socket, or the next request on the connection the web server kept open
// (-1: none kept).
bool requestWaiting(int keptConnection) {
    pollfd fds[2] = {{listenFd, POLLIN, 0}, {keptConnection, POLLIN, 0}};
    return ::poll(fds, keptConnection >= 0 ? 2 : 1, 0) > 0;
}

// The memory of a password hash is kept while requests keep coming (the
// next login or registration needs it at once) and given back before the
// process waits, so that a waiting process stays small.
void releaseHashMemoryUnlessBusy(int keptConnection) {
    if (crypto::hashMemoryHeld() && !requestWaiting(keptConnection)) crypto::releaseHashMemory();
}

// ktk-supervisor's several-pool form may start a process in a session of
// its own (a lower-priority pool), out of reach of a signal to the
// supervisor's process group: such a process ends when the supervisor does
// (SIGTERM, which finishes the request in hand). False: it is gone already.
bool followSupervisor() {
    const char* parent = std::getenv("KTK_SUPERVISOR_PID");
    if (!parent) return true;
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    return std::to_string(::getppid()) == parent;
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

namespace {
// The templates the routes' handlers render, with the page layout and the
// error page every program needs.
std::vector<std::string> templatesOf(const Routes& routes) {
    std::vector<std::string> names{"layout/", "errors/"};
    for (const Route& route : routes)
        for (std::string& name : route.handler->templates()) names.push_back(std::move(name));
    return names;
}
}  // namespace

int runApp(int argc, char** argv, const char* program, Site site, const RouteFactory& makeRoutes) {
    // No setlocale(): output stays in the "C" locale, and the validators
    // classify characters through a private locale (util/unicode).
    std::signal(SIGPIPE, SIG_IGN);
    util::setLogProgram(program);
    if (!followSupervisor()) return 0;
    std::string configPath = config::Config::defaultPath();
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--config") == 0) configPath = argv[i + 1];

    std::unique_ptr<config::Config> config;
    std::unique_ptr<view::Translator> translator;
    try {
        config = std::make_unique<config::Config>(config::Config::load(configPath, environ));
        translator = std::make_unique<view::Translator>(config->localeDir);
    } catch (const std::exception& e) {
        std::cerr << program << ": " << e.what() << "\n";
        return 2;
    }
    util::setClockOffsetFile(config->clockOffsetFile);
    db::Database database(*config);
    Csrf csrf(config->secrets, kCsrfMaxAge);
    view::Views views;  // loaded below, from what the routes' handlers render
    repo::KeptAccounts keptAccounts(repo::kKeptAccounts);
    Services services{*config, database, *translator, views, csrf, site, keptAccounts};
    Routes routes;
    try {
        routes = makeRoutes(services);
        views = view::Views(config->templatesDir, *translator, templatesOf(routes));
        publishLayoutConstants(site, config->helpdeskEmail);
    } catch (const std::exception& e) {
        std::cerr << program << ": " << e.what() << "\n";
        return 2;
    }
    if (database.connect()) util::logInfo("started, database reachable");
    else util::logWarn("started, database not reachable yet; requests get 503 until it is");

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
            releaseHashMemoryUnlessBusy(-1);  // a kept connection may have ended instead of bringing one
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
        bool largeBody = false, readInFull = false;
        {
            Request req(raw);
            Response res = handle(services, routes, req);
            write(raw.out, res, req.method() == Method::Head, req.secure());
            largeBody = req.contentLength() > kTrimAfterBodyBytes;
            readInFull = req.bodyReadInFull();
        }
        finishRequest(raw, readInFull);
        if (largeBody) malloc_trim(0);
        releaseHashMemoryUnlessBusy(raw.ipcFd);
    }
    return 0;
}

}  // namespace ktk::web
