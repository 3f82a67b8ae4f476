-- When a portal session ends, the tokens the services got from it end
-- too (OpenID Connect: the session is what the services' sign-ins rest
-- on). Every way a session ends deletes its row: logout, a password
-- change or reset (the other sessions), unlink, disable, the idle and
-- absolute timeouts. A trigger sees them all, whichever code path deletes
-- the row. The services' `sid` is the first 32 hex characters of
-- SHA-256("ktk oidc sid:" + sessions.id_hash) (lib/oidc/grants.cpp sidOf).
CREATE TRIGGER sessions_end_oidc_tokens AFTER DELETE ON sessions FOR EACH ROW
    UPDATE oidc_tokens SET revoked_at = UTC_TIMESTAMP()
    WHERE sid = LEFT(SHA2(CONCAT('ktk oidc sid:', OLD.id_hash), 256), 32) AND revoked_at IS NULL;

-- A session that gets a new id (after a password change, the session
-- that made it) goes on: its tokens follow it to the new sid.
CREATE TRIGGER sessions_renew_oidc_tokens AFTER UPDATE ON sessions FOR EACH ROW
    UPDATE oidc_tokens SET sid = LEFT(SHA2(CONCAT('ktk oidc sid:', NEW.id_hash), 256), 32)
    WHERE OLD.id_hash <> NEW.id_hash AND sid = LEFT(SHA2(CONCAT('ktk oidc sid:', OLD.id_hash), 256), 32);
