// One request, everything but the socket. In order: route by path; refuse
// a body over the handler's cap before reading a byte of it (413); look
// the session up when its cookie is present; refuse a method the handler
// does not take (405); for POST, read the form through cgicc and check its
// CSRF token (403), bound to the session when there is one; let only whom
// the route admits through (web/handler.h Access); call the handler; add
// the cookies. Infrastructure failures become the generic 500 / 503 pages
// carrying an incident id that is also in the log; exception text never
// leaves here.
#pragma once

#include "web/app.h"
#include "web/request.h"
#include "web/response.h"

namespace ktk::web {

Response handle(const Services& services, const Routes& routes, Request& request);

}  // namespace ktk::web
