// The captcha picture: the answer drawn with a TTF font through libgd,
// each character turned, sized and placed a little differently, the whole
// warped by two sine waves and crossed by lines and dots. Dark on light
// for contrast. Only ktk-captcha-draw links libgd.
#pragma once

#include <string>
#include <string_view>

namespace ktk::captcha {

constexpr int kImageWidth = 220;
constexpr int kImageHeight = 70;

// A PNG of `answer`; every random choice comes from `seed`, so the same
// seed gives the same picture. Throws std::runtime_error when the font
// cannot be used or the image cannot be encoded.
std::string drawPng(std::string_view answer, std::string_view seed, const std::string& fontPath);

}  // namespace ktk::captcha
