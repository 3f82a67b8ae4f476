// Cache-busting for the stylesheet and the script. Pages link them as
// /static/ktk.css?v=<version>, where the version is a short hash of both
// files' contents, read once per process. nginx lets a browser keep a
// versioned URL for a year (a new deployment changes the version, so the
// browser asks for the new file) and an unversioned one for an hour.
#pragma once

#include <string>

namespace ktk::view {

// The first 12 hex digits of SHA-256(ktk.css + ktk.js) in `staticDir`;
// "0" when they cannot be read (then the pages still work, uncached by
// version). Computed on the first call and kept for the process's life.
const std::string& assetVersion(const std::string& staticDir);

}  // namespace ktk::view
