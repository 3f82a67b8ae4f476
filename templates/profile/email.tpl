{{%AUTOESCAPE context="HTML"}}
<h1>{{_profile.email_change.heading}}</h1>
{{#SENT}}<div class="alert alert-ok" role="status"><p>{{_profile.email_change.sent}}</p><p>{{_profile.email_change.sent_spam}}</p></div>{{/SENT}}
<p>{{_profile.email_change.intro}}</p>
<dl class="facts readonly">
<dt>{{_profile.email_change.current}}</dt><dd id="current-email">{{EMAIL}}</dd>
</dl>
<form method="post" action="/profile/email" class="form" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<p class="required-note">{{_form.required_note}}</p>
<div class="field">
<label for="new_email">{{_profile.email_change.new_email}} <span class="req" aria-hidden="true">*</span></label>
<input id="new_email" name="new_email" type="email" autocomplete="email" autocapitalize="none" spellcheck="false" required value="{{NEW_EMAIL}}" aria-describedby="new_email-hint{{#NEW_EMAIL_ERROR}} new_email-error{{/NEW_EMAIL_ERROR}}"{{#NEW_EMAIL_ERROR}} aria-invalid="true"{{/NEW_EMAIL_ERROR}}>
<p class="hint" id="new_email-hint">{{_profile.email_change.new_email_hint}}</p>
{{#NEW_EMAIL_ERROR}}<p class="field-error" id="new_email-error">{{MESSAGE}}</p>{{/NEW_EMAIL_ERROR}}
</div>
<div class="field">
<label for="current_password">{{_profile.security.current_password}} <span class="req" aria-hidden="true">*</span></label>
<input id="current_password" name="current_password" type="password" autocomplete="current-password" required{{#CURRENT_PASSWORD_ERROR}} aria-invalid="true" aria-describedby="current_password-error"{{/CURRENT_PASSWORD_ERROR}}>
<p class="capslock" id="current_password-capslock" hidden>{{_form.capslock}}</p>
{{#CURRENT_PASSWORD_ERROR}}<p class="field-error" id="current_password-error">{{MESSAGE}}</p>{{/CURRENT_PASSWORD_ERROR}}
</div>
<div class="actions">
<button type="submit" class="btn btn-primary">{{_profile.email_change.submit}}</button>
<a class="btn btn-secondary" href="/profile">{{_profile.email_change.back}}</a>
</div>
</form>
