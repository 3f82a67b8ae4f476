{{%AUTOESCAPE context="TEXT"}}{{_admin.mail.unlinked.subject}}
