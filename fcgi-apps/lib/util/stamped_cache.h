// What a process keeps of rows it read, each with the stamp it was read at:
// a counter the database moves up in every transaction that changes what
// was read (a trigger's work), and which the next request reads again
// cheaply. The kept value serves while the stamp it was kept with is the
// one read now. At most `capacity` keys; past it the least recently found
// one makes room.
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <utility>

namespace ktk::util {

template <class Key, class Value>
class StampedCache {
public:
    struct Entry {
        std::uint64_t stamp = 0;
        Value value;
        std::uint64_t lastUse = 0;
    };

    explicit StampedCache(std::size_t capacity) : capacity_(capacity > 0 ? capacity : 1) {}

    // The entry kept under `key`, whatever its stamp, or nullptr; it holds
    // until the next keep().
    Entry* find(const Key& key) {
        auto it = entries_.find(key);
        if (it == entries_.end()) return nullptr;
        it->second.lastUse = ++uses_;
        return &it->second;
    }

    // Keeps `value` under `key` as read at `stamp`; returns the kept copy,
    // which holds until the next keep().
    Value& keep(const Key& key, std::uint64_t stamp, Value value) {
        auto it = entries_.find(key);
        if (it == entries_.end()) {
            if (entries_.size() >= capacity_) evictLeastRecent();
            it = entries_.emplace(key, Entry{}).first;
        }
        it->second.stamp = stamp;
        it->second.value = std::move(value);
        it->second.lastUse = ++uses_;
        return it->second.value;
    }

    std::size_t size() const { return entries_.size(); }

private:
    void evictLeastRecent() {
        auto oldest = entries_.begin();
        for (auto it = entries_.begin(); it != entries_.end(); ++it)
            if (it->second.lastUse < oldest->second.lastUse) oldest = it;
        entries_.erase(oldest);
    }

    std::unordered_map<Key, Entry> entries_;
    std::size_t capacity_;
    std::uint64_t uses_ = 0;
};

}  // namespace ktk::util
