{{%AUTOESCAPE context="TEXT"}}{{_mail.greeting.named}}

{{_admin.mail.two_factor_reset.intro}}
{{_admin.mail.two_factor_reset.why}}

{{_admin.mail.two_factor_reset.time}} {{TIME}} ({{_admin.mail.two_factor_reset.local_time}}, {{UTC_OFFSET}})
{{#BY_OFFICE}}{{_admin.mail.two_factor_reset.by_office}}{{/BY_OFFICE}}{{#BY_OPERATOR}}{{_admin.mail.two_factor_reset.by_operator}}{{/BY_OPERATOR}}

{{_admin.mail.two_factor_reset.sessions}}

{{#CLERK}}{{_admin.mail.two_factor_reset.next_clerk}}{{/CLERK}}{{#CONTACT}}{{_admin.mail.two_factor_reset.next_contact}}{{/CONTACT}}
{{_admin.mail.two_factor_reset.login}} {{LOGIN_URL}}

{{_admin.mail.two_factor_reset.not_you}}
{{FORGOT_URL}}
{{_admin.mail.two_factor_reset.not_you_helpdesk}} {{HELPDESK_EMAIL}}

{{_register.mail.regards}}
{{_register.mail.signature}}

-- 
{{_mail.footer.automatic}}
{{_mail.footer.helpdesk}} {{HELPDESK_EMAIL}}
