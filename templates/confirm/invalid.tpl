{{%AUTOESCAPE context="HTML"}}
{{#EXPIRED}}<h1>{{_confirm.expired.heading}}</h1>
<div class="alert alert-error" role="alert"><p>{{_confirm.expired.message}}</p></div>{{/EXPIRED}}
{{#UNKNOWN}}<h1>{{_confirm.unknown.heading}}</h1>
<div class="alert alert-error" role="alert"><p>{{_confirm.unknown.message}}</p></div>{{/UNKNOWN}}
<h2>{{_confirm.resend.heading}}</h2>
<p>{{_confirm.resend.intro}}</p>
<form method="post" action="/confirm/resend" class="form" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<p class="required-note">{{_form.required_note}}</p>
<div class="field">
<label for="email">{{_confirm.resend.email}} <span class="req" aria-hidden="true">*</span></label>
<input id="email" name="email" type="email" autocomplete="email" autocapitalize="none" spellcheck="false" required value="">
</div>
<div class="actions">
<button type="submit" class="btn btn-primary">{{_confirm.resend.submit}}</button>
</div>
</form>
<p class="after-form">{{_confirm.already_confirmed_hint}} <a href="/login">{{_confirm.to_login}}</a></p>
