{{%AUTOESCAPE context="TEXT"}}{{_mail.greeting.named}}

{{_password.mail.changed.intro}}

{{_password.mail.changed.time}} {{TIME}} ({{_password.mail.changed.local_time}}, {{UTC_OFFSET}})
{{_password.mail.changed.address}} {{CLIENT_ADDRESS}}
{{#VIA_RESET_LINK}}{{_password.mail.changed.via_reset_link}}{{/VIA_RESET_LINK}}{{#VIA_SECURITY_TAB}}{{_password.mail.changed.via_security_tab}}{{/VIA_SECURITY_TAB}}

{{_password.mail.changed.sessions}}

{{_password.mail.changed.if_you}} {{LOGIN_URL}}

{{_password.mail.changed.not_you}}
{{FORGOT_URL}}
{{_password.mail.changed.not_you_helpdesk}} {{HELPDESK_EMAIL}}

{{_password.mail.spam}}

{{_register.mail.regards}}
{{_register.mail.signature}}

-- 
{{_mail.footer.automatic}}
{{_mail.footer.helpdesk}} {{HELPDESK_EMAIL}}
