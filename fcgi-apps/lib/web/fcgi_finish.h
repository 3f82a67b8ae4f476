// The end of a FastCGI request: its answer flushed and, unless the web
// server keeps the connection, the connection closed.
#pragma once

#include <fcgiapp.h>

namespace ktk::web {

// FCGX_Finish_r, closing at once when that is safe. libfcgi closes by
// shutting down its sending side and then waiting (up to two seconds) until
// the web server has closed its own, reading and dropping what still comes:
// closing a socket with unread input resets the connection, and the web
// server could lose the answer. After a request read to its end (the body to
// its announced length, `bodyReadInFull`, then the end of the input stream)
// with nothing more on the socket, nothing is left to arrive or to reset the
// connection, so it is closed without the wait; the process takes its next
// request at once instead of sleeping until the web server gets round to
// closing (README "Performance": GET /home went from 10,900 to 19,500
// requests a second on two processes). Anything else is closed as libfcgi
// does.
void finishRequest(FCGX_Request& raw, bool bodyReadInFull);

}  // namespace ktk::web
