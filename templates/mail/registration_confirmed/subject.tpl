{{%AUTOESCAPE context="TEXT"}}{{_confirm.mail.subject}}
