-- Registration: captchas, e-mail confirmation links, and the per-account
-- limit on how often a flow may mail the same person.
-- All times are UTC, written by the applications' clock.

-- One row per captcha shown. The answer is derived from the id with the
-- HMAC secret, so /captcha can draw it without reading this table; only
-- hashes are kept. used_at is set by the first check, right or wrong.
CREATE TABLE captchas (
    id_hash     CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,  -- sha256 of the id in the form
    answer_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    created_at  DATETIME NOT NULL,
    expires_at  DATETIME NOT NULL,
    used_at     DATETIME NULL,
    KEY captchas_expires (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Links of the "Regisztráció megerősítése" mails; only the token's hash is kept.
CREATE TABLE email_confirmations (
    id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id    BIGINT UNSIGNED NOT NULL,
    token_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    created_at DATETIME NOT NULL,
    expires_at DATETIME NOT NULL,
    used_at    DATETIME NULL,
    UNIQUE KEY email_confirmations_token (token_hash),
    KEY email_confirmations_user (user_id),
    CONSTRAINT email_confirmations_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- When a flow last mailed an account for a purpose ('confirm': confirmation
-- links, 'registration_notice': "someone registered with your address"),
-- so that nobody can make the portal flood a mailbox.
CREATE TABLE mail_throttle (
    user_id BIGINT UNSIGNED NOT NULL,
    purpose VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    sent_at DATETIME NOT NULL,
    PRIMARY KEY (user_id, purpose),
    CONSTRAINT mail_throttle_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
