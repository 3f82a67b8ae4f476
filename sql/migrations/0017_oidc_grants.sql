-- What the OpenID Connect provider hands out (lib/oidc/grants.h): the
-- subject each account has towards the services, authorization codes,
-- access and refresh tokens, and the consents people gave. Every code and
-- token is 256 random bits of which only the SHA-256 (hex) is stored.

-- `sub`: stable, opaque and random per account, never its id or address;
-- made the first time the account signs in to a service.
CREATE TABLE oidc_subjects (
    user_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    sub     CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,  -- 128 random bits, base64url
    UNIQUE KEY oidc_subjects_sub (sub),
    CONSTRAINT oidc_subjects_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A code lives 60 s and is used once, by the client it was issued to,
-- with the redirect URI and the PKCE verifier of its request. `family`
-- ties the code to every token issued from it (a second use of the code
-- revokes them all).
CREATE TABLE oidc_codes (
    code_hash      CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    family         CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    client_ref     BIGINT UNSIGNED NOT NULL,
    user_id        BIGINT UNSIGNED NOT NULL,
    sid            CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,  -- the portal session (lib/oidc/grants.h sidOf)
    redirect_uri   VARCHAR(2000) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    scope          VARCHAR(200) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    nonce          VARCHAR(512) NULL,
    code_challenge CHAR(43) CHARACTER SET ascii COLLATE ascii_bin NULL,  -- S256 only
    auth_time      DATETIME NOT NULL,
    created_at     DATETIME NOT NULL,
    expires_at     DATETIME NOT NULL,
    used_at        DATETIME NULL,
    KEY oidc_codes_expiry (expires_at),
    CONSTRAINT oidc_codes_client FOREIGN KEY (client_ref) REFERENCES oidc_clients (id),
    CONSTRAINT oidc_codes_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Access tokens (10 minutes, opaque) and refresh tokens. A refresh token
-- is used once: its use rotates it (rotated_at) for a new one of the same
-- family; a rotated one presented again revokes the whole family.
CREATE TABLE oidc_tokens (
    token_hash  CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    kind        ENUM('access', 'refresh') NOT NULL,
    family      CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    client_ref  BIGINT UNSIGNED NOT NULL,
    user_id     BIGINT UNSIGNED NOT NULL,
    sid         CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    scope       VARCHAR(200) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    auth_time   DATETIME NOT NULL,
    created_at  DATETIME NOT NULL,
    expires_at  DATETIME NOT NULL,
    rotated_at  DATETIME NULL,   -- a refresh token used (and replaced)
    revoked_at  DATETIME NULL,
    KEY oidc_tokens_family (family),
    KEY oidc_tokens_sid (sid),
    KEY oidc_tokens_user (user_id),
    KEY oidc_tokens_expiry (expires_at),
    CONSTRAINT oidc_tokens_client FOREIGN KEY (client_ref) REFERENCES oidc_clients (id),
    CONSTRAINT oidc_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The scopes a person let a client (not a first-party one) have; asked
-- again when a client asks for more. Withdrawn on the Security tab.
CREATE TABLE oidc_consents (
    user_id    BIGINT UNSIGNED NOT NULL,
    client_ref BIGINT UNSIGNED NOT NULL,
    scope      VARCHAR(200) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,  -- space-separated, sorted
    granted_at DATETIME NOT NULL,
    PRIMARY KEY (user_id, client_ref),
    CONSTRAINT oidc_consents_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT oidc_consents_client FOREIGN KEY (client_ref) REFERENCES oidc_clients (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
