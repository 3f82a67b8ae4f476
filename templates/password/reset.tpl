{{%AUTOESCAPE context="HTML"}}
<h1>{{_password.reset.heading}}</h1>
<p class="lead">{{_password.reset.for}} <strong>{{NAME}}</strong></p>
<p>{{_password.reset.intro}}</p>
<form method="post" action="/password/reset" class="form" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="token" value="{{TOKEN}}">
<p class="required-note">{{_form.required_note}}</p>
<div class="field">
<label for="password">{{_password.reset.password}} <span class="req" aria-hidden="true">*</span></label>
<input id="password" name="password" type="password" autocomplete="new-password" required aria-describedby="password-rule{{#PASSWORD_ERROR}} password-error{{/PASSWORD_ERROR}}"{{#PASSWORD_ERROR}} aria-invalid="true"{{/PASSWORD_ERROR}}>
<p class="hint" id="password-rule">{{_validation.password.rule}}</p>
<p class="capslock" id="password-capslock" hidden>{{_form.capslock}}</p>
{{#PASSWORD_ERROR}}<p class="field-error" id="password-error">{{MESSAGE}}</p>{{/PASSWORD_ERROR}}
</div>
<div class="field">
<label for="password_confirm">{{_password.reset.password_confirm}} <span class="req" aria-hidden="true">*</span></label>
<input id="password_confirm" name="password_confirm" type="password" autocomplete="new-password" required{{#PASSWORD_CONFIRM_ERROR}} aria-invalid="true" aria-describedby="password_confirm-error"{{/PASSWORD_CONFIRM_ERROR}}>
<p class="capslock" id="password_confirm-capslock" hidden>{{_form.capslock}}</p>
{{#PASSWORD_CONFIRM_ERROR}}<p class="field-error" id="password_confirm-error">{{MESSAGE}}</p>{{/PASSWORD_CONFIRM_ERROR}}
</div>
<div class="actions">
<button type="submit" class="btn btn-primary">{{_password.reset.submit}}</button>
</div>
</form>
