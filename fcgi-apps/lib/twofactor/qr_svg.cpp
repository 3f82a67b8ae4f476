#include "twofactor/qr_svg.h"

#include <qrencode.h>

#include <memory>

namespace ktk::twofactor {

namespace {

std::string escaped(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace

std::optional<QrMatrix> qrMatrix(std::string_view text) {
    const std::string data(text);
    // 8-bit mode: the URI's lower-case letters and '?' are outside the
    // alphanumeric set anyway. Version 0: the smallest that fits.
    std::unique_ptr<QRcode, void (*)(QRcode*)> code(
        QRcode_encodeData(static_cast<int>(data.size()), reinterpret_cast<const unsigned char*>(data.data()), 0,
                          QR_ECLEVEL_M),
        QRcode_free);
    if (!code) return std::nullopt;
    QrMatrix m;
    m.width = code->width;
    m.dark.resize(static_cast<std::size_t>(m.width) * static_cast<std::size_t>(m.width));
    for (std::size_t i = 0; i < m.dark.size(); ++i) m.dark[i] = (code->data[i] & 1) != 0;  // bit 0: dark
    return m;
}

std::string qrSvg(const QrMatrix& m, std::string_view label) {
    const std::string side = std::to_string(m.width + 2 * kQrQuietZone);
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"totp-qr\" viewBox=\"0 0 " + side + " " + side +
                      "\" width=\"" + std::to_string((m.width + 2 * kQrQuietZone) * 4) + "\" height=\"" +
                      std::to_string((m.width + 2 * kQrQuietZone) * 4) +
                      "\" role=\"img\" aria-label=\"" + escaped(label) + "\" shape-rendering=\"crispEdges\">";
    svg += "<rect width=\"" + side + "\" height=\"" + side + "\" fill=\"#ffffff\"/><path fill=\"#000000\" d=\"";
    for (int y = 0; y < m.width; ++y) {
        for (int x = 0; x < m.width;) {
            if (!m.at(x, y)) {
                ++x;
                continue;
            }
            int run = 1;  // a run of dark modules in the row: one rectangle
            while (x + run < m.width && m.at(x + run, y)) ++run;
            svg += "M" + std::to_string(x + kQrQuietZone) + " " + std::to_string(y + kQrQuietZone) + "h" +
                   std::to_string(run) + "v1h-" + std::to_string(run) + "z";
            x += run;
        }
    }
    svg += "\"/></svg>";
    return svg;
}

}  // namespace ktk::twofactor
