#include "login/login_handler.h"

#include "web/context.h"

namespace ktk::login {

web::Response LoginHandler::get(web::Context& ctx) {
    web::Page page = ctx.page("login/login", "login.title");
    page.dict().SetValue("EMAIL", "");
    return page.render();
}

web::Response RootHandler::get(web::Context&) { return web::Response::redirect("/login"); }

}  // namespace ktk::login
