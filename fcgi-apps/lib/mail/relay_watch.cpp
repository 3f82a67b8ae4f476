#include "mail/relay_watch.h"

namespace ktk::mail {

void RelayWatch::failed(std::int64_t nowMs) {
    if (!failing_) sinceMs_ = nowMs;
    failing_ = true;
    lastTryMs_ = nowMs;
}

bool RelayWatch::delivered(std::int64_t nowMs) {
    const bool ended = failing_ && nowMs - sinceMs_ >= intervalMs_;
    failing_ = false;
    return ended;
}

void RelayWatch::nothingDeferred() { failing_ = false; }

bool RelayWatch::probeDue(std::int64_t nowMs, bool inFlight) const {
    return failing_ && !inFlight && nowMs - lastTryMs_ >= intervalMs_;
}

void RelayWatch::probing(std::int64_t nowMs) { lastTryMs_ = nowMs; }

}  // namespace ktk::mail
