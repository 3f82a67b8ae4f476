{{%AUTOESCAPE context="HTML"}}
<h1>{{_confirm.resend.heading}}</h1>
<p>{{_confirm.resend.intro}}</p>
<form method="post" action="/confirm/resend" class="form" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<p class="required-note">{{_form.required_note}}</p>
<div class="field">
<label for="email">{{_confirm.resend.email}} <span class="req" aria-hidden="true">*</span></label>
<input id="email" name="email" type="email" autocomplete="email" autocapitalize="none" spellcheck="false" required value="{{EMAIL}}"{{#EMAIL_ERROR}} aria-invalid="true" aria-describedby="email-error"{{/EMAIL_ERROR}}>
{{#EMAIL_ERROR}}<p class="field-error" id="email-error">{{MESSAGE}}</p>{{/EMAIL_ERROR}}
</div>
<div class="actions">
<button type="submit" class="btn btn-primary">{{_confirm.resend.submit}}</button>
<a class="btn btn-secondary" href="/login">{{_confirm.to_login}}</a>
</div>
</form>
