{{%AUTOESCAPE context="HTML"}}
<h1>{{_login.two_factor.heading}}</h1>
{{#ERROR}}<div class="alert alert-error" role="alert">{{MESSAGE}}</div>{{/ERROR}}
<p>{{_login.two_factor.intro}}</p>
<form method="post" action="/login/two-factor" class="form" id="two-factor-form" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
{{#CONTINUE}}<input type="hidden" name="continue" value="{{HANDLE}}">
{{/CONTINUE}}<div class="field">
<label for="code">{{_login.two_factor.code}}</label>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" autocapitalize="none" spellcheck="false" maxlength="12" aria-describedby="code-hint{{#CODE_ERROR}} code-error{{/CODE_ERROR}}"{{#CODE_ERROR}} aria-invalid="true"{{/CODE_ERROR}}>
<p class="hint" id="code-hint">{{_login.two_factor.code_hint}}</p>
{{#CODE_ERROR}}<p class="field-error" id="code-error">{{MESSAGE}}</p>{{/CODE_ERROR}}
</div>
<details class="recovery"{{#RECOVERY_OPEN}} open{{/RECOVERY_OPEN}}>
<summary>{{_login.two_factor.no_phone}}</summary>
<div class="field">
<label for="recovery_code">{{_login.two_factor.recovery_code}}</label>
<input id="recovery_code" name="recovery_code" type="text" autocomplete="off" autocapitalize="none" spellcheck="false" maxlength="32" aria-describedby="recovery_code-hint">
<p class="hint" id="recovery_code-hint">{{_login.two_factor.recovery_hint}}</p>
</div>
</details>
<div class="actions">
<button type="submit" class="btn btn-primary">{{_login.two_factor.submit}}</button>
<a class="btn btn-secondary" href="/login">{{_login.two_factor.start_again}}</a>
</div>
</form>
