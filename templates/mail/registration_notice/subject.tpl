{{%AUTOESCAPE context="TEXT"}}{{_register.mail.notice.subject}}
