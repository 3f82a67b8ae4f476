{{%AUTOESCAPE context="TEXT"}}{{_password.mail.changed.subject}}
