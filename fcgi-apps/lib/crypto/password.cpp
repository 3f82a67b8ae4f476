#include "crypto/password.h"

#include <sodium.h>
#include <sys/mman.h>

#include <cstddef>
#include <mutex>
#include <stdexcept>

#include "crypto/random.h"

// The static build links libsodium with `--wrap=mmap --wrap=munmap`
// (fcgi-apps/CMakeLists.txt): its argon2 then asks this file for the
// 19 MiB it hashes in, instead of mapping them afresh for every hash.
// A fresh mapping costs its 4,864 page faults and the kernel's zeroing of
// each page, as much CPU as the hashing itself; one mapping kept while
// requests keep coming costs none. libsodium does not wipe the memory
// before unmapping it, so the kept one is wiped after every hash: it held
// password-derived blocks. The FastCGI loop gives it back to the system
// once no request is waiting (releaseHashMemory), so a waiting process
// stays small. The kept mapping is marked MADV_DONTDUMP: password-derived
// blocks stay out of core dumps, and the mapping is a region of its own
// in /proc/PID/smaps (flag "dd"), where the soak test counts it apart.
// Without the wrap (the sanitizer and shared-library builds)
// __real_mmap stays null, __wrap_mmap is never called, and libsodium maps
// its own memory for every hash, as it does by itself.
extern "C" {
void* __real_mmap(void* addr, std::size_t length, int prot, int flags, int fd, off_t offset) __attribute__((weak));
int __real_munmap(void* addr, std::size_t length) __attribute__((weak));
void* __wrap_mmap(void* addr, std::size_t length, int prot, int flags, int fd, off_t offset);
int __wrap_munmap(void* addr, std::size_t length);
}

namespace ktk::crypto {

namespace {
void ensureSodium() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw std::runtime_error("sodium_init failed");
}

// The kept mapping. `mutex` is held by the thread hashing in it (and by
// releaseHashMemory); `serving` says that this thread holds it, so that
// only the mappings argon2 asks for inside hashPassword/verifyPassword are
// served from it. A hash in another thread meanwhile gets a mapping of
// its own: the programs have one thread, but nothing here relies on it.
struct HeldMemory {
    std::mutex mutex;
    void* base = nullptr;
    std::size_t capacity = 0;
    bool lent = false;  // between argon2's mmap and its munmap
};
HeldMemory& held() {
    static HeldMemory memory;
    return memory;
}
thread_local bool serving = false;

// Serves the kept memory to the hash run in its scope.
class HashScope {
public:
    HashScope() : lock_(held().mutex, std::try_to_lock) { serving = lock_.owns_lock(); }
    ~HashScope() { serving = false; }
    HashScope(const HashScope&) = delete;
    HashScope& operator=(const HashScope&) = delete;

private:
    std::unique_lock<std::mutex> lock_;
};

void unmapHeld(HeldMemory& memory) {
    if (memory.base) __real_munmap(memory.base, memory.capacity);
    memory.base = nullptr;
    memory.capacity = 0;
}
}  // namespace

std::string hashPassword(std::string_view password, const HashParams& params) {
    ensureSodium();
    char out[crypto_pwhash_STRBYTES];
    HashScope scope;
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), params.opsLimit, params.memLimitBytes,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("argon2id hashing failed (out of memory?)");
    return out;
}

bool verifyPassword(std::string_view password, const std::string& phc) {
    ensureSodium();
    if (phc.rfind("$argon2id$", 0) != 0 || phc.size() >= crypto_pwhash_STRBYTES) return false;
    HashScope scope;
    return crypto_pwhash_str_verify(phc.c_str(), password.data(), password.size()) == 0;
}

bool needsRehash(const std::string& phc, const HashParams& params) {
    ensureSodium();
    if (phc.rfind("$argon2id$", 0) != 0 || phc.size() >= crypto_pwhash_STRBYTES) return true;
    return crypto_pwhash_str_needs_rehash(phc.c_str(), params.opsLimit, params.memLimitBytes) != 0;
}

const std::string& dummyHash() {
    static const std::string hash = hashPassword(randomToken());
    return hash;
}

bool hashMemoryReusable() { return __real_mmap != nullptr && __real_munmap != nullptr; }

bool hashMemoryHeld() {
    HeldMemory& memory = held();
    std::lock_guard<std::mutex> lock(memory.mutex);
    return memory.base != nullptr;
}

void releaseHashMemory() {
    HeldMemory& memory = held();
    std::lock_guard<std::mutex> lock(memory.mutex);
    unmapHeld(memory);
}

namespace detail {
std::size_t heldHashMemoryNonZeroBytes() {
    HeldMemory& memory = held();
    std::lock_guard<std::mutex> lock(memory.mutex);
    const auto* bytes = static_cast<const unsigned char*>(memory.base);
    std::size_t nonZero = 0;
    for (std::size_t i = 0; i < memory.capacity; ++i) nonZero += bytes[i] != 0;
    return nonZero;
}

std::pair<const void*, std::size_t> heldHashMemory() {
    HeldMemory& memory = held();
    std::lock_guard<std::mutex> lock(memory.mutex);
    return {memory.base, memory.capacity};
}
}  // namespace detail

}  // namespace ktk::crypto

using ktk::crypto::HeldMemory;

// argon2's request for its blocks: private, anonymous, read-write, no
// address asked for. Any other mapping, or one asked for outside a hash
// scope, goes to the system unchanged.
extern "C" void* __wrap_mmap(void* addr, std::size_t length, int prot, int flags, int fd, off_t offset) {
    if (!ktk::crypto::serving || addr || fd != -1 || !(flags & MAP_ANONYMOUS) || !(flags & MAP_PRIVATE) ||
        prot != (PROT_READ | PROT_WRITE))
        return __real_mmap(addr, length, prot, flags, fd, offset);
    HeldMemory& memory = ktk::crypto::held();
    if (memory.lent) return __real_mmap(addr, length, prot, flags, fd, offset);
    if (memory.capacity < length) {  // first hash, or a stored hash with more memory than ours
        ktk::crypto::unmapHeld(memory);
        // libsodium asks for MAP_POPULATE: the pages are populated after
        // the mapping is marked, so that no page of it is ever outside the
        // marked region (best effort: the hash works without either; on a
        // kernel without MADV_POPULATE_WRITE the pages fault in as argon2
        // writes them).
        void* base = __real_mmap(nullptr, length, prot, flags & ~MAP_POPULATE, -1, 0);
        if (base == MAP_FAILED) return MAP_FAILED;
        madvise(base, length, MADV_DONTDUMP);
        if (flags & MAP_POPULATE) madvise(base, length, MADV_POPULATE_WRITE);
        memory.base = base;
        memory.capacity = length;
    }
    memory.lent = true;
    return memory.base;
}

// argon2 gives its blocks back: the kept memory is wiped and kept.
extern "C" int __wrap_munmap(void* addr, std::size_t length) {
    HeldMemory& memory = ktk::crypto::held();
    if (!ktk::crypto::serving || !memory.lent || addr != memory.base || length > memory.capacity)
        return __real_munmap(addr, length);
    sodium_memzero(addr, length);
    memory.lent = false;
    return 0;
}
