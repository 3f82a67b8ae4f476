#include "applications/home_cache.h"

#include <algorithm>

namespace ktk::applications {

const HomeApplications& HomeCache::get(db::Database& db, const Contact& who, std::uint64_t version) {
    ++uses_;
    auto it = std::find_if(entries_.begin(), entries_.end(),
                           [&](const Entry& e) { return e.municipalityId == who.municipalityId; });
    if (it != entries_.end() && it->version == version) {
        it->lastUse = uses_;
        return it->home;
    }
    // Read first, then make room: a failed read (it throws) leaves the
    // kept lists as they were.
    HomeApplications fresh = homeForContact(db, who);
    ++reads_;
    if (it == entries_.end()) {
        if (entries_.size() < capacity_) {
            it = entries_.emplace(entries_.end());
        } else {
            it = std::min_element(entries_.begin(), entries_.end(),
                                  [](const Entry& a, const Entry& b) { return a.lastUse < b.lastUse; });
        }
    }
    it->municipalityId = who.municipalityId;
    it->version = version;
    it->lastUse = uses_;
    it->home = std::move(fresh);
    return it->home;
}

}  // namespace ktk::applications
