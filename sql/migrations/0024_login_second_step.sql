-- The second step of a login (README, "Second factor"): after a correct
-- password, an account with a confirmed authenticator gets no session
-- yet but one of these rows, and the browser a short-lived cookie with a
-- random value whose SHA-256 is id_hash. The row remembers what the
-- password step decided and what the session start needs: whether the
-- attempt came with a valid device cookie (device_hash: that cookie's
-- nonce hash, NULL on the untrusted path), the session the login
-- replaces, the browser and the address. It is used once (deleted when
-- the login completes) and lives five minutes (expires_at).
CREATE TABLE login_second_steps (
    id_hash        CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    user_id        BIGINT UNSIGNED NOT NULL,
    created_at     DATETIME NOT NULL,
    expires_at     DATETIME NOT NULL,
    device_hash    CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
    replaced_hash  CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
    password_check CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,  -- sha256 hex of the password hash checked: a change since voids the step
    user_agent     VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
    client_address VARCHAR(45) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
    KEY login_second_steps_user (user_id),
    KEY login_second_steps_expires (expires_at),
    CONSTRAINT login_second_steps_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
