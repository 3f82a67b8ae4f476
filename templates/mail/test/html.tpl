{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="{{LANG}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{_mail.test.subject}}</title>
</head>
<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">
<p>{{#NAMED}}{{_mail.greeting.named}}{{/NAMED}}{{#ANONYMOUS}}{{_mail.greeting.anonymous}}{{/ANONYMOUS}}</p>
<p>{{_mail.test.intro}}</p>
<p>{{_mail.test.sent_at}} {{SENT_AT}}<br>
{{_mail.test.portal}} <a href="{{LOGIN_URL}}">{{LOGIN_URL}}</a></p>
<hr style="border:0;border-top:1px solid #cccccc">
<p style="font-size:14px;color:#555555">{{_mail.footer.automatic}}<br>
{{_mail.footer.helpdesk}} <a href="mailto:{{HELPDESK_EMAIL}}">{{HELPDESK_EMAIL}}</a></p>
</body>
</html>
