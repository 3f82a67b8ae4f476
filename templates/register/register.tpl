{{%AUTOESCAPE context="HTML"}}
<h1>{{_register.heading}}</h1>
<p>{{_register.intro}}</p>
<form method="post" action="/register" class="form" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
{{! Enter in a field presses the first submit button of a form: this one, not the "new code" button. }}
<button type="submit" class="default-submit" tabindex="-1" aria-hidden="true">{{_register.submit}}</button>
<p class="required-note">{{_form.required_note}}</p>
<div class="field">
<label for="last_name">{{_register.last_name}} <span class="req" aria-hidden="true">*</span></label>
<input id="last_name" name="last_name" type="text" autocomplete="family-name" required value="{{LAST_NAME}}"{{#LAST_NAME_ERROR}} aria-invalid="true" aria-describedby="last_name-error"{{/LAST_NAME_ERROR}}>
{{#LAST_NAME_ERROR}}<p class="field-error" id="last_name-error">{{MESSAGE}}</p>{{/LAST_NAME_ERROR}}
</div>
<div class="field">
<label for="first_name">{{_register.first_name}} <span class="req" aria-hidden="true">*</span></label>
<input id="first_name" name="first_name" type="text" autocomplete="given-name" required value="{{FIRST_NAME}}"{{#FIRST_NAME_ERROR}} aria-invalid="true" aria-describedby="first_name-error"{{/FIRST_NAME_ERROR}}>
{{#FIRST_NAME_ERROR}}<p class="field-error" id="first_name-error">{{MESSAGE}}</p>{{/FIRST_NAME_ERROR}}
</div>
<div class="field">
<label for="email">{{_register.email}} <span class="req" aria-hidden="true">*</span></label>
<input id="email" name="email" type="email" autocomplete="email" autocapitalize="none" spellcheck="false" required value="{{EMAIL}}" aria-describedby="email-hint{{#EMAIL_ERROR}} email-error{{/EMAIL_ERROR}}"{{#EMAIL_ERROR}} aria-invalid="true"{{/EMAIL_ERROR}}>
<p class="hint" id="email-hint">{{_register.email_hint}}</p>
{{#EMAIL_ERROR}}<p class="field-error" id="email-error">{{MESSAGE}}</p>{{/EMAIL_ERROR}}
</div>
<div class="field">
<label for="language">{{_register.language}} <span class="req" aria-hidden="true">*</span></label>
<select id="language" name="language" required aria-describedby="language-hint{{#LANGUAGE_ERROR}} language-error{{/LANGUAGE_ERROR}}"{{#LANGUAGE_ERROR}} aria-invalid="true"{{/LANGUAGE_ERROR}}>
<option value="hu"{{#LANGUAGE_HU}} selected{{/LANGUAGE_HU}}>{{_register.language_hu}}</option>
<option value="en"{{#LANGUAGE_EN}} selected{{/LANGUAGE_EN}}>{{_register.language_en}}</option>
</select>
<p class="hint" id="language-hint">{{_register.language_hint}}</p>
{{#LANGUAGE_ERROR}}<p class="field-error" id="language-error">{{MESSAGE}}</p>{{/LANGUAGE_ERROR}}
</div>
<div class="field">
<label for="phone">{{_register.phone}} <span class="req" aria-hidden="true">*</span></label>
<input id="phone" name="phone" type="tel" autocomplete="tel" required value="{{PHONE}}" aria-describedby="phone-hint{{#PHONE_ERROR}} phone-error{{/PHONE_ERROR}}"{{#PHONE_ERROR}} aria-invalid="true"{{/PHONE_ERROR}}>
<p class="hint" id="phone-hint">{{_register.phone_hint}}</p>
{{#PHONE_ERROR}}<p class="field-error" id="phone-error">{{MESSAGE}}</p>{{/PHONE_ERROR}}
</div>
<div class="field">
<label for="password">{{_register.password}} <span class="req" aria-hidden="true">*</span></label>
<input id="password" name="password" type="password" autocomplete="new-password" required aria-describedby="password-rule{{#PASSWORD_ERROR}} password-error{{/PASSWORD_ERROR}}"{{#PASSWORD_ERROR}} aria-invalid="true"{{/PASSWORD_ERROR}}>
<p class="hint" id="password-rule">{{_validation.password.rule}}</p>
<p class="capslock" id="password-capslock" hidden>{{_form.capslock}}</p>
{{#PASSWORD_ERROR}}<p class="field-error" id="password-error">{{MESSAGE}}</p>{{/PASSWORD_ERROR}}
</div>
<div class="field">
<label for="password_confirm">{{_register.password_confirm}} <span class="req" aria-hidden="true">*</span></label>
<input id="password_confirm" name="password_confirm" type="password" autocomplete="new-password" required{{#PASSWORD_CONFIRM_ERROR}} aria-invalid="true" aria-describedby="password_confirm-error"{{/PASSWORD_CONFIRM_ERROR}}>
<p class="capslock" id="password_confirm-capslock" hidden>{{_form.capslock}}</p>
{{#PASSWORD_CONFIRM_ERROR}}<p class="field-error" id="password_confirm-error">{{MESSAGE}}</p>{{/PASSWORD_CONFIRM_ERROR}}
</div>
<div class="field captcha">
<label for="captcha">{{_register.captcha}} <span class="req" aria-hidden="true">*</span></label>
<div class="captcha-row">
<img id="captcha-image" class="captcha-image" src="/captcha?id={{CAPTCHA_ID}}" width="220" height="70" alt="{{_register.captcha_alt}}">
<button type="submit" name="new_captcha" value="1" id="captcha-new" class="btn btn-secondary" formnovalidate>{{_register.captcha_new}}</button>
</div>
<p class="captcha-audio"><a id="captcha-audio" href="/captcha/audio?id={{CAPTCHA_ID}}&amp;lang={{LANG}}" type="audio/wav">{{_register.captcha_listen}}</a> <span class="hint-inline">{{_register.captcha_listen_note}}</span></p>
<input type="hidden" id="captcha_id" name="captcha_id" value="{{CAPTCHA_ID}}">
<input id="captcha" name="captcha" type="text" class="captcha-input" autocomplete="off" autocapitalize="characters" spellcheck="false" required aria-describedby="captcha-hint{{#CAPTCHA_ERROR}} captcha-error{{/CAPTCHA_ERROR}}"{{#CAPTCHA_ERROR}} aria-invalid="true"{{/CAPTCHA_ERROR}}>
<p class="hint" id="captcha-hint">{{_register.captcha_hint}} {{_register.captcha_fallback}} <a href="mailto:{{HELPDESK_EMAIL}}?subject={{_register.helpdesk_subject:uri}}">{{HELPDESK_EMAIL}}</a></p>
<p class="visually-hidden" id="captcha-status" role="status" data-loaded="{{_register.captcha_loaded}}"></p>
{{#CAPTCHA_ERROR}}<p class="field-error" id="captcha-error">{{MESSAGE}}</p>{{/CAPTCHA_ERROR}}
</div>
<div class="actions">
<button type="submit" class="btn btn-primary">{{_register.submit}}</button>
<a class="btn btn-secondary" href="/login">{{_register.back_to_login}}</a>
</div>
</form>
