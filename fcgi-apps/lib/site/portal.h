// The portal's map as the shared web layer needs it (web/site.h): where
// people log in and out, each role's start page, the user bar's links.
// Every program of the portal serves with it, so these paths are written
// once; the routes themselves are each program's (its main.cpp).
#pragma once

#include "web/site.h"

namespace ktk::site {

web::Site portal();

}  // namespace ktk::site
