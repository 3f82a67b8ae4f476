{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<h1>{{_admin.email_change.heading}}</h1>
{{#ERROR}}<div class="alert alert-error" role="alert">{{MESSAGE}}</div>
<p><a href="{{BACK_URL}}">{{_admin.back_to_search}}</a></p>{{/ERROR}}
{{#ACCOUNT}}<dl class="facts">
<dt>{{_admin.col.name}}</dt><dd>{{NAME}}</dd>
<dt>{{_admin.col.email}}</dt><dd>{{EMAIL}}</dd>
<dt>{{_admin.col.state}}</dt><dd><span class="state state-{{STATE}}">{{STATE_TEXT}}</span></dd>
{{#MUNICIPALITY}}<dt>{{_admin.col.municipality}}</dt><dd>{{MUNICIPALITY_NAME}} ({{TAX_NUMBER}})</dd>{{/MUNICIPALITY}}
</dl>{{/ACCOUNT}}
{{#FORM}}<p>{{_admin.email_change.explanation}}</p>
<form method="post" action="/admin/email" class="form" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="email" value="{{EMAIL}}">
<p class="required-note">{{_form.required_note}}</p>
<div class="field">
<label for="new_email">{{_admin.email_change.new_email}} <span class="req" aria-hidden="true">*</span></label>
<input id="new_email" name="new_email" type="email" autocomplete="off" autocapitalize="none" spellcheck="false" required value="{{NEW_EMAIL}}"{{#NEW_EMAIL_ERROR}} aria-invalid="true" aria-describedby="new_email-error"{{/NEW_EMAIL_ERROR}}>
{{#NEW_EMAIL_ERROR}}<p class="field-error" id="new_email-error">{{MESSAGE}}</p>{{/NEW_EMAIL_ERROR}}
</div>
<div class="actions">
<button type="submit" class="btn btn-primary">{{_admin.email_change.submit}}</button>
<a class="btn btn-secondary" href="{{BACK_URL}}">{{_admin.cancel}}</a>
</div>
</form>{{/FORM}}
