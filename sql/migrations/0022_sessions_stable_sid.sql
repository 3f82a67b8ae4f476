-- A session's `sid` (the one the services get in ID tokens and logout
-- tokens) is fixed when the session starts and kept when the session is
-- renewed with a new id (after a password change): a service looks its
-- own session up by the sid of the ID token it got, so a logout token
-- must carry that one. It is still SHA-256("ktk oidc sid:" + the first
-- id_hash), cut to 32 hex characters (lib/oidc/grants.cpp sidOf), now
-- kept on the row instead of computed from the current id_hash; the
-- tokens no longer move on a renewal.
ALTER TABLE sessions ADD COLUMN sid CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '';
UPDATE sessions SET sid = LEFT(SHA2(CONCAT('ktk oidc sid:', id_hash), 256), 32);
CREATE TRIGGER sessions_start_sid BEFORE INSERT ON sessions FOR EACH ROW
    SET NEW.sid = LEFT(SHA2(CONCAT('ktk oidc sid:', NEW.id_hash), 256), 32);
DROP TRIGGER sessions_renew_oidc_tokens;

-- The triggers of 0019 and 0020 read the kept sid.
DROP TRIGGER sessions_end_oidc_logout;
DROP TRIGGER sessions_end_oidc_tokens;
CREATE TRIGGER sessions_end_oidc_tokens AFTER DELETE ON sessions FOR EACH ROW
    UPDATE oidc_tokens SET revoked_at = UTC_TIMESTAMP()
    WHERE sid = OLD.sid AND revoked_at IS NULL;
CREATE TRIGGER sessions_end_oidc_logout AFTER DELETE ON sessions FOR EACH ROW PRECEDES sessions_end_oidc_tokens
    INSERT INTO oidc_logout_queue (client_ref, user_id, sid, created_at, due_at)
    SELECT c.id, OLD.user_id, OLD.sid, UTC_TIMESTAMP(), UTC_TIMESTAMP()
    FROM oidc_clients c
    WHERE c.backchannel_logout_uri IS NOT NULL AND c.disabled_at IS NULL
      AND EXISTS (SELECT 1 FROM oidc_tokens t WHERE t.client_ref = c.id AND t.sid = OLD.sid);
