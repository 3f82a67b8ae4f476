{{%AUTOESCAPE context="HTML"}}
<h1>{{_profile.heading}}</h1>
{{#SAVED}}<div class="alert alert-ok" role="status"><p>{{_profile.saved}}</p></div>{{/SAVED}}
<p>{{_profile.intro}} {{_profile.to_security_before}} <a href="/profile/security">{{_profile.to_security}}</a> {{_profile.to_security_after}}</p>
<form method="post" action="/profile" class="form" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<p class="required-note">{{_form.required_note}}</p>
<dl class="facts readonly">
<dt>{{_profile.email}}</dt><dd>{{EMAIL}}</dd>
</dl>
<p class="hint email-note">{{_profile.email_note}} <a href="/profile/email">{{_profile.to_email_change}}</a></p>
<div class="field">
<label for="last_name">{{_profile.last_name}} <span class="req" aria-hidden="true">*</span></label>
<input id="last_name" name="last_name" type="text" autocomplete="family-name" required value="{{LAST_NAME}}"{{#LAST_NAME_ERROR}} aria-invalid="true" aria-describedby="last_name-error"{{/LAST_NAME_ERROR}}>
{{#LAST_NAME_ERROR}}<p class="field-error" id="last_name-error">{{MESSAGE}}</p>{{/LAST_NAME_ERROR}}
</div>
<div class="field">
<label for="first_name">{{_profile.first_name}} <span class="req" aria-hidden="true">*</span></label>
<input id="first_name" name="first_name" type="text" autocomplete="given-name" required value="{{FIRST_NAME}}"{{#FIRST_NAME_ERROR}} aria-invalid="true" aria-describedby="first_name-error"{{/FIRST_NAME_ERROR}}>
{{#FIRST_NAME_ERROR}}<p class="field-error" id="first_name-error">{{MESSAGE}}</p>{{/FIRST_NAME_ERROR}}
</div>
<div class="field">
<label for="phone">{{_profile.phone}} <span class="req" aria-hidden="true">*</span></label>
<input id="phone" name="phone" type="tel" autocomplete="tel" required value="{{PHONE}}" aria-describedby="phone-hint{{#PHONE_ERROR}} phone-error{{/PHONE_ERROR}}"{{#PHONE_ERROR}} aria-invalid="true"{{/PHONE_ERROR}}>
<p class="hint" id="phone-hint">{{_profile.phone_hint}}</p>
{{#PHONE_ERROR}}<p class="field-error" id="phone-error">{{MESSAGE}}</p>{{/PHONE_ERROR}}
</div>
<div class="field">
<label for="language">{{_profile.language}} <span class="req" aria-hidden="true">*</span></label>
<select id="language" name="language" required aria-describedby="language-hint{{#LANGUAGE_ERROR}} language-error{{/LANGUAGE_ERROR}}"{{#LANGUAGE_ERROR}} aria-invalid="true"{{/LANGUAGE_ERROR}}>
<option value="hu"{{#LANGUAGE_HU}} selected{{/LANGUAGE_HU}}>{{_profile.language_hu}}</option>
<option value="en"{{#LANGUAGE_EN}} selected{{/LANGUAGE_EN}}>{{_profile.language_en}}</option>
</select>
<p class="hint" id="language-hint">{{_profile.language_hint}}</p>
{{#LANGUAGE_ERROR}}<p class="field-error" id="language-error">{{MESSAGE}}</p>{{/LANGUAGE_ERROR}}
</div>
{{#CLERK}}<fieldset>
<legend>{{_profile.application_mails.legend}}</legend>
<div class="field checkbox">
<input id="application_mails" name="application_mails" type="checkbox" value="yes"{{#MAILS_ON}} checked{{/MAILS_ON}} aria-describedby="application_mails-hint">
<label for="application_mails">{{_profile.application_mails.label}}</label>
<p class="hint" id="application_mails-hint">{{_profile.application_mails.hint}}</p>
</div>
</fieldset>{{/CLERK}}
<div class="actions">
<button type="submit" class="btn btn-primary">{{_profile.submit}}</button>
</div>
</form>
