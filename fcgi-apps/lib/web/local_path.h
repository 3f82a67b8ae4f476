// The one check for a redirect target or link that comes from a request
// (the language switch's `return`, the page's own path in its language
// links): it stays on this site, and nothing in it can be read by a
// browser, or by anything on the way that decodes once more, as a way to
// another host. Response::redirect applies it to every Location.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ktk::web {

constexpr std::size_t kMaxLocalPathBytes = 2000;

// `target` as it is when it is a local path (an absolute path with an
// optional query and fragment); nullopt otherwise. Refused:
// - empty, longer than kMaxLocalPathBytes, or not starting with '/';
// - "//" or "/\" at the start: another host, for a browser;
// - any byte outside printable ASCII: control characters (browsers drop
//   TAB, CR and LF, so "/<TAB>/host" would read as "//host"), space, DEL,
//   and every non-ASCII byte (C1 controls, bidi marks, U+2028; a URL we
//   build is percent-encoded);
// - a backslash anywhere (browsers read it as '/');
// - a '%' that does not start a two-digit hex escape, and escapes that
//   decode to any of the above: a control character (C0, DEL, or a C1
//   control or U+2028/U+2029 in UTF-8), a backslash, or "//" at the start.
std::optional<std::string> localPath(std::string_view target);

}  // namespace ktk::web
