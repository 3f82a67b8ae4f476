-- Stamps for what the programs keep in memory (util/stamped_cache.h):
-- counters that the transaction changing a kept row counts up, read again
-- by the next request in place of the row. All kept correct by triggers,
-- so no write path can forget them. One rule follows for every statement:
-- one that writes a table below cannot also read a table its trigger
-- writes (MariaDB error 1442; e.g. INSERT INTO applications … SELECT …
-- FROM municipalities): read such ids in a statement of their own.

-- A municipality's newest applications, which /home shows
-- (applications/home_cache.h): every change of its applications counts
-- its applications_version up, and so does every change of the programme
-- types whose names the list shows (rare: `ktk-admin programme`).
ALTER TABLE municipalities ADD COLUMN applications_version BIGINT UNSIGNED NOT NULL DEFAULT 0;
CREATE TRIGGER applications_count_insert AFTER INSERT ON applications FOR EACH ROW
    UPDATE municipalities SET applications_version = applications_version + 1 WHERE id = NEW.municipality_id;
CREATE TRIGGER applications_count_update AFTER UPDATE ON applications FOR EACH ROW
    UPDATE municipalities SET applications_version = applications_version + 1
    WHERE id IN (OLD.municipality_id, NEW.municipality_id);
CREATE TRIGGER applications_count_delete AFTER DELETE ON applications FOR EACH ROW
    UPDATE municipalities SET applications_version = applications_version + 1 WHERE id = OLD.municipality_id;
CREATE TRIGGER programme_types_count_insert AFTER INSERT ON programme_types FOR EACH ROW
    UPDATE municipalities SET applications_version = applications_version + 1;
CREATE TRIGGER programme_types_count_update AFTER UPDATE ON programme_types FOR EACH ROW
    UPDATE municipalities SET applications_version = applications_version + 1;
CREATE TRIGGER programme_types_count_delete AFTER DELETE ON programme_types FOR EACH ROW
    UPDATE municipalities SET applications_version = applications_version + 1;

-- The account a session belongs to, as every logged-in page reads it
-- (repo::loadSession: the user, the municipality, a clerk's office, the
-- second factor):
-- each session row's account_stamp counts up with every change of a
-- column that lookup reads, so a page reads the session row alone while
-- the account kept in the process has the stamp the row has.
ALTER TABLE sessions ADD COLUMN account_stamp BIGINT UNSIGNED NOT NULL DEFAULT 0;
CREATE TRIGGER users_stamp_sessions AFTER UPDATE ON users FOR EACH ROW
    UPDATE sessions SET account_stamp = account_stamp + 1
    WHERE user_id = NEW.id
      AND NOT (NEW.email <=> OLD.email AND NEW.last_name <=> OLD.last_name AND NEW.first_name <=> OLD.first_name
               AND NEW.language <=> OLD.language AND NEW.role <=> OLD.role
               AND NEW.municipality_id <=> OLD.municipality_id AND NEW.office_id <=> OLD.office_id
               AND NEW.disabled_at <=> OLD.disabled_at);
CREATE TRIGGER municipalities_stamp_sessions AFTER UPDATE ON municipalities FOR EACH ROW
    UPDATE sessions s JOIN users u ON u.id = s.user_id SET s.account_stamp = s.account_stamp + 1
    WHERE u.municipality_id = NEW.id
      AND NOT (NEW.name <=> OLD.name AND NEW.tax_number <=> OLD.tax_number AND NEW.office_id <=> OLD.office_id
               AND NEW.applications_version <=> OLD.applications_version);
CREATE TRIGGER user_totp_stamp_insert AFTER INSERT ON user_totp FOR EACH ROW
    UPDATE sessions SET account_stamp = account_stamp + 1 WHERE user_id = NEW.user_id;
CREATE TRIGGER user_totp_stamp_update AFTER UPDATE ON user_totp FOR EACH ROW
    UPDATE sessions SET account_stamp = account_stamp + 1
    WHERE user_id IN (OLD.user_id, NEW.user_id) AND NOT (NEW.confirmed_at <=> OLD.confirmed_at AND NEW.user_id = OLD.user_id);
CREATE TRIGGER user_totp_stamp_delete AFTER DELETE ON user_totp FOR EACH ROW
    UPDATE sessions SET account_stamp = account_stamp + 1 WHERE user_id = OLD.user_id;

-- A district office's applications (the clerks' inbox, kept by ktk-admin-web
-- per filter and page): every change of one of its municipalities'
-- applications counters, names or tax numbers, or a municipality moving
-- between offices, counts the office's applications_version up; the
-- clerks' session lookup reads it with the office's name, and a change of
-- either moves the stamps of the office's clerks' sessions.
ALTER TABLE district_offices ADD COLUMN applications_version BIGINT UNSIGNED NOT NULL DEFAULT 0;
CREATE TRIGGER municipalities_count_office AFTER UPDATE ON municipalities FOR EACH ROW
    FOLLOWS municipalities_stamp_sessions
    UPDATE district_offices SET applications_version = applications_version + 1
    WHERE id IN (OLD.office_id, NEW.office_id)
      AND NOT (NEW.applications_version <=> OLD.applications_version AND NEW.name <=> OLD.name
               AND NEW.tax_number <=> OLD.tax_number AND NEW.office_id <=> OLD.office_id);
CREATE TRIGGER district_offices_stamp_sessions AFTER UPDATE ON district_offices FOR EACH ROW
    UPDATE sessions s JOIN users u ON u.id = s.user_id SET s.account_stamp = s.account_stamp + 1
    WHERE u.office_id = NEW.id
      AND NOT (NEW.name <=> OLD.name AND NEW.applications_version <=> OLD.applications_version);
