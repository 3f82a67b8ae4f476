{{%AUTOESCAPE context="TEXT"}}{{_register.mail.greeting}}

{{_admin.mail.linked.intro}}

{{_admin.mail.municipality}} {{MUNICIPALITY}}
{{_admin.mail.tax_number}} {{TAX_NUMBER}}

{{_admin.mail.linked.login}}
{{LOGIN_URL}}

{{_register.mail.helpdesk}} {{HELPDESK_EMAIL}}

{{_register.mail.regards}}
{{_register.mail.signature}}
