#include "supervisor/options.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <set>

namespace ktk::supervisor {

namespace {

bool number(const char* text, int low, int high, int& out) {
    char* end = nullptr;
    errno = 0;
    long v = std::strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || v < low || v > high) return false;
    out = static_cast<int>(v);
    return true;
}

// Letters, digits and dashes: the name goes into log lines and the
// processes' environment.
bool goodName(const std::string& name) {
    if (name.empty() || name.size() > 64) return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

Options wrong(std::string why) {
    Options o;
    o.error = std::move(why);
    return o;
}

}  // namespace

Options parseOptions(int argc, char** argv) {
    Options out;
    int idleSeconds = 10;
    int i = 1;
    // Options before the first pool: the one-pool form's, or the default
    // quiet period of the several-pool form.
    PoolSpec single;
    bool maxGiven = false;
    for (; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--" || arg == "--pool") break;
        if (i + 1 >= argc) return wrong(arg + " needs a value");
        const char* value = argv[++i];
        if (arg == "--min" && number(value, 0, 10000, single.settings.min)) continue;
        if (arg == "--max" && number(value, 1, 10000, single.settings.max)) {
            maxGiven = true;
            continue;
        }
        if (arg == "--idle-seconds" && number(value, 1, 86400, idleSeconds)) continue;
        return wrong("bad option " + arg + " " + value);
    }
    if (i >= argc) return wrong("no program");

    if (std::strcmp(argv[i], "--") == 0) {
        ++i;
        if (i >= argc) return wrong("no program");
        if (!maxGiven) return wrong("--max is missing");
        if (single.settings.min > single.settings.max) return wrong("--min is above --max");
        single.settings.idleMs = idleSeconds * 1000LL;
        single.argv.assign(argv + i, argv + argc);
        single.argv.push_back(nullptr);
        if (single.argv[0][0] != '/') return wrong(std::string("the program must be an absolute path, not ") + argv[i]);
        out.pools.push_back(std::move(single));
        return out;
    }
    if (maxGiven || single.settings.min != 0) return wrong("--min and --max go after --pool NAME");

    std::set<std::string> names, sockets;
    while (i < argc) {  // argv[i] is "--pool"
        if (i + 1 >= argc) return wrong("--pool needs a name");
        PoolSpec pool;
        pool.name = argv[i + 1];
        if (!goodName(pool.name)) return wrong("bad pool name " + pool.name);
        if (!names.insert(pool.name).second) return wrong("pool " + pool.name + " given twice");
        pool.settings.idleMs = idleSeconds * 1000LL;
        bool poolMax = false;
        for (i += 2; i < argc && std::strcmp(argv[i], "--") != 0; ++i) {
            std::string arg = argv[i];
            if (i + 1 >= argc) return wrong("pool " + pool.name + ": " + arg + " needs a value");
            const char* value = argv[++i];
            int seconds = 0;
            if (arg == "--min" && number(value, 0, 10000, pool.settings.min)) continue;
            if (arg == "--max" && number(value, 1, 10000, pool.settings.max)) {
                poolMax = true;
                continue;
            }
            if (arg == "--nice" && number(value, 0, 19, pool.nice)) continue;
            if (arg == "--idle-seconds" && number(value, 1, 86400, seconds)) {
                pool.settings.idleMs = seconds * 1000LL;
                continue;
            }
            if (arg == "--socket" && value[0] == '/') {
                pool.socket = value;
                continue;
            }
            if (arg == "--log" && value[0] == '/') {
                pool.log = value;
                continue;
            }
            return wrong("pool " + pool.name + ": bad option " + arg + " " + value);
        }
        if (i >= argc || i + 1 >= argc) return wrong("pool " + pool.name + ": no program");
        if (!poolMax) return wrong("pool " + pool.name + ": --max is missing");
        if (pool.settings.min > pool.settings.max) return wrong("pool " + pool.name + ": --min is above --max");
        if (pool.socket.empty()) return wrong("pool " + pool.name + ": --socket is missing");
        if (!sockets.insert(pool.socket).second) return wrong("pool " + pool.name + ": its socket is another pool's");
        for (++i; i < argc && std::strcmp(argv[i], "--pool") != 0; ++i) pool.argv.push_back(argv[i]);
        pool.argv.push_back(nullptr);
        if (pool.argv[0][0] != '/')
            return wrong("pool " + pool.name + ": the program must be an absolute path, not " + pool.argv[0]);
        out.pools.push_back(std::move(pool));
    }
    return out;
}

}  // namespace ktk::supervisor
