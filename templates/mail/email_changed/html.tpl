{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="{{LANG}}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{_profile.email_mail.changed.subject}}</title></head>
<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">
<p>{{_mail.greeting.named}}</p>
<p>{{_profile.email_mail.changed.time}} {{TIME}} ({{_password.mail.changed.local_time}}, {{UTC_OFFSET}})</p>
{{#TO_NEW}}<p>{{_profile.email_mail.changed.to_new}}</p>
<p>{{_profile.email_mail.changed.login}} <a href="{{LOGIN_URL}}">{{LOGIN_URL}}</a></p>
<p>{{_profile.email_mail.changed.sessions}}</p>{{/TO_NEW}}
{{#TO_OLD}}<p>{{_profile.email_mail.changed.to_old}}</p>
<p>{{_profile.email_mail.changed.sessions}}</p>
<p><strong>{{_profile.email_mail.changed.not_you}}</strong></p>
<p><a href="{{CANCEL_LINK}}">{{CANCEL_LINK}}</a></p>
<p>{{_profile.email_mail.changed.until}} {{CANCEL_UNTIL}}</p>{{/TO_OLD}}
<p>{{_password.mail.spam}}</p>
<p>{{_register.mail.regards}}<br>{{_register.mail.signature}}</p>
<hr style="border:0;border-top:1px solid #cccccc">
<p style="font-size:14px;color:#555555">{{_mail.footer.automatic}}<br>
{{_mail.footer.helpdesk}} <a href="mailto:{{HELPDESK_EMAIL}}">{{HELPDESK_EMAIL}}</a></p>
</body>
</html>
