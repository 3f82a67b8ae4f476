// What the fuzz targets share: an input split into several fields, and a
// check that stops the run with a message when an invariant breaks (the
// fuzzer then keeps the input as a crash file).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace ktk::fuzz {

// The line that separates the fields of an input ("scissors"): readable in
// a seed file, and rare enough that no real field holds it.
constexpr std::string_view kSeparator = "\n--8<--\n";

// Exactly `count` fields: the input cut at the first count-1 separators;
// the last field takes the rest, missing fields are empty.
inline std::vector<std::string_view> fields(const std::uint8_t* data, std::size_t size, std::size_t count) {
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    std::vector<std::string_view> out;
    while (out.size() + 1 < count) {
        std::size_t cut = rest.find(kSeparator);
        if (cut == std::string_view::npos) break;
        out.push_back(rest.substr(0, cut));
        rest.remove_prefix(cut + kSeparator.size());
    }
    out.push_back(rest);
    while (out.size() < count) out.emplace_back();
    return out;
}

[[noreturn]] inline void fail(const char* file, int line, const char* what) {
    std::fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
    std::abort();
}

}  // namespace ktk::fuzz

#define FUZZ_CHECK(cond) \
    do { \
        if (!(cond)) ::ktk::fuzz::fail(__FILE__, __LINE__, #cond); \
    } while (0)
