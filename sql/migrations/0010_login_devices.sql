-- Device cookies (README, "Device cookies"): a browser that once logged in
-- to an account holds a signed cookie naming it, and is not held back by
-- a lock that others caused. The cookie itself is stateless; a row exists
-- only for a device cookie that was presented with a wrong password: its
-- own failures, counted apart from the account's, and whether they
-- revoked it. Keyed by the SHA-256 of the cookie's random part.
CREATE TABLE login_devices (
    nonce_hash      CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    user_id         BIGINT UNSIGNED NOT NULL,
    failures        INT UNSIGNED NOT NULL,     -- wrong passwords sent with this cookie
    last_failure_at DATETIME NOT NULL,
    revoked_at      DATETIME NULL,             -- set at the 10th failure: the cookie counts no more
    KEY login_devices_user (user_id),
    KEY login_devices_last_failure (last_failure_at),
    CONSTRAINT login_devices_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
