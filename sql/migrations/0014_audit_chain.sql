-- The audit log's hash chains, one per office and one for rows of no
-- office (domain/audit_chain.h has the rule, repo/audit_chain.h the
-- writing and the walk). A row's hash covers its own id, so it is kept
-- beside the row, written in the row's own transaction just before COMMIT:
-- audit_log itself takes no UPDATE, and stays as it was.

-- A row's place in its chain. Append-only like audit_log (triggers below;
-- the runtime role gets SELECT and INSERT only).
CREATE TABLE audit_chain (
    audit_id  BIGINT UNSIGNED NOT NULL PRIMARY KEY,  -- audit_log.id (no foreign key: both only grow)
    chain_key BIGINT UNSIGNED NOT NULL,              -- the office's id; 0: no office
    seq       BIGINT UNSIGNED NOT NULL,              -- 1, 2, … within the chain, in commit order
    row_hash  CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,  -- SHA-256 hex over the row, chain, seq and the previous row_hash
    UNIQUE KEY audit_chain_position (chain_key, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Each chain's last row. A transaction locks its chains' heads (FOR
-- UPDATE, in chain order) only as its last step before COMMIT, so rows of
-- one chain are chained one transaction at a time and other chains never
-- wait. No DELETE for the runtime role.
CREATE TABLE audit_chain_heads (
    chain_key BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    last_seq  BIGINT UNSIGNED NOT NULL,   -- the chain's length
    last_id   BIGINT UNSIGNED NOT NULL,   -- audit_log.id of its last row
    last_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Where the chains begin: the rows up to unchained_through were written
-- before this migration and carry no hash; every later row must be in a
-- chain (`ktk-admin audit verify`). One row; the runtime role may only read it.
CREATE TABLE audit_chain_start (
    unchained_through BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    started_at        DATETIME NOT NULL   -- UTC
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO audit_chain_start (unchained_through, started_at) SELECT COALESCE(MAX(id), 0), UTC_TIMESTAMP() FROM audit_log;

-- One line each: the migration runner splits statements at a ';' that ends a line.
CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON audit_chain FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_chain is append-only';
CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_chain is append-only';
CREATE TRIGGER audit_chain_start_no_update BEFORE UPDATE ON audit_chain_start FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_chain_start is fixed';
CREATE TRIGGER audit_chain_start_no_delete BEFORE DELETE ON audit_chain_start FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_chain_start is fixed';
