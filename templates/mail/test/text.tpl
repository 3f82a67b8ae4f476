{{%AUTOESCAPE context="TEXT"}}
{{#NAMED}}{{_mail.greeting.named}}{{/NAMED}}{{#ANONYMOUS}}{{_mail.greeting.anonymous}}{{/ANONYMOUS}}

{{_mail.test.intro}}

{{_mail.test.sent_at}} {{SENT_AT}}
{{_mail.test.portal}} {{LOGIN_URL}}

-- 
{{_mail.footer.automatic}}
{{_mail.footer.helpdesk}} {{HELPDESK_EMAIL}}
