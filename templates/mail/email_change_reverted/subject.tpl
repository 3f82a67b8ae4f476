{{%AUTOESCAPE context="TEXT"}}{{_profile.email_mail.reverted.subject}}
