#include "web/fcgi_finish.h"

#include <poll.h>

#include <cstdio>

namespace ktk::web {

namespace {
// The request's input is read to its end and no byte waits on the socket.
// The end-of-input record comes right after the body (for a request without
// one, with the parameters), so taking it does not wait on a web server.
bool nothingLeftToRead(FCGX_Request& raw) {
    if (FCGX_GetChar(raw.in) != EOF || FCGX_GetError(raw.in) != 0) return false;
    pollfd socket{raw.ipcFd, POLLIN, 0};
    return ::poll(&socket, 1, 0) == 0;
}
}  // namespace

void finishRequest(FCGX_Request& raw, bool bodyReadInFull) {
    // A kept connection stays open for the next request; a request not read
    // to its end keeps libfcgi's careful close.
    if (!raw.keepConnection && raw.ipcFd >= 0 && bodyReadInFull && nothingLeftToRead(raw))
        FCGX_Detach(&raw);  // libfcgi then closes without shutdown and wait
    FCGX_Finish_r(&raw);
}

}  // namespace ktk::web
