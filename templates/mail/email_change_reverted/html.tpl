{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="{{LANG}}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{_profile.email_mail.reverted.subject}}</title></head>
<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">
<p>{{_mail.greeting.named}}</p>
<p>{{_profile.email_mail.changed.time}} {{TIME}} ({{_password.mail.changed.local_time}}, {{UTC_OFFSET}})</p>
{{#TO_OLD}}<p>{{_profile.email_mail.reverted.to_old}}</p>
<p>{{_profile.email_mail.reverted.sessions}}</p>
<p><strong>{{_profile.email_mail.reverted.new_password}}</strong></p>
<p><a href="{{FORGOT_URL}}">{{FORGOT_URL}}</a></p>{{/TO_OLD}}
{{#TO_NEW}}<p>{{_profile.email_mail.reverted.to_new}}</p>
<p>{{_profile.email_mail.reverted.to_new_helpdesk}} <a href="mailto:{{HELPDESK_EMAIL}}">{{HELPDESK_EMAIL}}</a></p>{{/TO_NEW}}
<p>{{_password.mail.spam}}</p>
<p>{{_register.mail.regards}}<br>{{_register.mail.signature}}</p>
<hr style="border:0;border-top:1px solid #cccccc">
<p style="font-size:14px;color:#555555">{{_mail.footer.automatic}}<br>
{{_mail.footer.helpdesk}} <a href="mailto:{{HELPDESK_EMAIL}}">{{HELPDESK_EMAIL}}</a></p>
</body>
</html>
