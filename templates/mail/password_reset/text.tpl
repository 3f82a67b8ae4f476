{{%AUTOESCAPE context="TEXT"}}{{_mail.greeting.named}}

{{_password.mail.reset.intro}}

{{LINK}}

{{_password.mail.reset.validity}}
{{FORGOT_URL}}

{{_password.mail.reset.not_you}}

{{_password.mail.spam}}

{{_register.mail.regards}}
{{_register.mail.signature}}

-- 
{{_mail.footer.automatic}}
{{_mail.footer.helpdesk}} {{HELPDESK_EMAIL}}
