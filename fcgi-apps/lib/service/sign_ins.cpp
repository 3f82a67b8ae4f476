#include "service/sign_ins.h"

#include "db/database.h"
#include "repo/sign_ins.h"
#include "util/json.h"

namespace ktk::service {

std::vector<SignIn> recentSignIns(db::Database& db, std::uint64_t userId) {
    const std::vector<repo::SignInRow> rows =
        db.autocommit([&](db::Tx& tx) { return repo::recentSignIns(tx, userId, kRecentSignIns); });
    std::vector<SignIn> out;
    for (const repo::SignInRow& r : rows) {
        SignIn s;
        s.at = r.at;
        s.clientAddress = r.clientAddress;
        std::string path;
        if (const auto members = util::parseFlatObject(r.after))
            for (const auto& [key, value] : *members) {
                if (key == "browser") s.browser = value;
                else if (key == "platform") s.platform = value;
                else if (key == "path") path = value;
            }
        if (r.action == "login.success") s.kind = SignInKind::Success;
        else if (r.action == "login.refused_locked") s.kind = SignInKind::HeldBackByLock;
        else s.kind = path == "device" ? SignInKind::WrongFromDevice : SignInKind::WrongPassword;
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace ktk::service
