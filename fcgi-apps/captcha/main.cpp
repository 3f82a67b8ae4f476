#include <fstream>
#include <iostream>
#include <stdexcept>

#include <unistd.h>

#include "captcha/captcha_handler.h"

int main(int argc, char** argv) try {
    return ktk::web::runApp(argc, argv, "ktk-captcha", {}, [](const ktk::web::Services& services) {
        // A missing font would fail every picture: refuse to start instead.
        if (!std::ifstream(services.config.captchaFont))
            throw std::runtime_error("captcha.font: cannot read " + services.config.captchaFont);
        if (::access(services.config.captchaEspeak.c_str(), X_OK) != 0)
            throw std::runtime_error("captcha.espeak: cannot run " + services.config.captchaEspeak);
        if (::access(ktk::captcha::drawProgramPath().c_str(), X_OK) != 0)
            throw std::runtime_error("cannot run " + ktk::captcha::drawProgramPath());
        ktk::web::Routes routes;
        routes.emplace_back("/captcha", std::make_unique<ktk::captcha::ImageHandler>());
        routes.emplace_back("/captcha/audio", std::make_unique<ktk::captcha::AudioHandler>());
        routes.emplace_back("/captcha/new", std::make_unique<ktk::captcha::NewHandler>());
        return routes;
    });
} catch (const std::exception& e) {
    std::cerr << "ktk-captcha: " << e.what() << "\n";
    return 2;
}
