#include "repo/one_time_links.h"

#include "crypto/random.h"
#include "util/clock.h"

namespace ktk::repo {

template <class Links>
std::string createLink(db::Tx& tx, std::uint64_t userId, std::int64_t now, std::int64_t lifetime) {
    std::string token = crypto::randomToken();
    tx.update(Links::kCreate, userId, crypto::sha256Hex(token), util::sqlTime(now), util::sqlTime(now + lifetime));
    return token;
}

template <class Links>
Link inspectLink(db::Tx& tx, std::string_view token, std::int64_t now) {
    if (!crypto::isToken(token)) return {};
    db::Row r = tx.query(Links::kRead, util::sqlTime(now), crypto::sha256Hex(token));
    if (!r->next()) return {};
    Link link;
    link.userId = r->getUInt64(1);
    link.state = r->getBoolean(2) ? LinkState::Used : r->getBoolean(3) ? LinkState::Valid : LinkState::Expired;
    return link;
}

template <class Links>
Link useLink(db::Tx& tx, std::string_view token, std::int64_t now) {
    if (!crypto::isToken(token)) return {};
    const std::string at = util::sqlTime(now);
    const bool won = tx.update(Links::kUse, at, crypto::sha256Hex(token), at) == 1;
    // Read after the update: a link used just now reads as used.
    Link link = inspectLink<Links>(tx, token, now);
    if (won) link.state = LinkState::Valid;
    return link;
}

template <class Links>
void voidLinks(db::Tx& tx, std::uint64_t userId, std::int64_t now) {
    tx.update(Links::kVoidAll, util::sqlTime(now), userId);
}

template <class Links>
void deleteLinks(db::Tx& tx, std::uint64_t userId) {
    tx.update(Links::kDeleteAll, userId);
}

#define KTK_LINKS(Links)                                                                         \
    template std::string createLink<Links>(db::Tx&, std::uint64_t, std::int64_t, std::int64_t); \
    template Link inspectLink<Links>(db::Tx&, std::string_view, std::int64_t);                   \
    template Link useLink<Links>(db::Tx&, std::string_view, std::int64_t);                       \
    template void voidLinks<Links>(db::Tx&, std::uint64_t, std::int64_t);                       \
    template void deleteLinks<Links>(db::Tx&, std::uint64_t);
KTK_LINKS(PasswordResetLinks)
KTK_LINKS(ConfirmationLinks)
#undef KTK_LINKS

}  // namespace ktk::repo
