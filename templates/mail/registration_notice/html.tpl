{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="{{LANG}}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{_register.mail.notice.subject}}</title></head>
<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">
<p>{{_register.mail.greeting}}</p>
<p>{{_register.mail.notice.intro}}</p>
<p>{{_register.mail.notice.if_you}}</p>
<ul>
<li>{{_register.mail.notice.login}} <a href="{{LOGIN_URL}}">{{LOGIN_URL}}</a></li>
<li>{{_register.mail.notice.forgot}} <a href="{{FORGOT_URL}}">{{FORGOT_URL}}</a></li>
<li>{{_register.mail.notice.resend}} <a href="{{RESEND_URL}}">{{RESEND_URL}}</a></li>
</ul>
<p>{{_register.mail.notice.not_you}}</p>
<p>{{_register.mail.helpdesk}} <a href="mailto:{{HELPDESK_EMAIL}}?subject={{_register.helpdesk_subject:uri}}">{{HELPDESK_EMAIL}}</a></p>
<p>{{_register.mail.regards}}<br>{{_register.mail.signature}}</p>
</body>
</html>
