{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="{{LANG}}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{_applications.mail.update.subject}} {{NUMBER}}</title></head>
<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">
<p>{{_register.mail.greeting}}</p>
<p>{{#OPEN}}{{_applications.mail.update.open}}{{/OPEN}}{{#PROPOSE}}{{_applications.mail.update.propose}}{{/PROPOSE}}{{#ACCEPT}}{{_applications.mail.update.accept}}{{/ACCEPT}}{{#APPROVE}}{{_applications.mail.update.approve}}{{/APPROVE}}{{#REJECT}}{{_applications.mail.update.reject}}{{/REJECT}}{{#WITHDRAW}}{{_applications.mail.update.withdraw}}{{/WITHDRAW}}{{#MESSAGE}}{{_applications.mail.update.message}}{{/MESSAGE}}{{#SUBMIT}}{{_applications.mail.update.submit}}{{/SUBMIT}}</p>
<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">
<tr><td style="padding:2px 12px 2px 0">{{_applications.mail.number}}</td><td style="padding:2px 0"><strong>{{NUMBER}}</strong></td></tr>
<tr><td style="padding:2px 12px 2px 0">{{_applications.mail.title}}</td><td style="padding:2px 0"><strong>{{TITLE}}</strong></td></tr>
<tr><td style="padding:2px 12px 2px 0">{{_admin.mail.municipality}}</td><td style="padding:2px 0"><strong>{{MUNICIPALITY}}</strong></td></tr>
</table>
<p>{{_applications.mail.update.next}} <a href="{{APPLICATION_URL}}">{{APPLICATION_URL}}</a></p>
{{#TO_OFFICE}}<p>{{_applications.mail.update.office_optout}}</p>
{{/TO_OFFICE}}<p>{{_register.mail.helpdesk}} <a href="mailto:{{HELPDESK_EMAIL}}">{{HELPDESK_EMAIL}}</a></p>
<p>{{_register.mail.regards}}<br>{{_register.mail.signature}}</p>
</body>
</html>
