-- The new-device notice (README, "New-device notice"): a login from a
-- browser without a device cookie for the account mails its owner. A
-- contact may turn the notice off on the sessions page; a clerk's account
-- always gets it (the service ignores the column for clerks).
ALTER TABLE users ADD COLUMN new_device_mail TINYINT(1) NOT NULL DEFAULT 1;
