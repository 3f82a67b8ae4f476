{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="{{LANG}}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{_admin.mail.enabled.subject}}</title></head>
<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">
<p>{{_register.mail.greeting}}</p>
<p>{{_admin.mail.enabled.intro}}</p>
{{#LINKED}}<p>{{_admin.mail.enabled.linked}}</p>
<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">
<tr><td style="padding:2px 12px 2px 0">{{_admin.mail.municipality}}</td><td style="padding:2px 0"><strong>{{MUNICIPALITY}}</strong></td></tr>
<tr><td style="padding:2px 12px 2px 0">{{_admin.mail.tax_number}}</td><td style="padding:2px 0"><strong>{{TAX_NUMBER}}</strong></td></tr>
</table>
<p>{{_admin.mail.enabled.login}} <a href="{{LOGIN_URL}}">{{LOGIN_URL}}</a></p>{{/LINKED}}
{{#NOT_LINKED}}<p>{{_admin.mail.enabled.not_linked}}</p>{{/NOT_LINKED}}
<p>{{_register.mail.helpdesk}} <a href="mailto:{{HELPDESK_EMAIL}}">{{HELPDESK_EMAIL}}</a></p>
<p>{{_register.mail.regards}}<br>{{_register.mail.signature}}</p>
</body>
</html>
