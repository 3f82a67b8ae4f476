// ktk-admin: the operator's command line. Every failure exits non-zero
// with a message on stderr; nothing secret is ever printed.
#include <cstring>
#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "config/config.h"
#include "db/database.h"
#include "db/migrations.h"
#include "mail/mime.h"
#include "mail/queue.h"
#include "util/clock.h"
#include "view/translator.h"
#include "view/views.h"

extern char** environ;

namespace {

using Args = std::vector<std::string>;

int usage() {
    std::cerr << "usage: ktk-admin [--config FILE] COMMAND\n"
                 "commands:\n"
                 "  migrate        apply pending database migrations\n"
                 "  mail test --to ADDRESS [--to ADDRESS…] [--lang hu|en] [--name NAME]\n"
                 "                 queue a \"KTK test message\" to each address (prints the queue ids)\n"
                 "  mail status    count the queued, sending, sent and abandoned mails\n";
    return 64;
}

int cmdMigrate(const ktk::Config& config, const Args&) {
    auto applied = ktk::db::migrate(config);
    for (const auto& name : applied) std::cout << "applied " << name << "\n";
    if (applied.empty()) std::cout << "schema is up to date\n";
    return 0;
}

// Queues the "test" kind through the same enqueue the portal uses, so the
// operator checks the whole path: templates, encoding, worker, sendmail.
int cmdMailTest(const ktk::Config& config, const Args& args) {
    std::vector<std::string> to;
    std::string name;
    ktk::Lang lang = ktk::kDefaultLang;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (i + 1 >= args.size()) return usage();
        if (a == "--to") {
            to.push_back(args[++i]);
        } else if (a == "--name") {
            name = args[++i];
        } else if (a == "--lang") {
            auto l = ktk::parseLang(args[++i]);
            if (!l) throw std::runtime_error("--lang must be hu or en");
            lang = *l;
        } else {
            return usage();
        }
    }
    if (to.empty()) return usage();
    for (const auto& address : to)
        if (!ktk::mail::validAddress(address)) throw std::runtime_error("not a valid e-mail address: " + address);
    ktk::Translator translator(config.localeDir);
    ktk::Views views(config.templatesDir, translator);
    ktk::db::Database db(config);
    const std::string sentAt = ktk::clock::toSql(ktk::clock::now());
    auto ids = db.transact([&](ktk::db::Tx& tx) {
        std::vector<std::uint64_t> out;
        for (const auto& address : to) {
            ktk::mail::Message m;
            m.kind = "test";
            m.toAddress = address;
            m.toName = name;
            m.lang = lang;
            m.values = {{"NAME", name}, {"SENT_AT", sentAt}, {"LOGIN_URL", config.baseUrl + "/login"}};
            m.sections = {name.empty() ? "ANONYMOUS" : "NAMED"};
            out.push_back(ktk::mail::enqueue(tx, config, views, m));
        }
        return out;
    });
    for (auto id : ids) std::cout << id << "\n";
    return 0;
}

int cmdMailStatus(const ktk::Config& config, const Args& args) {
    if (!args.empty()) return usage();
    ktk::db::Database db(config);
    auto counts = db.transact([&](ktk::db::Tx& tx) {
        std::map<std::string, unsigned long> out{{"queued", 0}, {"sending", 0}, {"sent", 0}, {"abandoned", 0}};
        ktk::db::Row r = tx.query("SELECT status, COUNT(*) FROM mail_queue GROUP BY status");
        while (r->next()) out[r->getString(1)] = r->getUInt64(2);
        return out;
    });
    for (const char* s : {"queued", "sending", "sent", "abandoned"}) std::cout << s << " " << counts[s] << "\n";
    return 0;
}

int cmdMail(const ktk::Config& config, const Args& args) {
    if (args.empty()) return usage();
    Args rest(args.begin() + 1, args.end());
    if (args[0] == "test") return cmdMailTest(config, rest);
    if (args[0] == "status") return cmdMailStatus(config, rest);
    return usage();
}

}  // namespace

int main(int argc, char** argv) {
    std::string configPath = ktk::Config::defaultPath();
    Args args;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--config") == 0 && i + 1 < argc) configPath = argv[++i];
        else args.emplace_back(argv[i]);
    }
    if (args.empty()) return usage();
    const std::map<std::string, std::function<int(const ktk::Config&, const Args&)>> commands = {
        {"migrate", cmdMigrate},
        {"mail", cmdMail},
    };
    auto it = commands.find(args[0]);
    if (it == commands.end()) return usage();
    try {
        ktk::Config config = ktk::Config::load(configPath, environ);
        ktk::clock::setOffsetFile(config.clockOffsetFile);
        return it->second(config, Args(args.begin() + 1, args.end()));
    } catch (const std::exception& e) {
        std::cerr << "ktk-admin: " << e.what() << "\n";
        return 1;
    }
}
