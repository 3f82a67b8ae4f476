#include "worker/spawned_poster.h"

#include <unistd.h>

#include <chrono>
#include <climits>
#include <stdexcept>

#include "oidc/logout_wire.h"
#include "util/subprocess.h"

namespace ktk::worker {

namespace {
// The child's own limits are 5 s to connect and 10 s in all, for the posts
// of a run together; this leaves it time to start and to answer.
constexpr std::chrono::milliseconds kDeadline{15000};
constexpr std::size_t kMaxAnswerBytes = 64 * 1024;
}  // namespace

std::vector<oidc::PostResult> SpawnedPoster::post(const std::vector<oidc::LogoutPost>& posts) {
    std::vector<oidc::PostResult> results(posts.size());
    // The posts that can travel, in runs whose lines fit the pipe.
    std::size_t i = 0;
    while (i < posts.size()) {
        std::vector<std::size_t> run;
        std::vector<oidc::LogoutPost> batch;
        std::size_t bytes = 0;
        for (; i < posts.size(); ++i) {
            if (!oidc::fitsOnTheWire(posts[i])) {
                results[i].error = "bad_uri";
                continue;
            }
            const std::size_t line = posts[i].uri.size() + posts[i].token.size() + 2;
            if (!batch.empty() && bytes + line > util::kMaxInputBytes) break;
            if (line > util::kMaxInputBytes) {
                results[i].error = "too_long";
                continue;
            }
            bytes += line;
            run.push_back(i);
            batch.push_back(posts[i]);
        }
        if (batch.empty()) continue;
        const util::RunResult r =
            util::runCapture({program_}, kDeadline, kMaxAnswerBytes, oidc::encodePosts(batch));
        const auto answers = r.ok() ? oidc::decodeResults(r.output, batch.size()) : std::nullopt;
        for (std::size_t k = 0; k < run.size(); ++k) {
            if (answers) results[run[k]] = (*answers)[k];
            else results[run[k]].error = "poster";
        }
    }
    return results;
}

std::string posterBesideMe() {
    char self[PATH_MAX];
    const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) throw std::runtime_error("cannot find the worker's own path");
    std::string dir(self, static_cast<std::size_t>(n));
    dir.erase(dir.rfind('/') + 1);
    return dir + "ktk-logout-post";
}

}  // namespace ktk::worker
