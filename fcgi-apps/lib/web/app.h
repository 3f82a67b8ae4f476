// A FastCGI program's life: read the config, load the catalogs, build the
// routes, load the templates they name, connect, then serve requests
// (web/dispatch.h) on the socket it was handed until told to go.
#pragma once

#include <functional>

#include "config/config.h"
#include "db/database.h"
#include "repo/sessions.h"
#include "view/translator.h"
#include "view/views.h"
#include "web/csrf.h"
#include "web/handler.h"
#include "web/site.h"

namespace ktk::web {

// What lives for the whole life of the process.
struct Services {
    const config::Config& config;
    db::Database& db;
    const view::Translator& translator;
    const view::Views& views;
    const Csrf& csrf;
    const Site& site;
    repo::KeptAccounts& keptAccounts;  // the session lookup's (repo::loadSession)
};

using RouteFactory = std::function<Routes(const Services&)>;

// Serves requests until killed; returns the exit code. `routes` is called
// once, before the templates are loaded (its handlers name them), and may
// throw to refuse to start (a missing font, an unreadable list).
int runApp(int argc, char** argv, const char* program, Site site, const RouteFactory& routes);

}  // namespace ktk::web
