#include "service/profile.h"

#include <stdexcept>

#include "repo/audit.h"
#include "util/json.h"

namespace ktk::service {

std::optional<ProfileData> loadProfile(db::Database& db, std::uint64_t userId) {
    return db.autocommit([&](db::Tx& tx) -> std::optional<ProfileData> {  // one read
        db::Row r = tx.query("SELECT last_name, first_name, phone, language FROM users WHERE id = ?", userId);
        if (!r->next()) return std::nullopt;
        ProfileData d;
        d.lastName = r->getString(1);
        d.firstName = r->getString(2);
        d.phone = r->getString(3);
        d.lang = domain::parseLang(std::string(r->getString(4))).value_or(domain::kDefaultLang);
        return d;
    });
}

ProfileOutcome updateProfile(db::Database& db, std::uint64_t userId, const ProfileData& data,
                             std::string_view clientAddress) {
    return db.transact([&](db::Tx& tx) {
        db::Row r = tx.query("SELECT last_name, first_name, phone, language FROM users WHERE id = ? FOR UPDATE",
                             userId);
        // The caller's session names the account; sessions go with their account.
        if (!r->next()) throw std::runtime_error("updateProfile: account " + std::to_string(userId) + " not found");
        const std::string lastName = r->getString(1);
        const std::string firstName = r->getString(2);
        const std::string phone = r->getString(3);
        const std::string language = r->getString(4);

        util::Json before = util::Json::object();
        util::Json after = util::Json::object();
        bool changed = false;
        auto compare = [&](const char* field, const std::string& old, const std::string& now) {
            if (old == now) return;
            before[field] = old;
            after[field] = now;
            changed = true;
        };
        compare("last_name", lastName, data.lastName);
        compare("first_name", firstName, data.firstName);
        compare("phone", phone, data.phone);
        compare("language", language, code(data.lang));
        if (!changed) return ProfileOutcome::Unchanged;

        tx.update("UPDATE users SET last_name = ?, first_name = ?, phone = ?, language = ? WHERE id = ?",
                  data.lastName, data.firstName, data.phone, code(data.lang), userId);
        repo::AuditEntry e;
        e.actor = repo::Actor::user(userId);
        e.clientAddress = std::string(clientAddress);
        e.action = "profile.changed";
        e.targetUserId = userId;
        e.before = util::jsonText(before);
        e.after = util::jsonText(after);
        repo::recordAudit(tx, e);
        return ProfileOutcome::Saved;
    });
}

}  // namespace ktk::service
