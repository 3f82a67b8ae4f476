{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<h1>{{_admin.audit.heading}}</h1>
<form method="get" action="/admin/audit" class="form filter-form" novalidate>
<div class="field">
<label for="user">{{_admin.audit.user}}</label>
<input id="user" name="user" type="text" inputmode="email" autocomplete="off" spellcheck="false" value="{{USER}}" aria-describedby="user-hint{{#USER_ERROR}} user-error{{/USER_ERROR}}"{{#USER_ERROR}} aria-invalid="true"{{/USER_ERROR}}>
<p class="hint" id="user-hint">{{_admin.audit.user_hint}}</p>
{{#USER_ERROR}}<p class="field-error" id="user-error">{{MESSAGE}}</p>{{/USER_ERROR}}
</div>
<div class="field">
<label for="municipality">{{_admin.audit.municipality}}</label>
<input id="municipality" name="municipality" type="text" autocomplete="off" spellcheck="false" value="{{MUNICIPALITY}}" class="tax-number-input" aria-describedby="municipality-hint{{#MUNICIPALITY_ERROR}} municipality-error{{/MUNICIPALITY_ERROR}}"{{#MUNICIPALITY_ERROR}} aria-invalid="true"{{/MUNICIPALITY_ERROR}}>
<p class="hint" id="municipality-hint">{{_admin.audit.municipality_hint}}</p>
{{#MUNICIPALITY_ERROR}}<p class="field-error" id="municipality-error">{{MESSAGE}}</p>{{/MUNICIPALITY_ERROR}}
</div>
<div class="actions">
<button type="submit" class="btn btn-primary">{{_admin.audit.submit}}</button>
<a class="btn btn-secondary" href="/admin/audit">{{_admin.audit.clear}}</a>
</div>
</form>
{{#OFFICE_WIDE}}<h2 id="rows-heading">{{_admin.audit.office_heading}}</h2>{{/OFFICE_WIDE}}
{{#FILTERED}}<h2 id="rows-heading">{{_admin.audit.filtered_heading}}</h2>{{/FILTERED}}
{{#NO_ROWS}}<p>{{_admin.audit.none}}</p>{{/NO_ROWS}}
{{#ROWS}}<div class="table-scroll" role="region" aria-labelledby="rows-heading" tabindex="0">
<table class="audit">
<thead><tr>
<th scope="col">{{_admin.audit.col.time}}</th>
<th scope="col">{{_admin.audit.col.action}}</th>
<th scope="col">{{_admin.audit.col.actor}}</th>
<th scope="col">{{_admin.audit.col.target}}</th>
<th scope="col">{{_admin.audit.col.before}}</th>
<th scope="col">{{_admin.audit.col.after}}</th>
</tr></thead>
<tbody>
{{#ROW}}<tr>
<td class="nowrap">{{TIME}}</td>
<td>{{#ACTION_NAMED}}{{ACTION_TEXT}}<br>{{/ACTION_NAMED}}<code>{{ACTION}}</code></td>
<td>{{ACTOR}}<br><span class="muted">{{ADDRESS}}</span></td>
<td>{{#TARGET_USER}}{{TARGET_NAME}}<br><span class="muted">{{TARGET_EMAIL}}</span>{{/TARGET_USER}}{{#TARGET_MUNICIPALITY}}<div>{{MUNICIPALITY_NAME}} <span class="tax-number">{{TAX_NUMBER}}</span></div>{{/TARGET_MUNICIPALITY}}</td>
<td>{{#BEFORE_MEMBERS}}<dl class="values">{{#MEMBER}}<dt>{{KEY}}</dt><dd>{{VALUE}}</dd>{{/MEMBER}}</dl>{{/BEFORE_MEMBERS}}{{#BEFORE_IS_RAW}}<code class="json">{{BEFORE_RAW}}</code>{{/BEFORE_IS_RAW}}</td>
<td>{{#AFTER_MEMBERS}}<dl class="values">{{#MEMBER}}<dt>{{KEY}}</dt><dd>{{VALUE}}</dd>{{/MEMBER}}</dl>{{/AFTER_MEMBERS}}{{#AFTER_IS_RAW}}<code class="json">{{AFTER_RAW}}</code>{{/AFTER_IS_RAW}}</td>
</tr>
{{/ROW}}</tbody>
</table>
</div>{{/ROWS}}
{{#ROWS}}<p class="hint">{{_admin.audit.times_utc}}</p>{{/ROWS}}
{{#MORE}}<p class="hint">{{_admin.audit.more}}</p>{{/MORE}}
