-- The home page's list of a municipality's newest applications is kept in
-- each login process's memory (lib/applications/home_cache.h) with the
-- municipality's applications_version it was read at; the session lookup
-- reads the counter with the municipality, and the kept list serves while
-- the two agree. Every change of the municipality's applications counts
-- it up, in the changing transaction, and so does every change of the
-- programme types whose names the list shows (rare: `ktk-admin programme`).
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
