-- An application's attachments (README, "Subsidy applications"): PDF, JPEG
-- or PNG, recognised by their bytes, at most 10 MB each and 10 per
-- application. Kept in the database, so every application host serves
-- them. Numbered 1, 2, … within the application
-- (/applications/{id}/attachments/{n}, never given twice). One added since
-- the last submission may be removed (its bytes are dropped, the row
-- stays as a record); one that went with a submission stays for good.
CREATE TABLE application_attachments (
    application_id BIGINT UNSIGNED NOT NULL,
    number         SMALLINT UNSIGNED NOT NULL,
    name           VARCHAR(255) NOT NULL,  -- cleaned (domain::attachmentName)
    media_type     VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    size           INT UNSIGNED NOT NULL,
    sha256         CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,  -- hex, of content
    content        LONGBLOB NOT NULL,      -- empty once removed
    version        INT UNSIGNED NOT NULL,  -- the application's version when it was added
    author_id      BIGINT UNSIGNED NULL,
    created_at     DATETIME NOT NULL,
    submitted      BOOLEAN NOT NULL DEFAULT FALSE,  -- went with a submission: kept for good
    removed_at     DATETIME NULL,
    PRIMARY KEY (application_id, number),
    KEY application_attachments_author (author_id),
    CONSTRAINT application_attachments_application FOREIGN KEY (application_id) REFERENCES applications (id),
    CONSTRAINT application_attachments_author FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT application_attachments_size CHECK (removed_at IS NOT NULL OR size = LENGTH(content))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
