{{%AUTOESCAPE context="HTML"}}
{{#PENDING}}<h1>{{_profile.email_cancel.heading}}</h1>
<p>{{_profile.email_cancel.intro}}</p>
<dl class="facts">
<dt>{{_profile.email_confirm.account}}</dt><dd>{{NAME}}</dd>
<dt>{{_profile.email_confirm.old_email}}</dt><dd>{{OLD_EMAIL}}</dd>
<dt>{{_profile.email_cancel.asked_for}}</dt><dd id="new-email">{{NEW_EMAIL}}</dd>
</dl>
<p>{{_profile.email_cancel.pending_effect}}</p>
<form method="post" action="/profile/email/cancel" class="form">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="token" value="{{TOKEN}}">
<div class="actions">
<button type="submit" class="btn btn-primary">{{_profile.email_cancel.submit}}</button>
</div>
</form>{{/PENDING}}
{{#CONFIRMED}}<h1>{{_profile.email_cancel.revert_heading}}</h1>
<p>{{_profile.email_cancel.revert_intro}}</p>
<dl class="facts">
<dt>{{_profile.email_confirm.account}}</dt><dd>{{NAME}}</dd>
<dt>{{_profile.email_cancel.changed_to}}</dt><dd id="new-email">{{NEW_EMAIL}}</dd>
<dt>{{_profile.email_cancel.back_to}}</dt><dd>{{OLD_EMAIL}}</dd>
</dl>
<p>{{_profile.email_cancel.revert_effect}}</p>
<form method="post" action="/profile/email/cancel" class="form">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="token" value="{{TOKEN}}">
<div class="actions">
<button type="submit" class="btn btn-primary">{{_profile.email_cancel.revert_submit}}</button>
</div>
</form>{{/CONFIRMED}}
{{#CANCELLED}}<h1>{{_profile.email_cancel.cancelled_heading}}</h1>
<div class="alert alert-ok" role="status" id="email-change-result" data-result="cancelled"><p>{{_profile.email_cancel.cancelled}}</p></div>
<p>{{_profile.email_cancel.cancelled_advice}}</p>{{/CANCELLED}}
{{#REVERTED}}<h1>{{_profile.email_cancel.reverted_heading}}</h1>
<div class="alert alert-ok" role="status" id="email-change-result" data-result="reverted"><p>{{_profile.email_cancel.reverted}}</p></div>
<p>{{_profile.email_cancel.reverted_advice}} <a href="/password/forgot">{{_profile.email_cancel.to_forgot}}</a></p>{{/REVERTED}}
{{#TAKEN}}<h1>{{_profile.email_cancel.taken_heading}}</h1>
<div class="alert alert-error" role="alert" id="email-change-result" data-result="taken"><p>{{_profile.email_cancel.taken}} <a href="mailto:{{HELPDESK_EMAIL}}">{{HELPDESK_EMAIL}}</a></p></div>{{/TAKEN}}
{{#USED}}<h1>{{_profile.email_cancel.used_heading}}</h1>
<div class="alert alert-error" role="alert" id="email-change-result" data-result="used"><p>{{_profile.email_cancel.used}}</p></div>{{/USED}}
{{#EXPIRED}}<h1>{{_profile.email_cancel.expired_heading}}</h1>
<div class="alert alert-error" role="alert" id="email-change-result" data-result="expired"><p>{{_profile.email_cancel.expired}} <a href="mailto:{{HELPDESK_EMAIL}}">{{HELPDESK_EMAIL}}</a></p></div>{{/EXPIRED}}
{{#UNKNOWN}}<h1>{{_profile.email_cancel.unknown_heading}}</h1>
<div class="alert alert-error" role="alert" id="email-change-result" data-result="unknown"><p>{{_profile.email_cancel.unknown}}</p></div>{{/UNKNOWN}}
{{#LOGGED_IN}}<p class="after-form"><a href="/profile">{{_profile.email_cancel.to_profile}}</a></p>{{/LOGGED_IN}}
{{#LOGGED_OUT}}<p class="after-form"><a href="/login">{{_profile.email_confirm.to_login}}</a></p>{{/LOGGED_OUT}}
