-- The negotiation of an application with its district office (README,
-- "Subsidy applications"): who made each version, one timeline of what
-- happened to an application, the decision, and the administrative
-- contract's number from the office's own yearly sequence.

-- A version is the municipality's (a draft, a submission, a revision) or
-- the office's (a proposal). Versions written before this migration were
-- all the municipality's.
ALTER TABLE application_versions
    ADD COLUMN party ENUM('contact', 'office') NOT NULL DEFAULT 'contact' AFTER budget;

-- The timeline: every transition (with the state before and after and the
-- version it made or rests on) and every message, never changed once
-- written. Versions themselves are in application_versions.
CREATE TABLE application_events (
    id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    application_id BIGINT UNSIGNED NOT NULL,
    action         VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,  -- states.h, actionCode()
    party          ENUM('contact', 'office') NOT NULL,
    author_id      BIGINT UNSIGNED NULL,
    from_state     VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NULL,  -- NULL: a message only
    to_state       VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NULL,
    version        INT UNSIGNED NULL,
    message        TEXT NOT NULL,
    created_at     DATETIME NOT NULL,
    KEY application_events_application (application_id, id),
    KEY application_events_author (author_id),
    CONSTRAINT application_events_application FOREIGN KEY (application_id) REFERENCES applications (id),
    CONSTRAINT application_events_author FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The decision: final. An approval rests on one version and carries the
-- contract's number.
ALTER TABLE applications
    ADD COLUMN decided_at      DATETIME NULL AFTER updated_at,
    ADD COLUMN decided_version INT UNSIGNED NULL AFTER decided_at,
    ADD COLUMN contract_number VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NULL AFTER decided_version,
    ADD UNIQUE KEY applications_contract_number (contract_number),
    ADD KEY applications_state (state, updated_at);

-- The office's code that its contract numbers carry ("JH13-02/2026/000001").
-- Offices made before have none; the number then uses JH<county><id>.
ALTER TABLE district_offices
    ADD COLUMN code VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NULL AFTER county_code,
    ADD UNIQUE KEY district_offices_code (code),
    ADD CONSTRAINT district_offices_code_form CHECK (code IS NULL OR code REGEXP '^[A-Z0-9][A-Z0-9-]{0,15}$');

-- The last contract number an office gave in a year.
CREATE TABLE contract_numbers (
    office_id BIGINT UNSIGNED NOT NULL,
    year      SMALLINT UNSIGNED NOT NULL,
    last      INT UNSIGNED NOT NULL,
    PRIMARY KEY (office_id, year),
    CONSTRAINT contract_numbers_office FOREIGN KEY (office_id) REFERENCES district_offices (id)
) ENGINE=InnoDB;

-- A clerk may turn off the mails about the office's applications.
ALTER TABLE users
    ADD COLUMN application_mails BOOLEAN NOT NULL DEFAULT TRUE;
