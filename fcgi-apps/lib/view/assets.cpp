#include "view/assets.h"

#include <fstream>
#include <sstream>

#include "crypto/random.h"
#include "util/log.h"

namespace ktk::view {

const std::string& assetVersion(const std::string& staticDir) {
    static const std::string version = [&] {
        std::string all;
        for (const char* name : {"/ktk.css", "/ktk.js"}) {
            std::ifstream in(staticDir + name, std::ios::binary);
            if (!in) {
                util::logWarn("static file " + staticDir + name + " unreadable; pages link it without a version");
                return std::string("0");
            }
            std::stringstream ss;
            ss << in.rdbuf();
            all += ss.str();
        }
        return crypto::sha256Hex(all).substr(0, 12);
    }();
    return version;
}

}  // namespace ktk::view
