#include "fixtures.h"

#include <cppunit/BriefTestProgressListener.h>
#include <cppunit/CompilerOutputter.h>
#include <cppunit/TestResult.h>
#include <cppunit/TestResultCollector.h>
#include <cppunit/TestRunner.h>
#include <cppunit/extensions/TestFactoryRegistry.h>
#include <unistd.h>

#include <iostream>

#include "site/portal.h"
#include "web/page.h"

#include <cstdlib>
#include <stdexcept>

namespace ktk::test {

FakeRequest::FakeRequest(std::vector<std::string> params, std::string body)
    : params_(std::move(params)), body_(std::move(body)) {
    for (auto& p : params_) envp_.push_back(p.data());
    envp_.push_back(nullptr);
    in_.rdNext = reinterpret_cast<unsigned char*>(body_.data());
    in_.stop = in_.rdNext + body_.size();
    in_.stopUnget = in_.rdNext;
    in_.wrNext = in_.stop;
    in_.isReader = 1;
    in_.fillBuffProc = &FakeRequest::fill;
    raw_.in = &in_;
    raw_.envp = envp_.data();
}

void FakeRequest::fill(FCGX_Stream* stream) { stream->isClosed = 1; }

std::size_t FakeRequest::bodyBytesRead() const {
    return static_cast<std::size_t>(in_.rdNext - reinterpret_cast<const unsigned char*>(body_.data()));
}

std::string writeTempFile(const std::string& content) {
    char path[] = "/tmp/ktk-unit-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) throw std::runtime_error("mkstemp failed");
    if (::write(fd, content.data(), content.size()) != static_cast<ssize_t>(content.size()))
        throw std::runtime_error("write failed");
    ::close(fd);
    return path;
}

config::Config testConfig() {
    static const std::string secret = writeTempFile(std::string(64, 's') + "\n");
    return config::Config::parse("base_url = http://127.0.0.1:8080\n"
                         "templates_dir = " KTK_SOURCE_DIR "/templates\n"
                         "static_dir = " KTK_SOURCE_DIR "/templates/static\n"
                         "locale_dir = " KTK_BINARY_DIR "/locale\n"
                         "db.host = 127.0.0.1\n"
                         "db.port = 1\n"
                         "secret_file = " + secret + "\n",
                         "test", nullptr);
}

repo::Account mailRecipient(domain::Lang lang, std::string lastName, std::string firstName) {
    repo::Account a;
    a.id = 7;
    a.email = "anna.kovacs@example.hu";
    a.lastName = std::move(lastName);
    a.firstName = std::move(firstName);
    a.language = lang;
    return a;
}

const config::Config& mailConfig() {
    static const config::Config c = [] {
        config::Config x = testConfig();
        x.baseUrl = "https://ktk.example.hu";
        return x;
    }();
    return c;
}

std::unique_ptr<World> makeWorld(config::Config config) {
    auto x = std::make_unique<World>();
    x->config = std::move(config);
    x->translator = view::Translator(x->config.localeDir);
    x->views = std::make_unique<view::Views>(x->config.templatesDir, x->translator);
    x->db = std::make_unique<db::Database>(x->config);
    x->csrf = std::make_unique<web::Csrf>(x->config.secrets, 12 * 3600);
    x->site = site::portal();
    web::publishLayoutConstants(x->site, x->config.helpdeskEmail);
    x->keptAccounts = std::make_unique<repo::KeptAccounts>(repo::kKeptAccounts);
    x->services.reset(
        new web::Services{x->config, *x->db, x->translator, *x->views, *x->csrf, x->site, *x->keptAccounts});
    return x;
}

mail::Rendered renderMail(const mail::Message& message) {
    return mail::render(mailConfig(), *world().views, message);
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

World& world() {
    static World* w = makeWorld(testConfig()).release();
    return *w;
}

int runRegisteredSuites() {
    CppUnit::TestResult controller;
    CppUnit::TestResultCollector result;
    controller.addListener(&result);
    CppUnit::BriefTestProgressListener progress;
    controller.addListener(&progress);
    CppUnit::TestRunner runner;
    runner.addTest(CppUnit::TestFactoryRegistry::getRegistry().makeTest());
    runner.run(controller);
    CppUnit::CompilerOutputter(&result, std::cerr).write();
    int failed = result.testFailuresTotal();
    std::cout << (result.runTests() - failed) << " passed, " << failed << " failed\n";
    return failed == 0 ? 0 : 1;
}

applications::ApplicationForm workedExampleForm() {
    applications::ApplicationForm f;
    f.title = "Parkgondozás 2026";
    f.programmeType = "long_term";
    f.publicTask = "A település közterületeinek gondozása";
    f.workLocations = "Fő utca, Szőlő utca";
    f.startDate = "2026-03-16";
    f.endDate = "2026-05-31";
    f.dailyHours = "8";
    f.headcount = {"10", "2", "1", "0"};
    f.itemNames = {"Munkaruha", "Kéziszerszámok", ""};
    f.itemAmounts = {"300 000", "150000", ""};
    f.wageSupportPct = "90";
    f.materialSupport = "400000";
    return f;
}

}  // namespace ktk::test
