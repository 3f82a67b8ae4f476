{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<h1>{{_admin.applications.heading}}</h1>
<form method="get" action="/admin/applications" class="form inbox-filter" role="search" aria-label="{{_admin.applications.filter_label}}" novalidate>
<div class="field">
<label for="q">{{_admin.applications.q}}</label>
<input id="q" name="q" type="search" value="{{Q}}" spellcheck="false" aria-describedby="q-hint">
<p class="hint" id="q-hint">{{_admin.applications.q_hint}}</p>
</div>
<div class="field">
<label for="state">{{_admin.applications.state}}</label>
<select id="state" name="state">
<option value="">{{_admin.applications.all_states}}</option>
{{#STATE_OPTION}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
{{/STATE_OPTION}}</select>
</div>
<div class="field">
<label for="municipality">{{_admin.applications.municipality}}</label>
<select id="municipality" name="municipality">
<option value="">{{_admin.applications.all_municipalities}}</option>
{{#MUNICIPALITY_OPTION}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
{{/MUNICIPALITY_OPTION}}</select>
</div>
<div class="field">
<label for="year">{{_admin.applications.year}}</label>
<input id="year" name="year" type="text" inputmode="numeric" class="short" value="{{YEAR}}" aria-describedby="year-hint{{#YEAR_ERROR}} year-error{{/YEAR_ERROR}}"{{#YEAR_ERROR}} aria-invalid="true"{{/YEAR_ERROR}}>
<p class="hint" id="year-hint">{{_admin.applications.year_hint}}</p>
{{#YEAR_ERROR}}<p class="field-error" id="year-error">{{MESSAGE}}</p>{{/YEAR_ERROR}}
</div>
<div class="actions"><button type="submit" class="btn btn-primary">{{_admin.applications.filter}}</button>
<a class="btn btn-secondary" href="/admin/applications">{{_admin.applications.clear}}</a></div>
</form>
<nav class="state-counts" aria-label="{{_admin.applications.counts_label}}">
<ul id="state-counts">
{{#COUNT}}<li class="state-count{{#WAITING}} waiting{{/WAITING}}" data-state="{{CODE}}"><a href="{{URL}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{NAME}}: <span class="count" data-count="{{COUNT}}">{{COUNT}}</span></a></li>
{{/COUNT}}</ul>
</nav>
<p><a href="{{CSV_URL}}" id="applications-csv" download>{{_admin.applications.csv}}</a></p>
{{#EMPTY}}<div class="alert alert-info" role="status"><p>{{_admin.applications.empty}}</p></div>{{/EMPTY}}
{{#HAS_ROWS}}<div class="table-scroll" role="region" aria-labelledby="inbox-caption" tabindex="0">
<table class="applications" id="inbox">
<caption id="inbox-caption" class="visually-hidden">{{_admin.applications.heading}}</caption>
<thead><tr>
<th scope="col">{{_applications.col.number}}</th>
<th scope="col">{{_admin.col.municipality}}</th>
<th scope="col">{{_applications.col.title}}</th>
<th scope="col">{{_applications.col.state}}</th>
<th scope="col">{{_applications.col.support}}</th>
<th scope="col">{{_applications.col.updated}}</th>
</tr></thead>
<tbody>
{{/HAS_ROWS}}{{#ROW}}<tr data-application-id="{{ID}}">
<td class="nowrap"><a href="/admin/applications/{{ID}}">{{#HAS_NUMBER}}{{NUMBER}}{{/HAS_NUMBER}}</a></td>
<td>{{MUNICIPALITY}}<br><span class="tax-number">{{TAX_NUMBER}}</span></td>
<td>{{TITLE}}</td>
<td><span class="state state-app-{{STATE_CODE}}" data-state="{{STATE_CODE}}">{{STATE}}</span></td>
<td class="nowrap">{{#HAS_SUPPORT}}{{SUPPORT}}{{/HAS_SUPPORT}}</td>
<td class="nowrap">{{UPDATED}}</td>
</tr>
{{/ROW}}{{#HAS_ROWS}}</tbody>
</table>
</div>{{/HAS_ROWS}}
{{#PAGER}}<nav class="pager" aria-label="{{_applications.list.pages}}">
<p>{{SHOWN}}</p>
<ul class="pager-links">
{{#NEWER}}<li><a href="{{NEWER_URL}}" rel="prev">{{_applications.list.newer}}</a></li>{{/NEWER}}
{{#OLDER}}<li><a href="{{OLDER_URL}}" rel="next">{{_applications.list.older}}</a></li>{{/OLDER}}
</ul>
</nav>{{/PAGER}}
