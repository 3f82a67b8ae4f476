// /captcha?id=…: the PNG of a captcha, never cached (a cached picture could
// be served for another id). /captcha/audio?id=…: the same code spoken in
// the page's language (WAV, never cached), only while the captcha can
// still be answered. /captcha/new (POST): a fresh captcha id, for the
// registration form's script that swaps the picture in place; without
// script the form's own "new code" button reloads the whole form.
#pragma once

#include "web/handler.h"

namespace ktk::captcha {

// Each picture is drawn by ktk-captcha-draw, a child process (≈5 ms), so
// libgd, FreeType and the font never stay in this process between requests.
class ImageHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
};

// Spawns espeak-ng for each request (a few tens of milliseconds of CPU in
// a child process, so this process stays small); 404 for an unknown,
// used or expired captcha, so no synthesiser runs for invented ids.
class AudioHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
};

// The drawing program: ktk-captcha-draw in this program's own directory.
std::string drawProgramPath();

class NewHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    web::Response post(web::Context& ctx) override;
    bool acceptsPost() const override { return true; }
    std::size_t maxBodyBytes() const override { return 1024; }
};

}  // namespace ktk::captcha
