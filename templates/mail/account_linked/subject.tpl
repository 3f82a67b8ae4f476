{{%AUTOESCAPE context="TEXT"}}{{_admin.mail.linked.subject}}
