-- Links of the forgotten-password mails. Only the token's SHA-256 is kept.
-- A link is valid for one hour and once: used_at is set when it resets the
-- password, and on every other outstanding link of the account whenever
-- the password changes by any route (reset, Security tab, ktk-admin).
-- All times are UTC, written by the applications' clock.
CREATE TABLE password_resets (
    id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id    BIGINT UNSIGNED NOT NULL,
    token_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,  -- sha256 hex of the token in the link
    created_at DATETIME NOT NULL,
    expires_at DATETIME NOT NULL,
    used_at    DATETIME NULL,                                            -- used, or void after a password change
    UNIQUE KEY password_resets_token (token_hash),
    KEY password_resets_user (user_id, used_at),
    CONSTRAINT password_resets_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
