{{%AUTOESCAPE context="TEXT"}}{{_mail.greeting.named}}

{{_profile.email_mail.taken.intro}}

{{_profile.email_mail.taken.nothing}}

{{_profile.email_mail.taken.if_you}}

{{_profile.email_mail.taken.not_you}} {{FORGOT_URL}}

{{_password.mail.spam}}

{{_register.mail.regards}}
{{_register.mail.signature}}

-- 
{{_mail.footer.automatic}}
{{_mail.footer.helpdesk}} {{HELPDESK_EMAIL}}
