-- District offices (járási hivatalok), municipalities (önkormányzatok) and
-- the links the clerks make: a contact belongs to at most one
-- municipality, a clerk to exactly one office.
CREATE TABLE district_offices (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    county_code CHAR(2) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,  -- the tax number's CC (02–20, 41–44 Budapest …)
    created_at  DATETIME NOT NULL,
    UNIQUE KEY district_offices_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE municipalities (
    id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name       VARCHAR(200) NOT NULL,
    tax_number CHAR(13) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,  -- canonical NNNNNNNN-V-CC
    office_id  BIGINT UNSIGNED NOT NULL,
    created_at DATETIME NOT NULL,
    UNIQUE KEY municipalities_tax_number (tax_number),
    KEY municipalities_office (office_id),
    CONSTRAINT municipalities_office FOREIGN KEY (office_id) REFERENCES district_offices (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE users
    ADD COLUMN municipality_id BIGINT UNSIGNED NULL AFTER role,   -- contacts: set by a clerk
    ADD COLUMN office_id       BIGINT UNSIGNED NULL AFTER municipality_id,  -- clerks: their office
    ADD COLUMN linked_at       DATETIME NULL AFTER disabled_at,
    ADD KEY users_municipality (municipality_id),
    ADD KEY users_office (office_id),
    ADD CONSTRAINT users_municipality FOREIGN KEY (municipality_id) REFERENCES municipalities (id),
    ADD CONSTRAINT users_office FOREIGN KEY (office_id) REFERENCES district_offices (id),
    ADD CONSTRAINT users_clerk_has_office CHECK (role <> 'clerk' OR office_id IS NOT NULL);
