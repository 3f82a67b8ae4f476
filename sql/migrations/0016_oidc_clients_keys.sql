-- The OpenID Connect provider (lib/oidc): its clients, the sibling
-- services that log people in through the portal, and its signing keys.

-- A client, made with `ktk-admin client add`. client_id is public and
-- random; a confidential client's secret (256 random bits) is kept only
-- as its SHA-256, compared in constant time (a secret of that strength
-- needs no slow hash, and the token endpoint hashes one per request).
-- A public client has none and must use PKCE.
CREATE TABLE oidc_clients (
    id                       BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    client_id                VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    name                     VARCHAR(200) NOT NULL,
    secret_hash              CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,  -- SHA-256 hex; NULL: a public client
    first_party              BOOLEAN NOT NULL DEFAULT FALSE,  -- a sibling service of the ministry: no consent page
    id_token_alg             ENUM('RS256', 'ES256') NOT NULL DEFAULT 'RS256',
    post_logout_redirect_uri VARCHAR(2000) CHARACTER SET ascii COLLATE ascii_bin NULL,
    backchannel_logout_uri   VARCHAR(2000) CHARACTER SET ascii COLLATE ascii_bin NULL,
    created_at               DATETIME NOT NULL,
    secret_rotated_at        DATETIME NULL,
    disabled_at              DATETIME NULL,
    UNIQUE KEY oidc_clients_client_id (client_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A client's redirect URIs, matched exactly (no wildcards), in the order given.
CREATE TABLE oidc_redirect_uris (
    client_ref BIGINT UNSIGNED NOT NULL,
    position   SMALLINT UNSIGNED NOT NULL,
    uri        VARCHAR(2000) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    PRIMARY KEY (client_ref, position),
    CONSTRAINT oidc_redirect_uris_client FOREIGN KEY (client_ref) REFERENCES oidc_clients (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The signing keys: one RS256 and one ES256 key current at a time (the
-- newest of each alg that is not superseded). `ktk-admin oidc key rotate`
-- adds a new pair and marks the old one superseded; a superseded key is
-- still published in the JWKS until every token it signed has expired,
-- then retired. The private key is kept encrypted (XChaCha20-Poly1305,
-- the kid as associated data) under a key derived from one of the
-- config's secrets, named by kek_id.
CREATE TABLE oidc_keys (
    kid            VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    alg            ENUM('RS256', 'ES256') NOT NULL,
    public_pem     TEXT CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    private_sealed TEXT CHARACTER SET ascii COLLATE ascii_bin NOT NULL,  -- base64url: nonce, ciphertext
    kek_id         CHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    created_at     DATETIME NOT NULL,
    superseded_at  DATETIME NULL,   -- a newer key of its alg signs from then on
    retired_at     DATETIME NULL,   -- no longer published
    KEY oidc_keys_current (alg, superseded_at, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
