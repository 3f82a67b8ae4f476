-- Authorization requests waiting for the person (lib/oidc/authorize.h):
-- a request that needs a login or a consent first is kept here, and the
-- browser carries only a random handle (its SHA-256 is stored) through
-- /login or the consent page back to /oauth2/authorize?continue=…. Kept
-- ten minutes; used once.
CREATE TABLE oidc_requests (
    handle_hash    CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    client_ref     BIGINT UNSIGNED NOT NULL,
    redirect_uri   VARCHAR(2000) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    scope          VARCHAR(200) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    state          VARCHAR(1024) NULL,
    nonce          VARCHAR(512) NULL,
    code_challenge CHAR(43) CHARACTER SET ascii COLLATE ascii_bin NULL,
    prompt         VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
    max_age        INT UNSIGNED NULL,
    login_hint     VARCHAR(320) NULL,
    -- A login that counts must have happened at or after this time
    -- (prompt=login, max_age); NULL: any live session will do.
    login_after    DATETIME NULL,
    created_at     DATETIME NOT NULL,
    expires_at     DATETIME NOT NULL,
    used_at        DATETIME NULL,
    KEY oidc_requests_expiry (expires_at),
    CONSTRAINT oidc_requests_client FOREIGN KEY (client_ref) REFERENCES oidc_clients (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
