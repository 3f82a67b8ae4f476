#include "captcha/captcha_handler.h"

#include <unistd.h>

#include <climits>

#include "captcha/captcha.h"
#include "captcha/speech.h"
#include "crypto/random.h"
#include "util/log.h"
#include "util/subprocess.h"
#include "web/page.h"

namespace ktk::captcha {

namespace {
// espeak-ng needs about 0.2 s for the longest code; a hung one is killed.
constexpr std::chrono::milliseconds kSpeechTimeout{5000};
// Two readings of six characters are ~40 s of 16-bit audio, under 2 MB.
constexpr std::size_t kMaxSpeechBytes = 8u << 20;
// A picture takes ktk-captcha-draw about 5 ms; it is some 10 kB.
constexpr std::chrono::milliseconds kDrawTimeout{5000};
constexpr std::size_t kMaxPictureBytes = 1u << 20;

// ktk-captcha-draw sits beside this program (build/bin, /usr/lib/ktk).
std::string drawProgram() {
    static const std::string path = [] {
        char self[PATH_MAX];
        ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
        if (n <= 0) return std::string();
        std::string dir(self, static_cast<std::size_t>(n));
        return dir.substr(0, dir.rfind('/') + 1) + "ktk-captcha-draw";
    }();
    return path;
}

std::string drawPicture(const config::Config& config, std::string_view id) {
    util::RunResult run =
        util::runCapture({drawProgram(), config.captchaFont}, kDrawTimeout, kMaxPictureBytes,
                         answerFor(config, id) + "\n" + crypto::toHex(drawingSeed(config, id)) + "\n");
    if (!run.ok() || run.output.empty())
        throw std::runtime_error("captcha picture: " + drawProgram() + " failed (status " +
                                 std::to_string(static_cast<int>(run.status)) + ", exit " +
                                 std::to_string(run.exitCode) + ")");
    return std::move(run.output);
}
}  // namespace

std::string drawProgramPath() { return drawProgram(); }

web::Response ImageHandler::get(web::Context& ctx) {
    const std::string id = ctx.req.query("id");
    // Only a captcha that can still be answered is drawn: an id nobody
    // issued, or one used or expired, starts no drawing program.
    if (!crypto::isToken(id)) return ctx.errorPage(404);
    if (!ctx.app.db.transact([&](db::Tx& tx) { return usable(tx, id); })) return ctx.errorPage(404);
    const config::Config& config = ctx.app.config;
    web::Response r;
    r.contentType = "image/png";
    r.noStore = true;
    r.body = drawPicture(config, id);
    return r;
}

web::Response AudioHandler::get(web::Context& ctx) {
    const std::string id = ctx.req.query("id");
    if (!crypto::isToken(id)) return ctx.errorPage(404);
    if (!ctx.app.db.transact([&](db::Tx& tx) { return usable(tx, id); })) return ctx.errorPage(404);
    const config::Config& config = ctx.app.config;
    // The text is ours (catalog phrases for the HMAC's characters); still
    // it travels as one argument of an exec, never through a shell.
    const std::string text = spokenText(answerFor(config, id), ctx.lang(), ctx.app.translator);
    util::RunResult run = util::runCapture(
        {config.captchaEspeak, "-v", voiceFor(ctx.lang()), "-s", "125", "-g", "6", "-b", "1", "--stdout", text},
        kSpeechTimeout, kMaxSpeechBytes);
    std::optional<std::string> wav;
    if (run.ok()) wav = compactWav(run.output);
    if (!wav) throw std::runtime_error("captcha audio: " + config.captchaEspeak + " failed (status " +
                                       std::to_string(static_cast<int>(run.status)) + ", exit " +
                                       std::to_string(run.exitCode) + ")");
    web::Response r;
    r.contentType = "audio/wav";
    r.noStore = true;
    r.body = std::move(*wav);
    return r;
}

web::Response NewHandler::get(web::Context& ctx) {
    web::Response r = ctx.errorPage(405);
    r.headers.emplace_back("Allow", "POST");
    return r;
}

web::Response NewHandler::post(web::Context& ctx) {
    std::string id = ctx.app.db.transact([&](db::Tx& tx) { return issue(tx, ctx.app.config); });
    web::Response r = web::Response::plain(200, id);
    r.noStore = true;
    return r;
}

}  // namespace ktk::captcha
