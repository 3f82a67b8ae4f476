{{%AUTOESCAPE context="HTML"}}
<h1>{{_profile.two_factor.heading}}</h1>
{{#ENROL}}{{#CLERK_MUST}}<div class="alert alert-info" role="status"><p>{{_profile.two_factor.clerk_must}}</p></div>{{/CLERK_MUST}}
<p>{{_profile.two_factor.intro}}</p>
<ol class="steps">
<li>{{_profile.two_factor.step_app}}</li>
<li>{{_profile.two_factor.step_scan}}
<div class="totp-qr-box">{{QR:none}}</div>
<p>{{_profile.two_factor.step_type}}</p>
<dl class="facts">
<dt>{{_profile.two_factor.key}}</dt><dd><code id="totp-secret" class="totp-secret">{{SECRET}}</code></dd>
<dt>{{_profile.two_factor.account}}</dt><dd>{{ACCOUNT}}</dd>
<dt>{{_profile.two_factor.kind}}</dt><dd>{{_profile.two_factor.kind_value}}</dd>
</dl></li>
<li>{{_profile.two_factor.step_code}}</li>
</ol>
<form method="post" action="/profile/two-factor" class="form" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="field">
<label for="code">{{_profile.two_factor.code}} <span class="req" aria-hidden="true">*</span></label>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" autocapitalize="none" spellcheck="false" maxlength="12" required aria-describedby="code-hint{{#CODE_ERROR}} code-error{{/CODE_ERROR}}"{{#CODE_ERROR}} aria-invalid="true"{{/CODE_ERROR}}>
<p class="hint" id="code-hint">{{_profile.two_factor.code_hint}}</p>
{{#CODE_ERROR}}<p class="field-error" id="code-error">{{MESSAGE}}</p>{{/CODE_ERROR}}
</div>
<div class="actions">
<button type="submit" class="btn btn-primary">{{_profile.two_factor.confirm}}</button>
</div>
</form>
{{/ENROL}}{{#CODES}}<div class="alert alert-ok" role="status"><p>{{_profile.two_factor.enabled}}</p></div>
<h2 id="recovery-heading">{{_profile.two_factor.codes_heading}}</h2>
<p><strong>{{_profile.two_factor.codes_once}}</strong></p>
<p>{{_profile.two_factor.codes_advice}}</p>
<ul class="recovery-codes" aria-labelledby="recovery-heading">
{{#CODE}}<li><code class="recovery-code">{{RECOVERY_CODE}}</code></li>
{{/CODE}}</ul>
<p><a class="btn btn-primary" href="{{NEXT}}">{{_profile.two_factor.codes_done}}</a></p>
{{/CODES}}{{#ON}}{{#LOCKED}}<div class="alert alert-error" role="alert"><p>{{MESSAGE}}</p></div>{{/LOCKED}}
<div class="alert alert-ok" role="status"><p id="two-factor-state">{{_profile.two_factor.is_on}}</p></div>
<p id="recovery-left">{{CODES_LEFT}}</p>
{{#CLERK_KEEPS}}<p>{{_profile.two_factor.clerk_keeps}}</p>{{/CLERK_KEEPS}}
{{#DISABLE}}<h2 id="disable-heading">{{_profile.two_factor.disable_heading}}</h2>
<p>{{_profile.two_factor.disable_intro}}</p>
<form method="post" action="/profile/two-factor" class="form" aria-labelledby="disable-heading" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="disable" value="1">
<div class="field">
<label for="password">{{_profile.two_factor.password}} <span class="req" aria-hidden="true">*</span></label>
<input id="password" name="password" type="password" autocomplete="current-password" required{{#PASSWORD_ERROR}} aria-invalid="true" aria-describedby="password-error"{{/PASSWORD_ERROR}}>
<p class="capslock" id="password-capslock" hidden>{{_form.capslock}}</p>
{{#PASSWORD_ERROR}}<p class="field-error" id="password-error">{{MESSAGE}}</p>{{/PASSWORD_ERROR}}
</div>
<div class="field">
<label for="code">{{_profile.two_factor.code}} <span class="req" aria-hidden="true">*</span></label>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" autocapitalize="none" spellcheck="false" maxlength="12" required aria-describedby="code-hint{{#CODE_ERROR}} code-error{{/CODE_ERROR}}"{{#CODE_ERROR}} aria-invalid="true"{{/CODE_ERROR}}>
<p class="hint" id="code-hint">{{_profile.two_factor.code_hint}}</p>
{{#CODE_ERROR}}<p class="field-error" id="code-error">{{MESSAGE}}</p>{{/CODE_ERROR}}
</div>
<div class="actions">
<button type="submit" class="btn btn-secondary">{{_profile.two_factor.disable}}</button>
</div>
</form>{{/DISABLE}}
<p><a href="/profile/security">{{_profile.two_factor.back}}</a></p>
{{/ON}}
