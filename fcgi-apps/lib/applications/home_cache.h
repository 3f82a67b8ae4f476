// The home page's lists, kept in the process: every login opens /home,
// and a municipality's newest applications change far less often than
// its contacts look at them. A list is kept with the municipality's
// applications_version it was read at; the session lookup reads the
// counter with the municipality (repo::Municipality::applicationsVersion),
// and while the two agree the kept list serves without a statement. Every
// change of the municipality's applications, or of the programme names
// the list shows, counts the counter up in the changing transaction
// (migration 0027_stamps), and the counter is read before the list,
// so a kept list is never older than the counter it is kept with.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>

#include "applications/application_service.h"
#include "domain/lang.h"
#include "util/stamped_cache.h"

namespace ktk::applications {

// One municipality's lists and, once a page in a language has rendered
// them, that rendering (HTML, escaped by its template), by language.
struct KeptHome {
    HomeApplications lists;
    std::string html[std::size(domain::kAllLangs)];  // "" until rendered
};

class HomeCache {
public:
    // At most `capacity` municipalities; past it the least recently shown
    // one makes room.
    explicit HomeCache(std::size_t capacity = 64) : kept_(capacity) {}

    // The home lists of the contact's municipality at `version` (as the
    // session lookup read it): the kept ones, or read now and kept. The
    // reference holds until the next call.
    KeptHome& get(db::Database& db, const Contact& who, std::uint64_t version);

    // How many lists were read from the database (the tests count them).
    std::uint64_t reads() const { return reads_; }

private:
    util::StampedCache<std::uint64_t, KeptHome> kept_;
    std::uint64_t reads_ = 0;
};

}  // namespace ktk::applications
