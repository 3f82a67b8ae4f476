{{%AUTOESCAPE context="TEXT"}}{{_profile.email_mail.notice.subject}}
