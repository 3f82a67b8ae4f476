{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html lang="{{_register.mail.lang}}">
<head><meta charset="utf-8"><title>{{_register.mail.confirm.subject}}</title></head>
<body>
<p>{{_register.mail.greeting}}</p>
<p>{{_register.mail.confirm.intro}}</p>
<p><a href="{{LINK}}">{{LINK}}</a></p>
<p>{{_register.mail.confirm.validity}} <a href="{{RESEND_URL}}">{{RESEND_URL}}</a></p>
<p>{{_register.mail.confirm.not_you}}</p>
<p>{{_register.mail.helpdesk}} <a href="mailto:{{HELPDESK_EMAIL}}">{{HELPDESK_EMAIL}}</a></p>
<p>{{_register.mail.signature}}</p>
</body>
</html>
