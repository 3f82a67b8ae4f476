-- Accounts: municipality contacts and district-office clerks.
-- All times are UTC, written by the applications' clock.
CREATE TABLE users (
    id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    email         VARCHAR(254) NOT NULL,                 -- as entered, trimmed
    email_key     VARCHAR(254) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,  -- lowercased: one account per address
    password_hash VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,  -- argon2id PHC string
    last_name     VARCHAR(100) NOT NULL,
    first_name    VARCHAR(100) NOT NULL,
    phone         VARCHAR(20)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,  -- E.164, e.g. +36301234567
    language      CHAR(2)      CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT 'hu',
    role          ENUM('contact', 'clerk') NOT NULL DEFAULT 'contact',
    created_at    DATETIME NOT NULL,
    confirmed_at  DATETIME NULL,                         -- e-mail address confirmed
    disabled_at   DATETIME NULL,                         -- set by a clerk; blocks login
    UNIQUE KEY users_email_key (email_key),
    CONSTRAINT users_language CHECK (language IN ('hu', 'en'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
