{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="{{LANG}}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{_login.mail.new_device.subject}}</title></head>
<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">
<p>{{_mail.greeting.named}}</p>
<p><strong>{{_login.mail.new_device.intro}}</strong></p>
<p>{{_password.mail.changed.time}} {{TIME}} ({{_password.mail.changed.local_time}}, {{UTC_OFFSET}})<br>
{{_login.mail.new_device.browser}} {{#BROWSER_ON}}{{BROWSER}} ({{PLATFORM}}){{/BROWSER_ON}}{{#BROWSER_ONLY}}{{BROWSER}}{{/BROWSER_ONLY}}{{#UNKNOWN_BROWSER}}{{_login.mail.new_device.unknown_browser}}{{/UNKNOWN_BROWSER}}<br>
{{_login.mail.new_device.address}} {{CLIENT_ADDRESS}}</p>
<p>{{_login.mail.new_device.if_you}}</p>
<p><strong>{{_login.mail.new_device.not_you}}</strong></p>
<ol>
<li>{{_login.mail.new_device.step_password}} <a href="{{FORGOT_URL}}">{{FORGOT_URL}}</a></li>
<li>{{_login.mail.new_device.step_sessions}} <a href="{{SESSIONS_URL}}">{{SESSIONS_URL}}</a></li>
<li>{{_password.mail.changed.not_you_helpdesk}} <a href="mailto:{{HELPDESK_EMAIL}}">{{HELPDESK_EMAIL}}</a></li>
</ol>
{{#MAY_TURN_OFF}}<p>{{_login.mail.new_device.turn_off}} <a href="{{SESSIONS_URL}}">{{SESSIONS_URL}}</a></p>{{/MAY_TURN_OFF}}
<p>{{_register.mail.regards}}<br>{{_register.mail.signature}}</p>
<hr style="border:0;border-top:1px solid #cccccc">
<p style="font-size:14px;color:#555555">{{_mail.footer.automatic}}<br>
{{_mail.footer.helpdesk}} <a href="mailto:{{HELPDESK_EMAIL}}">{{HELPDESK_EMAIL}}</a></p>
</body>
</html>
