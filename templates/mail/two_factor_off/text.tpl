{{%AUTOESCAPE context="TEXT"}}{{_mail.greeting.named}}

{{_profile.two_factor.mail.intro}}

{{_password.mail.changed.time}} {{TIME}} ({{_password.mail.changed.local_time}}, {{UTC_OFFSET}})
{{_profile.two_factor.mail.address}} {{CLIENT_ADDRESS}}

{{_profile.two_factor.mail.if_you}} {{LOGIN_URL}}

{{_profile.two_factor.mail.not_you}}
{{FORGOT_URL}}
{{_password.mail.changed.not_you_helpdesk}} {{HELPDESK_EMAIL}}

{{_password.mail.spam}}

{{_register.mail.regards}}
{{_register.mail.signature}}

-- 
{{_mail.footer.automatic}}
{{_mail.footer.helpdesk}} {{HELPDESK_EMAIL}}
