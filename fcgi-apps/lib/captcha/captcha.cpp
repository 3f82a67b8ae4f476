#include "captcha/captcha.h"

#include "crypto/random.h"
#include "util/clock.h"

namespace ktk::captcha {

namespace {

constexpr std::size_t kAlphabetSize = sizeof(kAlphabet) - 1;
constexpr std::size_t kMaxTyped = 32;

std::string answerHash(std::string_view id, std::string_view answer) {
    std::string material = "ktk-captcha\n";
    material.append(id);
    material += '\n';
    material.append(answer);
    return crypto::sha256Hex(material);
}

}  // namespace

std::string normalizeAnswer(std::string_view typed) {
    if (typed.size() > kMaxTyped) return {};
    std::string out;
    for (char c : typed) {
        if (c == ' ' || c == '-' || c == '\t') continue;
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        out += c;
    }
    return out;
}

std::string answerFor(const config::Config& config, std::string_view id) {
    if (!config.captchaTestAnswer.empty()) return normalizeAnswer(config.captchaTestAnswer);
    std::string mac = crypto::hmacSha256(config.secrets.front(), "ktk-captcha-answer\n" + std::string(id));
    std::size_t length = 5 + (static_cast<unsigned char>(mac[0]) & 1);
    std::string answer;
    for (std::size_t i = 0; i < length; ++i) {
        // Two bytes per character keep the modulo bias below 0.04 %.
        unsigned v = static_cast<unsigned char>(mac[1 + 2 * i]) << 8 | static_cast<unsigned char>(mac[2 + 2 * i]);
        answer += kAlphabet[v % kAlphabetSize];
    }
    return answer;
}

std::string drawingSeed(const config::Config& config, std::string_view id) {
    return crypto::hmacSha256(config.secrets.front(), "ktk-captcha-drawing\n" + std::string(id));
}

std::string issue(db::Tx& tx, const config::Config& config) {
    const std::int64_t now = util::now();
    tx.update("DELETE FROM captchas WHERE expires_at < ? LIMIT 100", util::sqlTime(now));
    std::string id = crypto::randomToken();
    tx.update("INSERT INTO captchas (id_hash, answer_hash, created_at, expires_at) VALUES (?, ?, ?, ?)",
              crypto::sha256Hex(id), answerHash(id, answerFor(config, id)), util::sqlTime(now),
              util::sqlTime(now + kLifetimeSeconds));
    return id;
}

bool usable(db::Tx& tx, std::string_view id) {
    if (!crypto::isToken(id)) return false;
    db::Row row = tx.query("SELECT 1 FROM captchas WHERE id_hash = ? AND used_at IS NULL AND expires_at > ?",
                           crypto::sha256Hex(id), util::sqlTime(util::now()));
    return row->next();
}

Check verify(db::Tx& tx, std::string_view id, std::string_view typed) {
    if (typed.find_first_not_of(" \t-") == std::string_view::npos) return Check::Missing;
    if (!crypto::isToken(id)) return Check::Wrong;
    const std::string answer = normalizeAnswer(typed);
    const std::string now = util::sqlTime(util::now());
    const std::string idHash = crypto::sha256Hex(id);
    // Claim first: of two requests racing with one captcha, one gets it.
    if (tx.update("UPDATE captchas SET used_at = ? WHERE id_hash = ? AND used_at IS NULL AND expires_at > ?", now,
                  idHash, now) != 1)
        return Check::Wrong;
    db::Row row = tx.query("SELECT answer_hash FROM captchas WHERE id_hash = ?", idHash);
    if (!row->next()) return Check::Wrong;
    std::string stored = row->getString(1);
    if (answer.empty()) return Check::Wrong;  // overlong input
    return crypto::constantTimeEqual(stored, answerHash(id, answer)) ? Check::Ok : Check::Wrong;
}

const char* messageKey(Check check) {
    switch (check) {
        case Check::Ok: return "";
        case Check::Missing: return "validation.captcha.missing";
        case Check::Wrong: return "validation.captcha.wrong";
    }
    return "validation.captcha.wrong";
}

}  // namespace ktk::captcha
