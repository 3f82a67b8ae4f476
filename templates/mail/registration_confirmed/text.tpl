{{%AUTOESCAPE context="TEXT"}}{{_register.mail.greeting}}

{{_confirm.mail.confirmed}}

{{_confirm.done.next_heading}}
{{_confirm.done.office}}

{{_confirm.done.bring}}
- {{_confirm.mail.bring_email}} {{EMAIL}}
- {{_confirm.done.bring_tax_number}}
- {{_confirm.done.bring_id}}
- {{_confirm.done.bring_authorisation}}

{{_confirm.mail.after_link}}
{{LOGIN_URL}}

{{_confirm.mail.until_then}}

{{_register.mail.helpdesk}} {{HELPDESK_EMAIL}}

{{_register.mail.regards}}
{{_register.mail.signature}}
