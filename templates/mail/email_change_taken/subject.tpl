{{%AUTOESCAPE context="TEXT"}}{{_profile.email_mail.taken.subject}}
