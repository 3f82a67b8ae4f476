#include "web/fcgi_input.h"

#include <algorithm>
#include <climits>

namespace ktk::web {

std::size_t FcgiInput::read(char* data, std::size_t length) {
    std::size_t want = std::min({length, remaining_, static_cast<std::size_t>(INT_MAX)});
    std::size_t got = 0;
    while (got < want) {
        int n = FCGX_GetStr(data + got, static_cast<int>(want - got), request_.in);
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    remaining_ -= got;
    bodyRead_ += got;
    return got;
}

std::string FcgiInput::getenv(const char* name) {
    const char* v = FCGX_GetParam(name, request_.envp);
    return v ? v : "";
}

}  // namespace ktk::web
