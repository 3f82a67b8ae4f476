{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="{{LANG}}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{_register.mail.confirm.subject}}</title></head>
<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">
<p>{{_register.mail.greeting}}</p>
<p>{{_register.mail.confirm.intro}}</p>
<p><a href="{{LINK}}">{{LINK}}</a></p>
<p>{{_register.mail.confirm.validity}} <a href="{{RESEND_URL}}">{{RESEND_URL}}</a></p>
<p>{{_register.mail.confirm.not_you}}</p>
<p>{{_register.mail.helpdesk}} <a href="mailto:{{HELPDESK_EMAIL}}?subject={{_register.helpdesk_subject:uri}}">{{HELPDESK_EMAIL}}</a></p>
<p>{{_register.mail.regards}}<br>{{_register.mail.signature}}</p>
</body>
</html>
