{{%AUTOESCAPE context="HTML"}}
<h1>{{_password.sent.heading}}</h1>
<div class="alert alert-ok" role="status">
<p>{{_password.sent.message}}</p>
</div>
<p>{{_password.sent.validity}}</p>
<p>{{_password.sent.spam}}</p>
<p>{{_password.sent.once_a_minute}}</p>
<p>{{_password.sent.helpdesk}} <a href="mailto:{{HELPDESK_EMAIL}}">{{HELPDESK_EMAIL}}</a></p>
<p class="after-form"><a href="/password/forgot">{{_password.sent.again}}</a> · <a href="/login">{{_password.back_to_login}}</a></p>
