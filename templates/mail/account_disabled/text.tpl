{{%AUTOESCAPE context="TEXT"}}{{_register.mail.greeting}}

{{_admin.mail.disabled.intro}}

{{_admin.mail.disabled.next}}

{{_register.mail.helpdesk}} {{HELPDESK_EMAIL}}

{{_register.mail.regards}}
{{_register.mail.signature}}
