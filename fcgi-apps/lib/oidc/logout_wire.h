// What the mail worker and ktk-logout-post, the child that makes the
// back-channel logout POSTs, say to each other over a pipe: one line per
// post ("<uri> <token>"), and back one line per post in the same order
// ("delivered", or "failed <code>"). The worker keeps libcurl and the
// thirty libraries it brings out of its own memory this way; a child
// starts for each batch of posts and is gone after it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "oidc/logout_delivery.h"

namespace ktk::oidc {

// True when the post can travel as one line: a URI and a token of visible
// ASCII without spaces (a registered backchannel_logout_uri and a signed
// token always are).
bool fitsOnTheWire(const LogoutPost& post);
// The posts' lines; every post must fit on the wire.
std::string encodePosts(const std::vector<LogoutPost>& posts);
// nullopt for anything but such lines.
std::optional<std::vector<LogoutPost>> decodePosts(std::string_view text);

std::string encodeResults(const std::vector<PostResult>& results);
// nullopt unless there is exactly one well-formed line per post.
std::optional<std::vector<PostResult>> decodeResults(std::string_view text, std::size_t expected);

}  // namespace ktk::oidc
