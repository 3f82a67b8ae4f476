#include "cli/mail_commands.h"

#include <iostream>
#include <map>
#include <stdexcept>

#include "cli/common.h"
#include "db/database.h"
#include "mail/queue.h"
#include "util/clock.h"
#include "view/translator.h"
#include "view/views.h"

namespace ktk::cli {
namespace {

using Args = std::vector<std::string>;

int usage() {
    std::cerr << "usage: ktk-admin mail test --to ADDRESS [--to ADDRESS…] [--lang hu|en] [--name NAME]\n"
                 "       ktk-admin mail status\n";
    return 64;
}

// The operator checks the whole path with it: templates, encoding, queue,
// worker, sendmail.
int mailTest(const config::Config& config, const Args& args) {
    std::vector<std::string> to;
    std::string name;
    domain::Lang lang = domain::kDefaultLang;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (i + 1 >= args.size()) return usage();
        if (a == "--to") {
            const std::optional<domain::EmailAddress> address = emailArgument(config, args[++i]);
            if (!address) return kInvalid;
            to.push_back(address->value);
        } else if (a == "--name") {
            name = args[++i];
        } else if (a == "--lang") {
            auto l = domain::parseLang(args[++i]);
            if (!l) throw std::runtime_error("--lang must be hu or en");
            lang = *l;
        } else {
            return usage();
        }
    }
    if (to.empty()) return usage();
    view::Translator translator(config.localeDir);
    view::Views views(config.templatesDir, translator);
    db::Database db(config);
    const std::string sentAt = util::sqlTime(util::now());
    auto ids = db.transact([&](db::Tx& tx) {
        std::vector<std::uint64_t> out;
        for (const auto& address : to) {
            mail::Message m;
            m.kind = "test";
            m.toAddress = address;
            m.toName = name;
            m.lang = lang;
            m.values = {{"NAME", name}, {"SENT_AT", sentAt}, {"LOGIN_URL", config.baseUrl + "/login"}};
            m.sections = {name.empty() ? "ANONYMOUS" : "NAMED"};
            out.push_back(mail::enqueue(tx, config, views, m));
        }
        return out;
    });
    for (auto id : ids) std::cout << id << "\n";
    return 0;
}

int mailStatus(const config::Config& config, const Args& args) {
    if (!args.empty()) return usage();
    db::Database db(config);
    auto counts = db.transact([&](db::Tx& tx) {
        std::map<std::string, unsigned long> out{{"queued", 0}, {"sending", 0}, {"sent", 0}, {"abandoned", 0}};
        db::Row r = tx.query("SELECT status, COUNT(*) FROM mail_queue GROUP BY status");
        while (r->next()) out[r->getString(1)] = r->getUInt64(2);
        return out;
    });
    for (const char* s : {"queued", "sending", "sent", "abandoned"}) std::cout << s << " " << counts[s] << "\n";
    return 0;
}

}  // namespace

int mailCommand(const config::Config& config, const std::vector<std::string>& args) {
    if (args.empty()) return usage();
    Args rest(args.begin() + 1, args.end());
    if (args[0] == "test") return mailTest(config, rest);
    if (args[0] == "status") return mailStatus(config, rest);
    return usage();
}

}  // namespace ktk::cli
