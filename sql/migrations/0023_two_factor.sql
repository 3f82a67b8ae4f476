-- The second factor (README, "Second factor"): a TOTP authenticator
-- (RFC 6238) per account, and its ten single-use recovery codes.
--
-- The secret is kept encrypted (XChaCha20-Poly1305, lib/crypto/seal.h)
-- under a key derived from one of the config's secrets, named by kek_id,
-- with the user id as associated data, so a sealed secret copied to
-- another account's row does not open. A row with confirmed_at NULL is an
-- enrolment begun and not yet confirmed by a first code: it does not ask
-- for a code at login. last_step is the newest 30-second step whose code
-- was accepted, so that no code is accepted twice.
CREATE TABLE user_totp (
    user_id       BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    secret_sealed VARCHAR(200) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,  -- base64url: nonce, ciphertext
    kek_id        CHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    created_at    DATETIME NOT NULL,
    confirmed_at  DATETIME NULL,
    last_step     BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT user_totp_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Recovery codes, stored as lib/twofactor/recovery.h recoveryCodeHash
-- (SHA-256 of the account and the code), never the code. A used code
-- keeps its row with used_at set, so the person can be told how many
-- remain. A new enrolment replaces all of an account's codes.
CREATE TABLE user_recovery_codes (
    user_id   BIGINT UNSIGNED NOT NULL,
    code_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    used_at   DATETIME NULL,
    PRIMARY KEY (user_id, code_hash),
    CONSTRAINT user_recovery_codes_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
