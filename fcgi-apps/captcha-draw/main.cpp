// ktk-captcha-draw FONT — draws one captcha picture: reads the answer and
// the drawing seed, a line each, from standard input and writes the PNG to
// standard output. ktk-captcha runs it for every picture (util/subprocess),
// so libgd, FreeType and the font are in memory only while a picture is
// drawn, never in a FastCGI process that waits for its next request. The
// answer comes on standard input, not as an argument anyone could read in
// `ps`. Exit 0: the PNG is written; 1: it could not be drawn; 64: misuse.
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>

#include "captcha-draw/captcha_image.h"

namespace {

// An answer is at most 32 characters (captcha.cpp's kMaxTyped); the seed
// is an HMAC in hex. Anything longer is not ktk-captcha's.
constexpr std::size_t kMaxAnswer = 32;
constexpr std::size_t kMaxSeed = 128;

bool line(std::string& out, std::size_t max) {
    return std::getline(std::cin, out) && !out.empty() && out.size() <= max;
}

}  // namespace

int main(int argc, char** argv) {
    std::string answer, seed;
    if (argc != 2 || !line(answer, kMaxAnswer) || !line(seed, kMaxSeed)) {
        std::fprintf(stderr, "usage: ktk-captcha-draw FONT < ANSWER-LINE SEED-LINE\n");
        return 64;
    }
    try {
        const std::string png = ktk::captcha::drawPng(answer, seed, argv[1]);
        return std::fwrite(png.data(), 1, png.size(), stdout) == png.size() && std::fflush(stdout) == 0 ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "ktk-captcha-draw: %s\n", e.what());
        return 1;
    }
}
