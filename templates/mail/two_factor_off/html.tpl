{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="{{LANG}}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{_profile.two_factor.mail.subject}}</title></head>
<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">
<p>{{_mail.greeting.named}}</p>
<p><strong>{{_profile.two_factor.mail.intro}}</strong></p>
<p>{{_password.mail.changed.time}} {{TIME}} ({{_password.mail.changed.local_time}}, {{UTC_OFFSET}})<br>
{{_profile.two_factor.mail.address}} {{CLIENT_ADDRESS}}</p>
<p>{{_profile.two_factor.mail.if_you}} <a href="{{LOGIN_URL}}">{{LOGIN_URL}}</a></p>
<p><strong>{{_profile.two_factor.mail.not_you}}</strong> <a href="{{FORGOT_URL}}">{{FORGOT_URL}}</a><br>
{{_password.mail.changed.not_you_helpdesk}} <a href="mailto:{{HELPDESK_EMAIL}}">{{HELPDESK_EMAIL}}</a></p>
<p>{{_password.mail.spam}}</p>
<p>{{_register.mail.regards}}<br>{{_register.mail.signature}}</p>
<hr style="border:0;border-top:1px solid #cccccc">
<p style="font-size:14px;color:#555555">{{_mail.footer.automatic}}<br>
{{_mail.footer.helpdesk}} <a href="mailto:{{HELPDESK_EMAIL}}">{{HELPDESK_EMAIL}}</a></p>
</body>
</html>
