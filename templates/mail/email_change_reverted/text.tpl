{{%AUTOESCAPE context="TEXT"}}{{_mail.greeting.named}}

{{_profile.email_mail.changed.time}} {{TIME}} ({{_password.mail.changed.local_time}}, {{UTC_OFFSET}})

{{#TO_OLD}}{{_profile.email_mail.reverted.to_old}}

{{_profile.email_mail.reverted.sessions}}

{{_profile.email_mail.reverted.new_password}}

{{FORGOT_URL}}{{/TO_OLD}}

{{#TO_NEW}}{{_profile.email_mail.reverted.to_new}}

{{_profile.email_mail.reverted.to_new_helpdesk}} {{HELPDESK_EMAIL}}{{/TO_NEW}}

{{_password.mail.spam}}

{{_register.mail.regards}}
{{_register.mail.signature}}

-- 
{{_mail.footer.automatic}}
{{_mail.footer.helpdesk}} {{HELPDESK_EMAIL}}
