#include "captcha/captcha_handler.h"

#include "captcha/captcha.h"
#include "captcha/captcha_image.h"
#include "web/context.h"

namespace ktk::captcha {

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
