// ktk-mail-worker: delivers mail_queue through the configured sendmail
// command, and the back-channel logout tokens of oidc_logout_queue (signed
// with the provider's keys, opened with the config's secrets). `--once` sends what is due and exits; without it the worker
// polls until SIGTERM, then finishes the messages in flight and exits.
#include <fcntl.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <iostream>

#include "config/config.h"
#include "db/database.h"
#include "mail/sendmail.h"
#include "oidc/key_store.h"
#include "oidc/logout_delivery.h"
#include "service/password_reset.h"
#include "util/clock.h"
#include "util/log.h"
#include "worker/spawned_poster.h"
#include "worker/worker.h"

extern char** environ;

namespace {

volatile std::sig_atomic_t stopRequested = 0;
int wakePipe[2] = {-1, -1};

void wake() {
    int saved = errno;
    [[maybe_unused]] ssize_t n = ::write(wakePipe[1], "x", 1);
    errno = saved;
}

void onStop(int) {
    stopRequested = 1;
    wake();
}

void onChild(int) { wake(); }

void handle(int sig, void (*handler)(int)) {
    struct sigaction sa {};
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = sig == SIGCHLD ? SA_NOCLDSTOP : 0;
    sigaction(sig, &sa, nullptr);
}

int usage() {
    std::cerr << "usage: ktk-mail-worker [--config FILE] [--once]\n"
                 "  --once   send every message that is due, then exit\n"
                 "  (default) keep polling the queue until SIGTERM\n";
    return 64;
}

}  // namespace

int main(int argc, char** argv) {
    std::string configPath = ktk::config::Config::defaultPath();
    bool once = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--once") == 0) once = true;
        else if (std::strcmp(argv[i], "--config") == 0 && i + 1 < argc) configPath = argv[++i];
        else return usage();
    }
    ktk::util::setLogProgram("ktk-mail-worker");
    std::unique_ptr<ktk::config::Config> config;
    try {
        config = std::make_unique<ktk::config::Config>(ktk::config::Config::load(configPath, environ));
        ktk::mail::SendmailCommand command = ktk::mail::SendmailCommand::parse(config->sendmailCommand);
        ktk::util::setClockOffsetFile(config->clockOffsetFile);

        if (::pipe2(wakePipe, O_CLOEXEC | O_NONBLOCK) != 0) throw std::runtime_error("pipe failed");
        std::signal(SIGPIPE, SIG_IGN);
        handle(SIGTERM, onStop);
        handle(SIGINT, onStop);
        handle(SIGCHLD, onChild);

        // Only the templates of the mails the worker composes itself.
        std::vector<std::string> mails;
        for (const char* kind : ktk::service::kRequestResetMails) mails.push_back(std::string("mail/") + kind + "/");
        const ktk::view::Translator translator(config->localeDir);
        const ktk::view::Views views(config->templatesDir, translator, mails);

        ktk::db::Database db(*config);
        ktk::util::logInfo(std::string(once ? "flushing the queue once" : "started") + " (parallel " +
                           std::to_string(config->mailParallel) + ", max attempts " +
                           std::to_string(config->mailMaxAttempts) + ", lease " +
                           std::to_string(config->mailLeaseSeconds) + "s, command " + command.program() + ")");
        ktk::oidc::Keyring keyring(config->secrets);
        ktk::worker::SpawnedPoster poster(ktk::worker::posterBesideMe());
        ktk::oidc::LogoutDelivery logouts(db, *config, keyring, poster);
        ktk::worker::Worker worker(*config, db, views, std::move(command), logouts, once, stopRequested,
                                   wakePipe[0]);
        return worker.run();
    } catch (const ktk::config::ConfigError& e) {
        std::cerr << "ktk-mail-worker: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        ktk::util::logError(std::string("stopped by an error: ") + e.what());
        return 1;
    }
}
