{{%AUTOESCAPE context="TEXT"}}{{_mail.greeting.named}}

{{_profile.email_mail.changed.time}} {{TIME}} ({{_password.mail.changed.local_time}}, {{UTC_OFFSET}})

{{#TO_NEW}}{{_profile.email_mail.changed.to_new}}

{{_profile.email_mail.changed.login}} {{LOGIN_URL}}

{{_profile.email_mail.changed.sessions}}{{/TO_NEW}}

{{#TO_OLD}}{{_profile.email_mail.changed.to_old}}

{{_profile.email_mail.changed.sessions}}

{{_profile.email_mail.changed.not_you}}

{{CANCEL_LINK}}

{{_profile.email_mail.changed.until}} {{CANCEL_UNTIL}}{{/TO_OLD}}

{{_password.mail.spam}}

{{_register.mail.regards}}
{{_register.mail.signature}}

-- 
{{_mail.footer.automatic}}
{{_mail.footer.helpdesk}} {{HELPDESK_EMAIL}}
