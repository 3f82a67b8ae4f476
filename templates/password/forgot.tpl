{{%AUTOESCAPE context="HTML"}}
<h1>{{_password.forgot.heading}}</h1>
<p>{{_password.forgot.intro}}</p>
<form method="post" action="/password/forgot" class="form" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<p class="required-note">{{_form.required_note}}</p>
<div class="field">
<label for="email">{{_password.forgot.email}} <span class="req" aria-hidden="true">*</span></label>
<input id="email" name="email" type="email" autocomplete="email" autocapitalize="none" spellcheck="false" required value="{{EMAIL}}" aria-describedby="email-hint{{#EMAIL_ERROR}} email-error{{/EMAIL_ERROR}}"{{#EMAIL_ERROR}} aria-invalid="true"{{/EMAIL_ERROR}}>
<p class="hint" id="email-hint">{{_password.forgot.email_hint}}</p>
{{#EMAIL_ERROR}}<p class="field-error" id="email-error">{{MESSAGE}}</p>{{/EMAIL_ERROR}}
</div>
<div class="actions">
<button type="submit" class="btn btn-primary">{{_password.forgot.submit}}</button>
<a class="btn btn-secondary" href="/login">{{_password.back_to_login}}</a>
</div>
</form>
<p class="after-form">{{_password.forgot.spam}}</p>
