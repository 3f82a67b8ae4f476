{{%AUTOESCAPE context="HTML"}}
<h1>{{_register.done.heading}}</h1>
<div class="alert alert-ok" role="status">
<p>{{_register.done.sent}}</p>
</div>
<p>{{_register.done.next}}</p>
<p>{{_register.done.spam}}</p>
<p>{{_register.done.helpdesk}} <a href="mailto:{{HELPDESK_EMAIL}}?subject={{_register.helpdesk_subject:uri}}">{{HELPDESK_EMAIL}}</a></p>
<p>{{_register.done.helpdesk_subject_before}} <strong>„{{_register.helpdesk_subject}}”</strong>{{_register.done.helpdesk_subject_after}}</p>
<p class="after-form"><a href="/login">{{_register.back_to_login}}</a></p>
