{{%AUTOESCAPE context="TEXT"}}{{_mail.test.subject}}
