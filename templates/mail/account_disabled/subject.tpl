{{%AUTOESCAPE context="TEXT"}}{{_admin.mail.disabled.subject}}
