{{%AUTOESCAPE context="TEXT"}}{{_register.mail.greeting}}

{{#OPEN}}{{_applications.mail.update.open}}{{/OPEN}}{{#PROPOSE}}{{_applications.mail.update.propose}}{{/PROPOSE}}{{#ACCEPT}}{{_applications.mail.update.accept}}{{/ACCEPT}}{{#APPROVE}}{{_applications.mail.update.approve}}{{/APPROVE}}{{#REJECT}}{{_applications.mail.update.reject}}{{/REJECT}}{{#WITHDRAW}}{{_applications.mail.update.withdraw}}{{/WITHDRAW}}{{#MESSAGE}}{{_applications.mail.update.message}}{{/MESSAGE}}{{#SUBMIT}}{{_applications.mail.update.submit}}{{/SUBMIT}}

{{_applications.mail.number}} {{NUMBER}}
{{_applications.mail.title}} {{TITLE}}
{{_admin.mail.municipality}} {{MUNICIPALITY}}

{{_applications.mail.update.next}}
{{APPLICATION_URL}}
{{#TO_OFFICE}}
{{_applications.mail.update.office_optout}}
{{/TO_OFFICE}}
{{_register.mail.helpdesk}} {{HELPDESK_EMAIL}}

{{_register.mail.regards}}
{{_register.mail.signature}}
