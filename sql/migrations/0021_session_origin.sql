-- Where each session was started, for the person's own list on the
-- Security tab ("Where you are logged in"): the browser's User-Agent
-- header (printable ASCII, cut at 255 characters; the page shows only a
-- short name made from it) and the client address of the login. NULL
-- for sessions started before this migration. Only columns are added:
-- the triggers of 0019 on this table stay as they are.
ALTER TABLE sessions
    ADD COLUMN user_agent     VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NULL AFTER last_seen_at,
    ADD COLUMN client_address VARCHAR(45) CHARACTER SET ascii COLLATE ascii_bin NULL AFTER user_agent;
