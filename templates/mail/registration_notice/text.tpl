{{%AUTOESCAPE context="TEXT"}}{{_register.mail.greeting}}

{{_register.mail.notice.intro}}

{{_register.mail.notice.if_you}}
- {{_register.mail.notice.login}} {{LOGIN_URL}}
- {{_register.mail.notice.forgot}} {{FORGOT_URL}}
- {{_register.mail.notice.resend}} {{RESEND_URL}}

{{_register.mail.notice.not_you}}

{{_register.mail.helpdesk}} {{HELPDESK_EMAIL}}

{{_register.mail.regards}}
{{_register.mail.signature}}
