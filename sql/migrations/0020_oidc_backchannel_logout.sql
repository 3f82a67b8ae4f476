-- OpenID Connect Back-Channel Logout 1.0: when a portal session ends,
-- each service that signed in from it and registered a back-channel
-- logout URI is told so with a signed logout token, POSTed to that URI
-- by the mail worker (lib/oidc/backchannel.h), never from a request.
-- Rows wait here until the service answered 200 or 204, or until a day
-- of retries has passed.
CREATE TABLE oidc_logout_queue (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    client_ref  BIGINT UNSIGNED NOT NULL,
    user_id     BIGINT UNSIGNED NOT NULL,  -- its `sub` is looked up when the token is made
    sid         CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,  -- the ended session's (grants.h sidOf)
    created_at  DATETIME NOT NULL,
    due_at      DATETIME NOT NULL,        -- the next attempt; while leased, the lease's end
    attempts    INT UNSIGNED NOT NULL DEFAULT 0,
    lease_token CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NULL,  -- NULL: waiting
    last_error  VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,  -- a short code: http_500, timeout, …
    KEY oidc_logout_queue_due (due_at),
    CONSTRAINT oidc_logout_queue_client FOREIGN KEY (client_ref) REFERENCES oidc_clients (id),
    CONSTRAINT oidc_logout_queue_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Whichever code path deletes a session row (logout, a password change or
-- reset ending the other sessions, unlink, disable, the timeouts), one
-- row per enabled client with a back-channel URI that holds any token of
-- that session: expired and used ones count, the service's own session
-- outlives its access token. Runs before 0019's trigger revokes those
-- tokens (PRECEDES), though it reads them whatever their state. A session
-- renewed with a new id (the UPDATE trigger) queues nothing.
CREATE TRIGGER sessions_end_oidc_logout AFTER DELETE ON sessions FOR EACH ROW PRECEDES sessions_end_oidc_tokens
    INSERT INTO oidc_logout_queue (client_ref, user_id, sid, created_at, due_at)
    SELECT c.id, OLD.user_id, LEFT(SHA2(CONCAT('ktk oidc sid:', OLD.id_hash), 256), 32), UTC_TIMESTAMP(), UTC_TIMESTAMP()
    FROM oidc_clients c
    WHERE c.backchannel_logout_uri IS NOT NULL AND c.disabled_at IS NULL
      AND EXISTS (SELECT 1 FROM oidc_tokens t
                  WHERE t.client_ref = c.id AND t.sid = LEFT(SHA2(CONCAT('ktk oidc sid:', OLD.id_hash), 256), 32));
