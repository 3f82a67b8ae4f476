{{%AUTOESCAPE context="TEXT"}}{{_register.mail.greeting}}

{{_applications.mail.submitted.intro}}

{{_applications.mail.number}} {{NUMBER}}
{{_applications.mail.title}} {{TITLE}}
{{_admin.mail.municipality}} {{MUNICIPALITY}}
{{_admin.mail.tax_number}} {{TAX_NUMBER}}

{{_applications.mail.submitted.next}}
{{APPLICATION_URL}}

{{_register.mail.helpdesk}} {{HELPDESK_EMAIL}}

{{_register.mail.regards}}
{{_register.mail.signature}}
