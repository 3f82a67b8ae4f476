#include <fstream>
#include <stdexcept>

#include <unistd.h>

#include "captcha/captcha_handler.h"
#include "site/portal.h"
#include "web/app.h"

int main(int argc, char** argv) {
    using ktk::web::Access;
    return ktk::web::runApp(argc, argv, "ktk-captcha", ktk::site::portal(), [](const ktk::web::Services& services) {
        // A missing font would fail every picture: refuse to start instead.
        if (!std::ifstream(services.config.captchaFont))
            throw std::runtime_error("captcha.font: cannot read " + services.config.captchaFont);
        if (::access(services.config.captchaEspeak.c_str(), X_OK) != 0)
            throw std::runtime_error("captcha.espeak: cannot run " + services.config.captchaEspeak);
        if (::access(ktk::captcha::drawProgramPath().c_str(), X_OK) != 0)
            throw std::runtime_error("cannot run " + ktk::captcha::drawProgramPath());
        ktk::web::Routes routes;
        routes.push_back({"/captcha", Access::Anyone, std::make_unique<ktk::captcha::ImageHandler>()});
        routes.push_back({"/captcha/audio", Access::Anyone, std::make_unique<ktk::captcha::AudioHandler>()});
        routes.push_back({"/captcha/new", Access::Anyone, std::make_unique<ktk::captcha::NewHandler>()});
        return routes;
    });
}
