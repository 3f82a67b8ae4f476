{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="{{LANG}}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{_admin.mail.two_factor_reset.subject}}</title></head>
<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">
<p>{{_mail.greeting.named}}</p>
<p><strong>{{_admin.mail.two_factor_reset.intro}}</strong><br>
{{_admin.mail.two_factor_reset.why}}</p>
<p>{{_admin.mail.two_factor_reset.time}} {{TIME}} ({{_admin.mail.two_factor_reset.local_time}}, {{UTC_OFFSET}})<br>
{{#BY_OFFICE}}{{_admin.mail.two_factor_reset.by_office}}{{/BY_OFFICE}}{{#BY_OPERATOR}}{{_admin.mail.two_factor_reset.by_operator}}{{/BY_OPERATOR}}</p>
<p>{{_admin.mail.two_factor_reset.sessions}}</p>
<p>{{#CLERK}}{{_admin.mail.two_factor_reset.next_clerk}}{{/CLERK}}{{#CONTACT}}{{_admin.mail.two_factor_reset.next_contact}}{{/CONTACT}}<br>
{{_admin.mail.two_factor_reset.login}} <a href="{{LOGIN_URL}}">{{LOGIN_URL}}</a></p>
<p><strong>{{_admin.mail.two_factor_reset.not_you}}</strong> <a href="{{FORGOT_URL}}">{{FORGOT_URL}}</a><br>
{{_admin.mail.two_factor_reset.not_you_helpdesk}} <a href="mailto:{{HELPDESK_EMAIL}}">{{HELPDESK_EMAIL}}</a></p>
<p>{{_register.mail.regards}}<br>{{_register.mail.signature}}</p>
<hr style="border:0;border-top:1px solid #cccccc">
<p style="font-size:14px;color:#555555">{{_mail.footer.automatic}}<br>
{{_mail.footer.helpdesk}} <a href="mailto:{{HELPDESK_EMAIL}}">{{HELPDESK_EMAIL}}</a></p>
</body>
</html>
