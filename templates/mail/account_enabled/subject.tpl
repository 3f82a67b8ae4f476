{{%AUTOESCAPE context="TEXT"}}{{_admin.mail.enabled.subject}}
