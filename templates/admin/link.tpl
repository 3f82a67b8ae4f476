{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<h1>{{_admin.link.heading}}</h1>
<p>{{_admin.link.intro}}</p>
{{#ACCOUNT}}<section class="account-summary" aria-labelledby="account-heading">
<h2 id="account-heading">{{_admin.link.account_heading}}</h2>
<dl class="facts">
<dt>{{_admin.col.name}}</dt><dd>{{NAME}}</dd>
<dt>{{_admin.col.email}}</dt><dd>{{EMAIL}}</dd>
<dt>{{_admin.col.state}}</dt><dd><span class="state state-{{STATE}}">{{STATE_TEXT}}</span></dd>
{{#MUNICIPALITY}}<dt>{{_admin.col.municipality}}</dt><dd>{{MUNICIPALITY_NAME}} ({{TAX_NUMBER}})</dd>{{/MUNICIPALITY}}
<dt>{{_admin.col.registered}}</dt><dd>{{CREATED}}</dd>
</dl>
{{#ACCOUNT_PENDING}}<div class="alert alert-info" role="status">{{_admin.error.pending}}</div>{{/ACCOUNT_PENDING}}
</section>{{/ACCOUNT}}
<form method="post" action="/admin/link" class="form" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<p class="required-note">{{_form.required_note}}</p>
<div class="field">
<label for="email">{{_admin.link.email}} <span class="req" aria-hidden="true">*</span></label>
<input id="email" name="email" type="email" autocomplete="off" spellcheck="false" required value="{{EMAIL}}" aria-describedby="email-hint{{#EMAIL_ERROR}} email-error{{/EMAIL_ERROR}}"{{#EMAIL_ERROR}} aria-invalid="true"{{/EMAIL_ERROR}}>
<p class="hint" id="email-hint">{{_admin.link.email_hint}}</p>
{{#EMAIL_ERROR}}<p class="field-error" id="email-error">{{MESSAGE}}</p>{{/EMAIL_ERROR}}
</div>
<div class="field">
<label for="tax_number">{{_admin.link.tax_number}} <span class="req" aria-hidden="true">*</span></label>
<input id="tax_number" name="tax_number" type="text" autocomplete="off" spellcheck="false" required value="{{TAX_NUMBER}}" list="office-municipalities" class="tax-number-input" aria-describedby="tax_number-hint{{#TAX_NUMBER_ERROR}} tax_number-error{{/TAX_NUMBER_ERROR}}"{{#TAX_NUMBER_ERROR}} aria-invalid="true"{{/TAX_NUMBER_ERROR}}>
<p class="hint" id="tax_number-hint">{{_admin.link.tax_number_hint}}</p>
{{#TAX_NUMBER_ERROR}}<p class="field-error" id="tax_number-error">{{MESSAGE}}</p>{{/TAX_NUMBER_ERROR}}
</div>
<div class="field">
<label for="municipality_name">{{_admin.link.municipality_name}}</label>
<input id="municipality_name" name="municipality_name" type="text" autocomplete="off" value="{{MUNICIPALITY_NAME}}" aria-describedby="municipality_name-hint{{#MUNICIPALITY_NAME_ERROR}} municipality_name-error{{/MUNICIPALITY_NAME_ERROR}}"{{#MUNICIPALITY_NAME_ERROR}} aria-invalid="true"{{/MUNICIPALITY_NAME_ERROR}}>
<p class="hint" id="municipality_name-hint">{{_admin.link.municipality_name_hint}} <strong>{{OFFICE_NAME}}</strong></p>
{{#MUNICIPALITY_NAME_ERROR}}<p class="field-error" id="municipality_name-error">{{MESSAGE}}</p>{{/MUNICIPALITY_NAME_ERROR}}
</div>
<div class="actions">
<button type="submit" class="btn btn-primary">{{_admin.link.submit}}</button>
<a class="btn btn-secondary" href="/admin">{{_admin.cancel}}</a>
</div>
</form>
<datalist id="office-municipalities">
{{#OPTION}}<option value="{{TAX_NUMBER}}" label="{{MUNICIPALITY_NAME}}"></option>
{{/OPTION}}</datalist>
<h2 id="municipalities-heading">{{_admin.link.municipalities_heading}}</h2>
{{#NO_MUNICIPALITIES}}<p>{{_admin.link.no_municipalities}}</p>{{/NO_MUNICIPALITIES}}
{{#MUNICIPALITIES}}<div class="table-scroll" role="region" aria-labelledby="municipalities-heading" tabindex="0">
<table>
<thead><tr><th scope="col">{{_admin.col.municipality}}</th><th scope="col">{{_admin.col.tax_number}}</th><th scope="col">{{_admin.col.contacts}}</th></tr></thead>
<tbody>
{{#MUNICIPALITY_ROW}}<tr><td>{{MUNICIPALITY_NAME}}</td><td class="tax-number">{{TAX_NUMBER}}</td><td>{{CONTACTS}}</td></tr>
{{/MUNICIPALITY_ROW}}</tbody>
</table>
</div>{{/MUNICIPALITIES}}
