-- The daily cap on mails to one account, the purge of registrations that
-- were never confirmed, and forgotten-password requests handed to the mail
-- worker. All times are UTC, written by the applications' clock.

-- Each mail a flow sent to an account for a purpose in the last 24 hours
-- (older rows are deleted as new ones come), so that at most five of a
-- kind go out a day on top of mail_throttle's one a minute. mail_throttle's
-- row for the same account and purpose is locked first, so parallel
-- requests count one after the other.
CREATE TABLE mail_throttle_log (
    id      BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id BIGINT UNSIGNED NOT NULL,
    purpose VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    sent_at DATETIME NOT NULL,
    KEY mail_throttle_log_window (user_id, purpose, sent_at),
    CONSTRAINT mail_throttle_log_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The purge finds pending registrations by age.
CREATE INDEX users_pending ON users (confirmed_at, created_at);

-- Forgotten-password requests waiting for the mail worker. The web request
-- only stores the typed address (validated, lowercased), so it does the
-- same work whether or not the address has an account; the worker looks
-- the account up, applies the mail limits, makes the link, queues the mail
-- and deletes the request.
CREATE TABLE password_reset_requests (
    id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    email_key      VARCHAR(254) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,  -- lowercased, as users.email_key
    client_address VARCHAR(45) CHARACTER SET ascii COLLATE ascii_bin NULL,       -- for the audit row
    requested_at   DATETIME NOT NULL                                             -- the limits and the link count from here
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
