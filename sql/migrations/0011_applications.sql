-- Subsidy applications (README, "Subsidy applications"): the rules they
-- are measured against, kept as data, and the applications themselves,
-- which belong to a municipality (every linked contact of it sees and
-- edits the same ones). Every save is a new, immutable version; the
-- application row points at the current one and carries what the list
-- shows.

-- Programme types and their limits (Government Decree 375/2010. (XII. 31.)
-- and the public employment service's summary; figures in the seed below
-- and in the README with their sources). `ktk-admin programme …` keeps them.
CREATE TABLE programme_types (
    code                 VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    name_hu              VARCHAR(200) NOT NULL,
    name_en              VARCHAR(200) NOT NULL,
    min_daily_hours      TINYINT UNSIGNED NOT NULL,
    max_daily_hours      TINYINT UNSIGNED NOT NULL,
    max_months           TINYINT UNSIGNED NOT NULL,  -- the longest subsidy period
    max_wage_support_pct TINYINT UNSIGNED NOT NULL,  -- of the wages and their contribution tax
    material_share_pct   TINYINT UNSIGNED NOT NULL,  -- material support, of the wage support
    active               BOOLEAN NOT NULL DEFAULT TRUE,  -- offered for new applications
    legal_source         VARCHAR(1000) NOT NULL,
    CONSTRAINT programme_types_code CHECK (code REGEXP '^[a-z][a-z0-9_]{0,39}$'),
    CONSTRAINT programme_types_hours CHECK (min_daily_hours BETWEEN 1 AND 8 AND max_daily_hours BETWEEN min_daily_hours AND 8),
    CONSTRAINT programme_types_months CHECK (max_months BETWEEN 1 AND 36),
    CONSTRAINT programme_types_pct CHECK (max_wage_support_pct <= 100 AND material_share_pct <= 100)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The published rates of a year: the four full-time monthly wages of
-- Government Decree 170/2011. (VIII. 24.) and the social contribution tax
-- (2018. évi LII. törvény). `ktk-admin rates set --year Y …` keeps them.
CREATE TABLE yearly_rates (
    year                      SMALLINT UNSIGNED NOT NULL PRIMARY KEY,
    wage_basic                INT UNSIGNED NOT NULL,  -- közfoglalkoztatási bér
    wage_skilled              INT UNSIGNED NOT NULL,  -- közfoglalkoztatási garantált bér
    wage_leader               INT UNSIGNED NULL,      -- munkavezető, basic category; NULL: not confirmed
    wage_leader_skilled       INT UNSIGNED NULL,      -- munkavezető, guaranteed category; NULL: not confirmed
    contribution_basis_points SMALLINT UNSIGNED NOT NULL,  -- 13 % = 1300
    legal_source              VARCHAR(1000) NOT NULL,
    unconfirmed               VARCHAR(1000) NOT NULL DEFAULT '',  -- what could not be confirmed from a public source
    updated_at                DATETIME NOT NULL,
    CONSTRAINT yearly_rates_year CHECK (year BETWEEN 2000 AND 2099),
    CONSTRAINT yearly_rates_wages CHECK (wage_basic BETWEEN 1 AND 10000000 AND wage_skilled BETWEEN 1 AND 10000000
                                         AND wage_leader BETWEEN 1 AND 10000000 AND wage_leader_skilled BETWEEN 1 AND 10000000),
    CONSTRAINT yearly_rates_contribution CHECK (contribution_basis_points <= 10000)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The last application number given in a year: KTK-<year>-<6 digits>.
CREATE TABLE application_numbers (
    year SMALLINT UNSIGNED NOT NULL PRIMARY KEY,
    last INT UNSIGNED NOT NULL
) ENGINE=InnoDB;

CREATE TABLE applications (
    id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    municipality_id   BIGINT UNSIGNED NOT NULL,
    number            CHAR(15) CHARACTER SET ascii COLLATE ascii_bin NULL,  -- at the first submission
    state             ENUM('draft', 'submitted', 'in_review', 'proposal', 'agreed', 'approved', 'rejected',
                           'withdrawn') NOT NULL DEFAULT 'draft',
    version           INT UNSIGNED NOT NULL,  -- the current version: every save makes the next one
    -- What the list shows, from the current version.
    title             VARCHAR(200) NOT NULL,
    programme_type    VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NULL,
    start_date        DATE NULL,
    end_date          DATE NULL,
    headcount         INT UNSIGNED NOT NULL,
    requested_support BIGINT UNSIGNED NULL,  -- NULL until the budget can be computed
    created_at        DATETIME NOT NULL,
    updated_at        DATETIME NOT NULL,
    UNIQUE KEY applications_number (number),
    KEY applications_municipality (municipality_id, updated_at),
    CONSTRAINT applications_municipality FOREIGN KEY (municipality_id) REFERENCES municipalities (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every saved state of an application, never changed once written. The
-- fields as a JSON object (applications/application_store.cpp), and the
-- budget as it was computed when the version was saved, so a submitted
-- version keeps its figures whatever later rates say.
CREATE TABLE application_versions (
    application_id BIGINT UNSIGNED NOT NULL,
    version        INT UNSIGNED NOT NULL,
    fields         TEXT NOT NULL,
    budget         TEXT NULL,
    author_id      BIGINT UNSIGNED NULL,
    created_at     DATETIME NOT NULL,
    submitted_at   DATETIME NULL,  -- this version was submitted
    PRIMARY KEY (application_id, version),
    KEY application_versions_author (author_id),
    CONSTRAINT application_versions_application FOREIGN KEY (application_id) REFERENCES applications (id),
    CONSTRAINT application_versions_author FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT application_versions_fields_json CHECK (JSON_VALID(fields)),
    CONSTRAINT application_versions_budget_json CHECK (budget IS NULL OR JSON_VALID(budget))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The published figures (README, "Subsidy rules" has every source).
--
-- Programme types: Government Decree 375/2010. (XII. 31.) and the public
-- employment service's summary of the subsidy types
-- (https://www.ovf.hu/kozerdeku/kozfogi/tipusok-es-tamogatasok): long-term
-- public employment 4–8 hours a day, at most 12 months, wage support up to
-- 100 % of the wages and their contribution tax, material costs up to 20 %
-- of the wage support; the special programme 6 hours a day with the same
-- 20 % rule. Not confirmed from a public source: the special programme's
-- longest period and highest wage-support percentage (12 months and 100 %
-- are assumed, as for the long-term type; the operator corrects them with
-- `ktk-admin programme set`).
INSERT INTO programme_types (code, name_hu, name_en, min_daily_hours, max_daily_hours, max_months,
                             max_wage_support_pct, material_share_pct, active, legal_source) VALUES
    ('long_term', 'Hosszabb időtartamú közfoglalkoztatás', 'Long-term public employment', 4, 8, 12, 100, 20, TRUE,
     '375/2010. (XII. 31.) Korm. rendelet; NFSZ: A közfoglalkoztatás típusai és támogatásai'),
    ('special', 'Speciális közfoglalkoztatási program', 'Special public employment programme', 6, 6, 12, 100, 20, TRUE,
     '375/2010. (XII. 31.) Korm. rendelet; NFSZ: A közfoglalkoztatás típusai és támogatásai. Not confirmed: max_months, max_wage_support_pct');

-- Yearly rates. Since 1 January 2022 Government Decree 170/2011.
-- (VIII. 24.) 1. § (1) and 2. § (1) (as amended by 704/2021. (XII. 15.))
-- set the public-employment wage at 50 % of the minimum wage and the
-- guaranteed public-employment wage at 50 % of the guaranteed minimum wage,
-- so the forint amounts follow from the minimum wages of the year:
--   2025: 290 800 and 348 800 Ft → 145 400 and 174 400 Ft;
--   2026: 322 800 and 373 200 Ft → 161 400 and 186 600 Ft.
-- The group leaders' (munkavezető) wages of both categories could not be
-- confirmed from a public source for any year after 2013, so they are
-- absent (NULL): an application with group leaders can be saved but not
-- submitted until the operator sets them (`ktk-admin rates set`). Social
-- contribution tax: 13 % (2018. évi LII. törvény).
INSERT INTO yearly_rates (year, wage_basic, wage_skilled, wage_leader, wage_leader_skilled, contribution_basis_points,
                          legal_source, unconfirmed, updated_at) VALUES
    (2025, 145400, 174400, NULL, NULL, 1300,
     '170/2011. (VIII. 24.) Korm. rendelet 1. § (1), 2. § (1): 50 % of the 2025 minimum wage (290 800 Ft) and guaranteed minimum wage (348 800 Ft); 2018. évi LII. törvény (szociális hozzájárulási adó, 13 %)',
     'wage_leader, wage_leader_skilled: no public source found; the 13 % contribution rate for 2025 is confirmed only indirectly',
     UTC_TIMESTAMP()),
    (2026, 161400, 186600, NULL, NULL, 1300,
     '170/2011. (VIII. 24.) Korm. rendelet 1. § (1), 2. § (1): 50 % of the 2026 minimum wage (322 800 Ft) and guaranteed minimum wage (373 200 Ft); 2018. évi LII. törvény (szociális hozzájárulási adó, 13 %)',
     'wage_leader, wage_leader_skilled: no public source found; the 50 % rule is quoted from the consolidated text in force on 2024-06-19, no later amendment was found',
     UTC_TIMESTAMP());
