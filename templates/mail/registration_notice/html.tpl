{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html lang="{{_register.mail.lang}}">
<head><meta charset="utf-8"><title>{{_register.mail.notice.subject}}</title></head>
<body>
<p>{{_register.mail.greeting}}</p>
<p>{{_register.mail.notice.intro}}</p>
<p>{{_register.mail.notice.if_you}}</p>
<ul>
<li>{{_register.mail.notice.login}} <a href="{{LOGIN_URL}}">{{LOGIN_URL}}</a></li>
<li>{{_register.mail.notice.forgot}} <a href="{{FORGOT_URL}}">{{FORGOT_URL}}</a></li>
<li>{{_register.mail.notice.resend}} <a href="{{RESEND_URL}}">{{RESEND_URL}}</a></li>
</ul>
<p>{{_register.mail.notice.not_you}}</p>
<p>{{_register.mail.helpdesk}} <a href="mailto:{{HELPDESK_EMAIL}}">{{HELPDESK_EMAIL}}</a></p>
<p>{{_register.mail.signature}}</p>
</body>
</html>
