#include "captcha-draw/captcha_image.h"

#include <gd.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <stdexcept>

namespace ktk::captcha {

namespace {

// splitmix64: small, fast, and good enough to scatter pixels.
class Random {
public:
    explicit Random(std::string_view seed) {
        for (std::size_t i = 0; i < seed.size(); ++i) state_ = state_ * 131 + static_cast<unsigned char>(seed[i]);
    }
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    int between(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1)); }
    double unit() { return static_cast<double>(next() >> 11) / 9007199254740992.0; }

private:
    std::uint64_t state_ = 0x6B746B2D63617074ull;
};

struct ImageDeleter {
    void operator()(gdImagePtr im) const { gdImageDestroy(im); }
};
using Image = std::unique_ptr<gdImage, ImageDeleter>;

Image newImage() {
    Image im(gdImageCreateTrueColor(kImageWidth, kImageHeight));
    if (!im) throw std::runtime_error("captcha: cannot allocate the image");
    return im;
}

}  // namespace

std::string drawPng(std::string_view answer, std::string_view seed, const std::string& fontPath) {
    Random rnd(seed);
    Image text = newImage();
    const int background = gdTrueColor(rnd.between(236, 250), rnd.between(238, 250), rnd.between(236, 250));
    gdImageFilledRectangle(text.get(), 0, 0, kImageWidth - 1, kImageHeight - 1, background);

    // Faint lines behind the characters.
    gdImageSetThickness(text.get(), 2);
    for (int i = 0; i < 5; ++i) {
        int colour = gdTrueColor(rnd.between(150, 200), rnd.between(150, 200), rnd.between(150, 200));
        gdImageLine(text.get(), rnd.between(0, kImageWidth), rnd.between(0, kImageHeight), rnd.between(0, kImageWidth),
                    rnd.between(0, kImageHeight), colour);
    }

    const int n = static_cast<int>(answer.size());
    const double step = n > 0 ? (kImageWidth - 30.0) / n : 0;
    for (int i = 0; i < n; ++i) {
        char glyph[2] = {answer[static_cast<std::size_t>(i)], 0};
        int colour = gdTrueColor(rnd.between(10, 90), rnd.between(10, 90), rnd.between(30, 120));
        double size = 22 + rnd.unit() * 6;
        double angle = (rnd.unit() - 0.5) * 0.6;  // ±17°
        int x = 14 + static_cast<int>(i * step) + rnd.between(-3, 3);
        int y = 50 + rnd.between(-5, 5);
        int box[8];
        if (const char* err = gdImageStringFT(text.get(), box, colour, const_cast<char*>(fontPath.c_str()), size, angle, x,
                                              y, glyph))
            throw std::runtime_error(std::string("captcha: cannot draw with font ") + fontPath + ": " + err);
    }

    // Warp: each pixel is taken from a point moved along two sine waves.
    Image warped = newImage();
    gdImageFilledRectangle(warped.get(), 0, 0, kImageWidth - 1, kImageHeight - 1, background);
    const double ax = 1.5 + rnd.unit() * 1.5, ay = 1.5 + rnd.unit() * 1.5;
    const double px = 35 + rnd.unit() * 15, py = 60 + rnd.unit() * 40;
    const double phx = rnd.unit() * 6.283, phy = rnd.unit() * 6.283;
    for (int y = 0; y < kImageHeight; ++y) {
        for (int x = 0; x < kImageWidth; ++x) {
            int sx = x + static_cast<int>(std::lround(ax * std::sin(y / px * 6.283 + phx)));
            int sy = y + static_cast<int>(std::lround(ay * std::sin(x / py * 6.283 + phy)));
            if (sx < 0 || sy < 0 || sx >= kImageWidth || sy >= kImageHeight) continue;
            gdImageSetPixel(warped.get(), x, y, gdImageGetTrueColorPixel(text.get(), sx, sy));
        }
    }

    // Thin lines across the characters and a sprinkle of dots.
    gdImageSetThickness(warped.get(), 1);
    for (int i = 0; i < 2; ++i) {
        int colour = gdTrueColor(rnd.between(40, 120), rnd.between(40, 120), rnd.between(40, 120));
        gdImageLine(warped.get(), 0, rnd.between(10, kImageHeight - 10), kImageWidth - 1,
                    rnd.between(10, kImageHeight - 10), colour);
    }
    for (int i = 0; i < 350; ++i) {
        int colour = gdTrueColor(rnd.between(60, 200), rnd.between(60, 200), rnd.between(60, 200));
        gdImageSetPixel(warped.get(), rnd.between(0, kImageWidth - 1), rnd.between(0, kImageHeight - 1), colour);
    }

    int size = 0;
    void* png = gdImagePngPtrEx(warped.get(), &size, 6);
    if (!png || size <= 0) throw std::runtime_error("captcha: PNG encoding failed");
    std::string out(static_cast<const char*>(png), static_cast<std::size_t>(size));
    gdFree(png);
    return out;
}

}  // namespace ktk::captcha
