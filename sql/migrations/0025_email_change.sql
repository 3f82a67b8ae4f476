-- Changing an account's e-mail address (README, "Changing the e-mail
-- address"). A request keeps both addresses; nothing in users changes
-- until the link mailed to the new address is used. Only the SHA-256 of
-- each token is kept: confirm_hash for the link to the new address (valid
-- 24 hours, once), cancel_hash for the link in the notice to the old
-- address and revert_hash for the one in the mail sent to it after the
-- change; either cancels a change still pending, and switches a confirmed
-- one back within 72 hours of its confirmation (cancel_until).
-- requested_by is the account that asked: the owner, or a clerk who
-- started it for a contact. All times are UTC, written by the
-- applications' clock.
CREATE TABLE email_changes (
    id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id       BIGINT UNSIGNED NOT NULL,
    requested_by  BIGINT UNSIGNED NULL,
    old_email     VARCHAR(254) NOT NULL,
    old_email_key VARCHAR(254) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    new_email     VARCHAR(254) NOT NULL,
    new_email_key VARCHAR(254) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    confirm_hash  CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    cancel_hash   CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    revert_hash   CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
    created_at    DATETIME NOT NULL,
    expires_at    DATETIME NOT NULL,  -- the confirmation link's end
    confirmed_at  DATETIME NULL,      -- the address changed
    cancel_until  DATETIME NOT NULL,  -- the cancel links' end (expires_at, then confirmed_at + 72 h)
    cancelled_at  DATETIME NULL,      -- cancelled, switched back, or void (a newer request, a newer change)
    UNIQUE KEY email_changes_confirm (confirm_hash),
    UNIQUE KEY email_changes_cancel (cancel_hash),
    UNIQUE KEY email_changes_revert (revert_hash),
    KEY email_changes_user (user_id, cancelled_at),
    CONSTRAINT email_changes_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT email_changes_requested_by FOREIGN KEY (requested_by) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Device cookies (README, "Device cookies") issued at or before this time
-- no longer count for the account: set when its address changes or is
-- switched back.
ALTER TABLE users ADD COLUMN devices_revoked_at DATETIME NULL;
