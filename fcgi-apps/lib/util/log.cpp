#include "util/log.h"

#include <cstdio>
#include <ctime>
#include <string>

#include "crypto/random.h"

namespace ktk::util {
namespace {
std::string program = "ktk";

void write(const char* level, std::string_view message) {
    char stamp[32];
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    std::string line;
    line.reserve(message.size() + 64);
    line.append(stamp).append(" ").append(program).append(" ").append(level).append(" ");
    // A log line stays one line whatever the message holds.
    for (char ch : message) line += (ch == '\n' || ch == '\r') ? ' ' : ch;
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
}
}  // namespace

void setLogProgram(std::string_view name) { program = name; }
void logInfo(std::string_view message) { write("info", message); }
void logWarn(std::string_view message) { write("warn", message); }
void logError(std::string_view message) { write("error", message); }

std::string newIncidentId() { return crypto::randomHex(6); }

}  // namespace ktk::util
