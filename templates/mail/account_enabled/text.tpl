{{%AUTOESCAPE context="TEXT"}}{{_register.mail.greeting}}

{{_admin.mail.enabled.intro}}
{{#LINKED}}
{{_admin.mail.enabled.linked}}

{{_admin.mail.municipality}} {{MUNICIPALITY}}
{{_admin.mail.tax_number}} {{TAX_NUMBER}}

{{_admin.mail.enabled.login}}
{{LOGIN_URL}}
{{/LINKED}}{{#NOT_LINKED}}
{{_admin.mail.enabled.not_linked}}
{{/NOT_LINKED}}
{{_register.mail.helpdesk}} {{HELPDESK_EMAIL}}

{{_register.mail.regards}}
{{_register.mail.signature}}
