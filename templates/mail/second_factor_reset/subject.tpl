{{%AUTOESCAPE context="TEXT"}}{{_admin.mail.two_factor_reset.subject}}
