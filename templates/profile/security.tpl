{{%AUTOESCAPE context="HTML"}}
<h1>{{_profile.security.heading}}</h1>
{{#CHANGED}}<div class="alert alert-ok" role="status"><p>{{_profile.security.changed}}</p></div>{{/CHANGED}}
<p>{{_profile.security.intro}}</p>
<form method="post" action="/profile/security" class="form" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<p class="required-note">{{_form.required_note}}</p>
<div class="field">
<label for="current_password">{{_profile.security.current_password}} <span class="req" aria-hidden="true">*</span></label>
<input id="current_password" name="current_password" type="password" autocomplete="current-password" required{{#CURRENT_PASSWORD_ERROR}} aria-invalid="true" aria-describedby="current_password-error"{{/CURRENT_PASSWORD_ERROR}}>
<p class="capslock" id="current_password-capslock" hidden>{{_form.capslock}}</p>
{{#CURRENT_PASSWORD_ERROR}}<p class="field-error" id="current_password-error">{{MESSAGE}}</p>{{/CURRENT_PASSWORD_ERROR}}
</div>
<div class="field">
<label for="password">{{_profile.security.password}} <span class="req" aria-hidden="true">*</span></label>
<input id="password" name="password" type="password" autocomplete="new-password" required aria-describedby="password-rule{{#PASSWORD_ERROR}} password-error{{/PASSWORD_ERROR}}"{{#PASSWORD_ERROR}} aria-invalid="true"{{/PASSWORD_ERROR}}>
<p class="hint" id="password-rule">{{_validation.password.rule}}</p>
<p class="capslock" id="password-capslock" hidden>{{_form.capslock}}</p>
{{#PASSWORD_ERROR}}<p class="field-error" id="password-error">{{MESSAGE}}</p>{{/PASSWORD_ERROR}}
</div>
<div class="field">
<label for="password_confirm">{{_profile.security.password_confirm}} <span class="req" aria-hidden="true">*</span></label>
<input id="password_confirm" name="password_confirm" type="password" autocomplete="new-password" required{{#PASSWORD_CONFIRM_ERROR}} aria-invalid="true" aria-describedby="password_confirm-error"{{/PASSWORD_CONFIRM_ERROR}}>
<p class="capslock" id="password_confirm-capslock" hidden>{{_form.capslock}}</p>
{{#PASSWORD_CONFIRM_ERROR}}<p class="field-error" id="password_confirm-error">{{MESSAGE}}</p>{{/PASSWORD_CONFIRM_ERROR}}
</div>
<div class="actions">
<button type="submit" class="btn btn-primary">{{_profile.security.submit}}</button>
</div>
</form>
<p class="after-form">{{_profile.security.forgot}} <a href="/password/forgot">{{_profile.security.forgot_link}}</a></p>
<section class="two-factor" aria-labelledby="two-factor-heading">
<h2 id="two-factor-heading">{{_profile.two_factor.heading}}</h2>
{{#TWO_FACTOR_TURNED_OFF}}<div class="alert alert-ok" role="status"><p>{{_profile.two_factor.turned_off}}</p></div>{{/TWO_FACTOR_TURNED_OFF}}
<p id="security-two-factor-state">{{#TWO_FACTOR_ON}}{{_profile.two_factor.state_on}}{{/TWO_FACTOR_ON}}{{#TWO_FACTOR_OFF}}{{_profile.two_factor.state_off}}{{/TWO_FACTOR_OFF}}</p>
<p><a href="/profile/two-factor" id="two-factor-link">{{#TWO_FACTOR_ON}}{{_profile.two_factor.manage}}{{/TWO_FACTOR_ON}}{{#TWO_FACTOR_OFF}}{{_profile.two_factor.set_up}}{{/TWO_FACTOR_OFF}}</a></p>
</section>
<section class="sessions-link" aria-labelledby="sessions-heading">
<h2 id="sessions-heading">{{_profile.sessions.heading}}</h2>
<p>{{_profile.sessions.link_intro}} <a href="/profile/sessions" id="sessions-link">{{_profile.sessions.link}}</a></p>
</section>
<section class="connected-services" aria-labelledby="services-heading">
<h2 id="services-heading">{{_profile.services.heading}}</h2>
{{#WITHDRAWN}}<div class="alert alert-ok" role="status"><p>{{_profile.services.withdrawn}}</p></div>{{/WITHDRAWN}}
<p>{{_profile.services.intro}}</p>
{{#NO_SERVICES}}<p id="no-services">{{_profile.services.none}}</p>{{/NO_SERVICES}}
{{#SERVICE}}<div class="service" data-client-id="{{CLIENT_ID}}">
<h3>{{NAME}}</h3>
<p>{{_profile.services.since}} {{SINCE}}</p>
<p>{{_profile.services.reads}}</p>
<ul>
{{#READS}}<li>{{TEXT}}</li>
{{/READS}}</ul>
<form method="post" action="/profile/security/services" class="form">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="client" value="{{CLIENT_ID}}">
<button type="submit" class="btn btn-secondary">{{_profile.services.withdraw}} <span class="visually-hidden">({{NAME}})</span></button>
</form>
</div>
{{/SERVICE}}</section>
