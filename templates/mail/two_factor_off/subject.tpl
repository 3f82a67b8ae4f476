{{%AUTOESCAPE context="TEXT"}}{{_profile.two_factor.mail.subject}}
