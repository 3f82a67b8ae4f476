// One-line logs to stderr (collected by the supervisor into the app's log).
// Never pass passwords, tokens or message bodies here.
#pragma once

#include <string>
#include <string_view>

namespace ktk::util {

void setLogProgram(std::string_view name);
void logInfo(std::string_view message);
void logWarn(std::string_view message);
void logError(std::string_view message);

// A short random id that ties a user-visible error page to its log line.
std::string newIncidentId();

}  // namespace ktk::util
