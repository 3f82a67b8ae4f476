#include "util/clock.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace ktk::util {
namespace {
std::string offsetFile;

std::int64_t readOffset() {
    if (offsetFile.empty()) return 0;
    std::FILE* f = std::fopen(offsetFile.c_str(), "r");
    if (!f) return 0;
    long long v = 0;
    if (std::fscanf(f, "%lld", &v) != 1) v = 0;
    std::fclose(f);
    return v;
}
}  // namespace

void setClockOffsetFile(const std::string& path) { offsetFile = path; }

std::int64_t now() { return static_cast<std::int64_t>(std::time(nullptr)) + readOffset(); }

std::string sqlTime(std::int64_t t) {
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[24];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    return buf;
}

std::int64_t parseSqlTime(const std::string& text) {
    std::tm tm{};
    if (!strptime(text.c_str(), "%Y-%m-%d %H:%M:%S", &tm)) return 0;
    return static_cast<std::int64_t>(timegm(&tm));
}

std::string rfc5322Date(std::int64_t t) {
    static const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday],
                  tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                  tm.tm_sec);
    return buf;
}

}  // namespace ktk::util
