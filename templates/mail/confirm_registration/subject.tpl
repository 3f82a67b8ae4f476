{{%AUTOESCAPE context="TEXT"}}{{_register.mail.confirm.subject}}
