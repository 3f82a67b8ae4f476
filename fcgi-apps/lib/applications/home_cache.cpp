#include "applications/home_cache.h"

namespace ktk::applications {

KeptHome& HomeCache::get(db::Database& db, const Contact& who, std::uint64_t version) {
    auto* kept = kept_.find(who.municipalityId);
    if (kept && kept->stamp == version) return kept->value;
    // A failed read throws and leaves the kept lists as they were.
    KeptHome fresh{homeForContact(db, who), {}};
    ++reads_;
    return kept_.keep(who.municipalityId, version, std::move(fresh));
}

}  // namespace ktk::applications
