{{%AUTOESCAPE context="TEXT"}}{{_profile.email_mail.confirm.subject}}
