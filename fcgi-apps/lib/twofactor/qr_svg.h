// The enrolment's QR code (the otpauth:// key URI), drawn on the server as
// inline SVG with libqrencode: no picture service learns the secret, and
// the page needs no script. One <path> of unit squares, fill given as an
// attribute (the CSP allows no style attributes), a quiet zone of four
// modules all round as ISO/IEC 18004 asks.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ktk::twofactor {

constexpr int kQrQuietZone = 4;

// The modules of a QR code of `text` (error correction level M, the
// smallest version that holds it), row by row, true for dark; nullopt
// when it cannot be encoded.
struct QrMatrix {
    int width = 0;  // modules per side, without the quiet zone
    std::vector<bool> dark;
    bool at(int x, int y) const { return dark[static_cast<std::size_t>(y * width + x)]; }
};
std::optional<QrMatrix> qrMatrix(std::string_view text);

// <svg role="img" aria-label="LABEL" …> of the matrix, its viewBox the
// width plus the quiet zone on each side; `label` is HTML-escaped here.
std::string qrSvg(const QrMatrix& matrix, std::string_view label);

}  // namespace ktk::twofactor
