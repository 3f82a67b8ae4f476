{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="{{LANG}}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{_confirm.mail.subject}}</title></head>
<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">
<p>{{_register.mail.greeting}}</p>
<p>{{_confirm.mail.confirmed}}</p>
<h2>{{_confirm.done.next_heading}}</h2>
<p>{{_confirm.done.office}}</p>
<p>{{_confirm.done.bring}}</p>
<ul>
<li>{{_confirm.mail.bring_email}} {{EMAIL}}</li>
<li>{{_confirm.done.bring_tax_number}}</li>
<li>{{_confirm.done.bring_id}}</li>
<li>{{_confirm.done.bring_authorisation}}</li>
</ul>
<p>{{_confirm.mail.after_link}} <a href="{{LOGIN_URL}}">{{LOGIN_URL}}</a></p>
<p>{{_confirm.mail.until_then}}</p>
<p>{{_register.mail.helpdesk}} <a href="mailto:{{HELPDESK_EMAIL}}?subject={{_register.helpdesk_subject:uri}}">{{HELPDESK_EMAIL}}</a></p>
<p>{{_register.mail.regards}}<br>{{_register.mail.signature}}</p>
</body>
</html>
