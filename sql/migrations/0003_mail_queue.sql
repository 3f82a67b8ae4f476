-- Outgoing mail. A program inserts the complete message in the same
-- transaction as the change that caused it; ktk-mail-worker hands it to
-- sendmail. Life of a row:
--   queued  --claim-->  sending  --sendmail exit 0-->  sent
--      ^                   |  \--failure, attempts left--> queued (due_at = now + backoff)
--      |                   |  \--failure, no attempts left--> abandoned
--      +--- lease expired: another worker claims it again (same Message-ID)
CREATE TABLE mail_queue (
    id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    kind          VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,  -- templates/mail/<kind>/
    language      CHAR(2)      CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    message_id    VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,  -- fixed at enqueue, kept across retries
    envelope_from VARCHAR(254) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    recipient     VARCHAR(254) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    message       MEDIUMBLOB NULL,                  -- the RFC 5322 bytes; emptied once sent (it may hold links with tokens)
    status        ENUM('queued', 'sending', 'sent', 'abandoned') NOT NULL DEFAULT 'queued',
    attempts      SMALLINT UNSIGNED NOT NULL DEFAULT 0,  -- claims so far, counted when claimed
    due_at        DATETIME NOT NULL,                -- queued: not before; sending: when the lease runs out
    lease_token   CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NULL,  -- the claim that holds a sending row
    leased_by     VARCHAR(100) NULL,                -- host:pid of that worker, for the operator
    last_error    VARCHAR(255) NULL,                -- exit status and the first line sendmail wrote to stderr
    created_at    DATETIME NOT NULL,
    sent_at       DATETIME NULL,
    abandoned_at  DATETIME NULL,
    UNIQUE KEY mail_queue_message_id (message_id),
    KEY mail_queue_due (status, due_at)             -- the claim: one status, oldest due first
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
