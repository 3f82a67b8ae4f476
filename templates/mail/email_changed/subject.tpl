{{%AUTOESCAPE context="TEXT"}}{{_profile.email_mail.changed.subject}}
