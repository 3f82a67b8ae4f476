{{%AUTOESCAPE context="TEXT"}}{{_mail.greeting.named}}

{{_profile.email_mail.notice.time}} {{TIME}} ({{_password.mail.changed.local_time}}, {{UTC_OFFSET}})

{{#BY_OWNER}}{{_profile.email_mail.notice.by_owner}}{{/BY_OWNER}}

{{#BY_OFFICE}}{{_profile.email_mail.notice.by_office}}{{/BY_OFFICE}}

{{NEW_EMAIL}}

{{_profile.email_mail.notice.nothing_yet}}

{{_profile.email_mail.notice.if_you}}

{{_profile.email_mail.notice.not_you}}

{{CANCEL_LINK}}

{{_profile.email_mail.notice.cancel_valid}}

{{_password.mail.spam}}

{{_register.mail.regards}}
{{_register.mail.signature}}

-- 
{{_mail.footer.automatic}}
{{_mail.footer.helpdesk}} {{HELPDESK_EMAIL}}
