// Helpers shared by the unit tests: an in-memory FastCGI request and the
// real templates and catalogs (loaded once: ctemplate's cache is global).
#pragma once

#include <fcgiapp.h>

#include <memory>
#include <string>
#include <vector>

#include "applications/application_form.h"
#include "config/config.h"
#include "db/database.h"
#include "mail/compose.h"
#include "repo/accounts.h"
#include "view/translator.h"
#include "view/views.h"
#include "web/app.h"
#include "web/csrf.h"
#include "web/site.h"

namespace ktk::test {

// A FastCGI request whose parameters and body live in memory, counting how
// many body bytes the code under test consumed.
class FakeRequest {
public:
    FakeRequest(std::vector<std::string> params, std::string body = "");
    FCGX_Request& raw() { return raw_; }
    std::size_t bodyBytesRead() const;

private:
    static void fill(FCGX_Stream* stream);
    std::vector<std::string> params_;
    std::vector<char*> envp_;
    std::string body_;
    FCGX_Stream in_{};
    FCGX_Request raw_{};
};

// A private temporary file holding `content`; returns its path.
std::string writeTempFile(const std::string& content);

// A config pointing at the source templates and built catalogs, with a
// database port nothing listens on.
config::Config testConfig();

// Process-wide services over the real templates and the built catalogs.
struct World {
    config::Config config;
    view::Translator translator;
    std::unique_ptr<view::Views> views;
    std::unique_ptr<db::Database> db;
    std::unique_ptr<web::Csrf> csrf;
    std::unique_ptr<repo::KeptAccounts> keptAccounts;
    web::Site site;
    std::unique_ptr<web::Services> services;
};
World& world();
// The same services over another config (the database tier's).
std::unique_ptr<World> makeWorld(config::Config config);

// Runs every CppUnit suite registered in this binary and prints a line CI
// can read: "N passed, N failed". Returns the process's exit code.
int runRegisteredSuites();

// The person the mail tests write to: Kovács Anna <anna.kovacs@example.hu>,
// speaking `lang`.
repo::Account mailRecipient(domain::Lang lang, std::string lastName = "Kovács", std::string firstName = "Anna");
// The test config with the public address mails link to (https://ktk.example.hu).
const config::Config& mailConfig();
// A message rendered from the real templates and catalogs, as mail::enqueue would.
mail::Rendered renderMail(const mail::Message& message);
bool contains(const std::string& haystack, const std::string& needle);

// The README's worked example of a budget as the form sends it ("The budget
// and its rounding": 16 March–31 May 2026, 8 hours, 10 + 2 + 1 workers,
// two material items and a blank line, 90 %, 400 000 Ft material support).
applications::ApplicationForm workedExampleForm();

}  // namespace ktk::test
