-- The offices an audit row belongs to, stamped when it is written, so that
-- which clerks may read it never depends on today's links:
--   actor_office_id   the acting clerk's office (NULL: not a clerk's act)
--   subject_office_id the office of the municipality the row is about, or
--                     else of the account it is about (a contact's
--                     municipality's office, a clerk's own office), as it
--                     was at that moment (NULL: nobody's, e.g. an unlinked
--                     contact's login)
-- A clerk reads the rows where either is their office. Rows older than
-- this migration get the offices of the links as they stood when it ran.
ALTER TABLE audit_log
    ADD COLUMN actor_office_id BIGINT UNSIGNED NULL AFTER actor_label,
    ADD COLUMN subject_office_id BIGINT UNSIGNED NULL AFTER target_municipality_id,
    ADD KEY audit_log_actor_office (actor_office_id, id),
    ADD KEY audit_log_subject_office (subject_office_id, id);

-- The table is append-only; the back-fill lifts the guard for its one update.
DROP TRIGGER audit_log_no_update;
UPDATE audit_log a SET actor_office_id = (SELECT u.office_id FROM users u WHERE u.id = a.actor_user_id AND u.role = 'clerk'), subject_office_id = COALESCE((SELECT m.office_id FROM municipalities m WHERE m.id = a.target_municipality_id), (SELECT COALESCE(m.office_id, u.office_id) FROM users u LEFT JOIN municipalities m ON m.id = u.municipality_id WHERE u.id = a.target_user_id));
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only';
