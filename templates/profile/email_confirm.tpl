{{%AUTOESCAPE context="HTML"}}
{{#PENDING}}<h1>{{_profile.email_confirm.heading}}</h1>
<p>{{_profile.email_confirm.intro}}</p>
<dl class="facts">
<dt>{{_profile.email_confirm.account}}</dt><dd>{{NAME}}</dd>
<dt>{{_profile.email_confirm.new_email}}</dt><dd id="new-email">{{NEW_EMAIL}}</dd>
</dl>
<p>{{_profile.email_confirm.effects}}</p>
<div class="alert alert-info"><p>{{_profile.email_confirm.not_you}}</p></div>
<form method="post" action="/profile/email/confirm" class="form">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="token" value="{{TOKEN}}">
<div class="actions">
<button type="submit" class="btn btn-primary">{{_profile.email_confirm.submit}}</button>
</div>
</form>{{/PENDING}}
{{#DONE}}<h1>{{_profile.email_confirm.done_heading}}</h1>
<div class="alert alert-ok" role="status" id="email-change-result" data-result="changed"><p>{{_profile.email_confirm.done}}</p></div>
<p>{{_profile.email_confirm.done_next}}</p>{{/DONE}}
{{#TAKEN}}<h1>{{_profile.email_confirm.taken_heading}}</h1>
<div class="alert alert-error" role="alert" id="email-change-result" data-result="taken"><p>{{_profile.email_confirm.taken}}</p></div>{{/TAKEN}}
{{#USED}}<h1>{{_profile.email_confirm.used_heading}}</h1>
<div class="alert alert-error" role="alert" id="email-change-result" data-result="used"><p>{{_profile.email_confirm.used}}</p></div>{{/USED}}
{{#EXPIRED}}<h1>{{_profile.email_confirm.expired_heading}}</h1>
<div class="alert alert-error" role="alert" id="email-change-result" data-result="expired"><p>{{_profile.email_confirm.expired}}</p></div>{{/EXPIRED}}
{{#UNKNOWN}}<h1>{{_profile.email_confirm.unknown_heading}}</h1>
<div class="alert alert-error" role="alert" id="email-change-result" data-result="unknown"><p>{{_profile.email_confirm.unknown}}</p></div>{{/UNKNOWN}}
{{#LOGGED_IN}}<p class="after-form"><a href="/profile/email">{{_profile.email_confirm.to_form}}</a></p>{{/LOGGED_IN}}
{{#LOGGED_OUT}}<p class="after-form"><a href="/login">{{_profile.email_confirm.to_login}}</a></p>{{/LOGGED_OUT}}
