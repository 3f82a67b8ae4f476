{{%AUTOESCAPE context="HTML"}}
<h1>{{_login.heading}}</h1>
{{#ERROR}}<div class="alert alert-error" role="alert">{{MESSAGE}}</div>{{/ERROR}}
{{#PENDING}}<div class="alert alert-info" role="alert"><p>{{_login.pending}}</p><p><a href="/confirm/resend">{{_login.pending_resend}}</a></p></div>{{/PENDING}}
{{#UNLINKED}}<div class="alert alert-info" role="alert"><p>{{_login.unlinked}}</p></div>{{/UNLINKED}}
{{#DISABLED}}<div class="alert alert-error" role="alert"><p>{{_login.disabled}}</p></div>{{/DISABLED}}
{{#NOTICE}}<div class="alert alert-info" role="status">{{MESSAGE}}</div>{{/NOTICE}}
<form method="post" action="/login" class="form" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
{{#CONTINUE}}<input type="hidden" name="continue" value="{{HANDLE}}">
{{/CONTINUE}}<p class="required-note">{{_form.required_note}}</p>
<div class="field">
<label for="email">{{_login.username}} <span class="req" aria-hidden="true">*</span></label>
<input id="email" name="email" type="email" autocomplete="username" autocapitalize="none" spellcheck="false" required value="{{EMAIL}}" aria-describedby="email-hint{{#EMAIL_ERROR}} email-error{{/EMAIL_ERROR}}"{{#EMAIL_ERROR}} aria-invalid="true"{{/EMAIL_ERROR}}>
<p class="hint" id="email-hint">{{_login.username_hint}}</p>
{{#EMAIL_ERROR}}<p class="field-error" id="email-error">{{MESSAGE}}</p>{{/EMAIL_ERROR}}
</div>
<div class="field">
<label for="password">{{_login.password}} <span class="req" aria-hidden="true">*</span></label>
<input id="password" name="password" type="password" autocomplete="current-password" required aria-describedby="password-hint{{#PASSWORD_ERROR}} password-error{{/PASSWORD_ERROR}}"{{#PASSWORD_ERROR}} aria-invalid="true"{{/PASSWORD_ERROR}}>
<p class="hint" id="password-hint">{{_login.password_hint}}</p>
{{#PASSWORD_ERROR}}<p class="field-error" id="password-error">{{MESSAGE}}</p>{{/PASSWORD_ERROR}}
<p class="capslock" id="password-capslock" hidden>{{_form.capslock}}</p>
</div>
<div class="actions">
<button type="submit" class="btn btn-primary">{{_login.submit}}</button>
<a class="btn btn-secondary" href="/register">{{_login.register}}</a>
</div>
</form>
<p class="after-form"><a href="/password/forgot">{{_login.forgot}}</a></p>
