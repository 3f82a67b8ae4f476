{{%AUTOESCAPE context="TEXT"}}{{_register.mail.greeting}}

{{_admin.mail.unlinked.intro}}

{{_admin.mail.municipality}} {{MUNICIPALITY}}
{{_admin.mail.tax_number}} {{TAX_NUMBER}}

{{_admin.mail.unlinked.next}}

{{_register.mail.helpdesk}} {{HELPDESK_EMAIL}}

{{_register.mail.regards}}
{{_register.mail.signature}}
