#include "captcha/captcha_handler.h"

#include "captcha/captcha.h"
#include "captcha/captcha_image.h"
#include "captcha/speech.h"
#include "util/log.h"
#include "util/subprocess.h"
#include "web/context.h"

namespace ktk::captcha {

namespace {
// espeak-ng needs about 0.2 s for the longest code; a hung one is killed.
constexpr std::chrono::milliseconds kSpeechTimeout{5000};
// Two readings of six characters are ~40 s of 16-bit audio, under 2 MB.
constexpr std::size_t kMaxSpeechBytes = 8u << 20;
}  // namespace

web::Response ImageHandler::get(web::Context& ctx) {
    const std::string id = ctx.req.query("id");
    if (!wellFormedId(id)) return ctx.errorPage(404);
    const Config& config = ctx.app.config;
    web::Response r;
    r.contentType = "image/png";
    r.noStore = true;
    r.body = drawPng(answerFor(config, id), drawingSeed(config, id), config.captchaFont);
    return r;
}

web::Response AudioHandler::get(web::Context& ctx) {
    const std::string id = ctx.req.query("id");
    if (!wellFormedId(id)) return ctx.errorPage(404);
    if (!ctx.app.db.transact([&](db::Tx& tx) { return usable(tx, id); })) return ctx.errorPage(404);
    const Config& config = ctx.app.config;
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
