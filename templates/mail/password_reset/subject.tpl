{{%AUTOESCAPE context="TEXT"}}{{_password.mail.reset.subject}}
