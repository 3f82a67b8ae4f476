{{%AUTOESCAPE context="HTML"}}
<h1>{{_confirm.heading}}</h1>
<p>{{_confirm.intro}}</p>
<p>{{_confirm.registered_name}} <strong>{{NAME}}</strong></p>
<div class="alert alert-info"><p>{{_confirm.not_you}} <a href="mailto:{{HELPDESK_EMAIL}}">{{HELPDESK_EMAIL}}</a></p></div>
<form method="post" action="/confirm" class="form">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="token" value="{{TOKEN}}">
<div class="actions">
<button type="submit" class="btn btn-primary">{{_confirm.submit}}</button>
</div>
</form>
