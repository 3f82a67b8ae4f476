{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<h1>{{_admin.search.heading}}</h1>
{{#DONE}}<div class="alert alert-ok" role="status">{{MESSAGE}}</div>{{/DONE}}
<form method="get" action="/admin" class="form search-form" role="search">
<div class="field">
<label for="q">{{_admin.search.label}}</label>
<input id="q" name="q" type="search" value="{{Q}}" spellcheck="false" aria-describedby="q-hint">
<p class="hint" id="q-hint">{{_admin.search.hint}}</p>
</div>
<div class="actions"><button type="submit" class="btn btn-primary">{{_admin.search.submit}}</button></div>
</form>
{{#WAITING}}<h2 id="results-heading">{{_admin.search.waiting_heading}}</h2>
<p class="hint">{{_admin.search.waiting_hint}}</p>{{/WAITING}}
{{#FOUND}}<h2 id="results-heading">{{_admin.search.found_heading}}</h2>{{/FOUND}}
{{#NONE_WAITING}}<p>{{_admin.search.none_waiting}}</p>{{/NONE_WAITING}}
{{#NONE_FOUND}}<p>{{_admin.search.none_found}}</p>{{/NONE_FOUND}}
{{#RESULTS}}<div class="table-scroll" role="region" aria-labelledby="results-heading" tabindex="0">
<table class="accounts">
<thead><tr>
<th scope="col">{{_admin.col.name}}</th>
<th scope="col">{{_admin.col.email}}</th>
<th scope="col">{{_admin.col.state}}</th>
<th scope="col">{{_admin.col.municipality}}</th>
<th scope="col">{{_admin.col.registered}}</th>
<th scope="col">{{_admin.col.actions}}</th>
</tr></thead>
<tbody>
{{#ROW}}<tr>
<td>{{NAME}}</td>
<td class="email">{{EMAIL}}</td>
<td><span class="state state-{{STATE}}">{{STATE_TEXT}}</span></td>
<td>{{#MUNICIPALITY}}{{MUNICIPALITY_NAME}}<br><span class="tax-number">{{TAX_NUMBER}}</span>{{/MUNICIPALITY}}</td>
<td>{{CREATED}}</td>
<td><ul class="row-actions">{{#ACTION}}<li><a href="{{URL}}">{{LABEL}}<span class="visually-hidden"> – {{EMAIL}}</span></a></li>{{/ACTION}}</ul></td>
</tr>
{{/ROW}}</tbody>
</table>
</div>{{/RESULTS}}
{{#MORE}}<p class="hint">{{_admin.search.more}}</p>{{/MORE}}
