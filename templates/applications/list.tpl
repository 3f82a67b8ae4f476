{{%AUTOESCAPE context="HTML"}}
<h1>{{_applications.list.heading}}</h1>
<p class="lead">{{_applications.list.intro}} <strong>{{MUNICIPALITY}}</strong></p>
<p><a class="btn btn-primary" href="/applications/new">{{_applications.new_button}}</a></p>
{{#EMPTY}}<div class="alert alert-info" role="status"><p>{{_applications.list.empty}}</p></div>{{/EMPTY}}
{{#HAS_ROWS}}<div class="table-scroll">
<table class="applications">
<caption class="visually-hidden">{{_applications.list.heading}}</caption>
<thead><tr>
<th scope="col">{{_applications.col.number}}</th>
<th scope="col">{{_applications.col.title}}</th>
<th scope="col">{{_applications.col.programme}}</th>
<th scope="col">{{_applications.col.period}}</th>
<th scope="col">{{_applications.col.headcount}}</th>
<th scope="col">{{_applications.col.support}}</th>
<th scope="col">{{_applications.col.state}}</th>
<th scope="col">{{_applications.col.updated}}</th>
</tr></thead>
<tbody>
{{/HAS_ROWS}}{{#ROW}}<tr>
<td class="nowrap">{{#HAS_NUMBER}}{{NUMBER}}{{/HAS_NUMBER}}{{#NO_NUMBER}}<span class="muted">{{_applications.no_number}}</span>{{/NO_NUMBER}}</td>
<td><a href="/applications/{{ID}}">{{TITLE}}</a></td>
<td>{{PROGRAMME}}</td>
<td class="nowrap">{{START}} – {{END}}</td>
<td>{{HEADCOUNT}}</td>
<td class="nowrap">{{#HAS_SUPPORT}}{{SUPPORT}}{{/HAS_SUPPORT}}</td>
<td><span class="state state-app-{{STATE_CODE}}" data-state="{{STATE_CODE}}">{{STATE}}</span></td>
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
