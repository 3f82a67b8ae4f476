-- Sessions, the per-account login throttle and the append-only audit log.
-- All times are UTC, written by the applications' clock.

-- A logged-in browser. Only the SHA-256 of the cookie's id is stored, so a
-- copy of this table cannot be replayed as cookies.
CREATE TABLE sessions (
    id_hash      CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,  -- sha256 hex of the cookie value
    user_id      BIGINT UNSIGNED NOT NULL,
    created_at   DATETIME NOT NULL,     -- absolute timeout counts from here
    last_seen_at DATETIME NOT NULL,     -- idle timeout counts from here (refreshed at most once a minute)
    KEY sessions_user (user_id),
    KEY sessions_last_seen (last_seen_at),
    CONSTRAINT sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Failed logins per existing account (keyed by user, so failures against
-- an address nobody registered leave nothing behind that could block its
-- registration). No row: no recent failures.
CREATE TABLE login_throttle (
    user_id         BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    failures        INT UNSIGNED NOT NULL,     -- consecutive, since the last success or 12 h of quiet
    last_failure_at DATETIME NOT NULL,
    locked_until    DATETIME NULL,             -- no password is checked before this time
    CONSTRAINT login_throttle_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who did what to whom, when and from where. Rows are only ever inserted:
-- the triggers below refuse UPDATE and DELETE. No foreign keys, so the
-- record outlives whatever it names.
CREATE TABLE audit_log (
    id                     BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    created_at             DATETIME NOT NULL,
    actor_user_id          BIGINT UNSIGNED NULL,              -- the acting account, when there is one
    actor_label            VARCHAR(100) NOT NULL,             -- 'user:12', 'cli:root', 'anonymous'
    client_address         VARCHAR(45) CHARACTER SET ascii COLLATE ascii_bin NULL,  -- IPv4 or IPv6 text
    action                 VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,  -- e.g. 'login.success'
    target_user_id         BIGINT UNSIGNED NULL,
    target_municipality_id BIGINT UNSIGNED NULL,
    before_value           TEXT NULL,                         -- JSON object
    after_value            TEXT NULL,                         -- JSON object
    KEY audit_log_created (created_at),
    KEY audit_log_target_user (target_user_id, created_at),
    KEY audit_log_actor_user (actor_user_id, created_at),
    KEY audit_log_target_municipality (target_municipality_id, created_at),
    CONSTRAINT audit_log_before_json CHECK (before_value IS NULL OR JSON_VALID(before_value)),
    CONSTRAINT audit_log_after_json CHECK (after_value IS NULL OR JSON_VALID(after_value))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One line each: the migration runner splits statements at a ';' that ends a line.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only';
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only';
