// RP-Initiated Logout 1.0: who asks to end the person's session, and
// where the browser goes afterwards.
//
// The relying party names itself by a verified `id_token_hint` (its `aud`)
// or by `client_id`; only then may `post_logout_redirect_uri` be used, and
// only when it is exactly the one registered for that client (§3: the OP
// MUST NOT redirect anywhere else). A hint that does not verify names no
// one; the person is then asked before the session ends, and ends on our
// own page. An expired hint still names its client (§2: the RP may ask
// long after its ID token expired).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "oidc/client_store.h"
#include "util/json.h"

namespace ktk::oidc {

struct LogoutRequest {
    std::optional<Client> client;  // the enabled client that asks, if it named itself
    std::string redirectUri;       // its registered post-logout URI; empty: our logged-out page
    std::string state;             // passed back with the redirect
    std::string hintSubject;       // `sub` of a verified hint; empty: no such hint
};

// `param` gives a request parameter ("" when absent); `verifiedClaims`
// gives the claims of an ID token of ours whose signature verifies
// (nullopt otherwise); `findClient` looks a client_id up.
LogoutRequest readLogout(const std::function<std::string(std::string_view)>& param,
                         const std::function<std::optional<util::Json>(std::string_view)>& verifiedClaims,
                         const std::function<std::optional<Client>(std::string_view)>& findClient);

}  // namespace ktk::oidc
