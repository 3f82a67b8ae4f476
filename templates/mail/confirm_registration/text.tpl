{{%AUTOESCAPE context="TEXT"}}{{_register.mail.greeting}}

{{_register.mail.confirm.intro}}

{{LINK}}

{{_register.mail.confirm.validity}}
{{RESEND_URL}}

{{_register.mail.confirm.not_you}}

{{_register.mail.helpdesk}} {{HELPDESK_EMAIL}}

{{_register.mail.regards}}
{{_register.mail.signature}}
