{{%AUTOESCAPE context="TEXT"}}{{_mail.greeting.named}}

{{_profile.email_mail.confirm.intro}}

{{NEW_EMAIL}}

{{_profile.email_mail.confirm.how}}

{{LINK}}

{{_profile.email_mail.confirm.valid}}

{{_profile.email_mail.confirm.not_you}}

{{_password.mail.spam}}

{{_register.mail.regards}}
{{_register.mail.signature}}

-- 
{{_mail.footer.automatic}}
{{_mail.footer.helpdesk}} {{HELPDESK_EMAIL}}
