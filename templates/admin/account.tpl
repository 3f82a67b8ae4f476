{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<h1>{{HEADING}}</h1>
{{#ERROR}}<div class="alert alert-error" role="alert">{{MESSAGE}}</div>{{/ERROR}}
{{#ACCOUNT}}<dl class="facts">
<dt>{{_admin.col.name}}</dt><dd>{{NAME}}</dd>
<dt>{{_admin.col.email}}</dt><dd>{{EMAIL}}</dd>
<dt>{{_admin.col.state}}</dt><dd><span class="state state-{{STATE}}">{{STATE_TEXT}}</span></dd>
{{#MUNICIPALITY}}<dt>{{_admin.col.municipality}}</dt><dd>{{MUNICIPALITY_NAME}} ({{TAX_NUMBER}})</dd>{{/MUNICIPALITY}}
<dt>{{_admin.col.registered}}</dt><dd>{{CREATED}}</dd>
{{#PHONE}}<dt>{{_admin.col.phone}}</dt><dd>{{PHONE_NUMBER}}</dd>{{/PHONE}}
</dl>{{/ACCOUNT}}
{{#CONFIRM}}<p>{{EXPLANATION}}</p>
<form method="post" action="{{ACTION}}" class="form">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="email" value="{{EMAIL}}">
<div class="actions">
<button type="submit" class="btn btn-primary">{{SUBMIT}}</button>
<a class="btn btn-secondary" href="{{BACK_URL}}">{{_admin.cancel}}</a>
</div>
</form>{{/CONFIRM}}
{{#BACK}}<p><a href="{{BACK_URL}}">{{_admin.back_to_search}}</a></p>{{/BACK}}
