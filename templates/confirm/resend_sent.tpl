{{%AUTOESCAPE context="HTML"}}
<h1>{{_confirm.resend.sent_heading}}</h1>
<div class="alert alert-ok" role="status">
<p>{{_confirm.resend.sent_message}}</p>
</div>
<p>{{_register.done.spam}}</p>
<p>{{_confirm.resend.sent_helpdesk}} <a href="mailto:{{HELPDESK_EMAIL}}?subject={{_register.helpdesk_subject:uri}}">{{HELPDESK_EMAIL}}</a></p>
<p class="after-form"><a href="/login">{{_confirm.to_login}}</a></p>
