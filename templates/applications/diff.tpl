{{%AUTOESCAPE context="HTML"}}
<h1>{{HEADING}}</h1>
<dl class="facts diff-versions">
<dt>{{_applications.version}} {{A_NUMBER}}</dt><dd id="diff-version-a" data-version="{{A_NUMBER}}">{{A_KIND}} ({{A_PARTY}}), <time datetime="{{A_WHEN_ISO}}">{{A_WHEN}}</time></dd>
<dt>{{_applications.version}} {{B_NUMBER}}</dt><dd id="diff-version-b" data-version="{{B_NUMBER}}">{{B_KIND}} ({{B_PARTY}}), <time datetime="{{B_WHEN_ISO}}">{{B_WHEN}}</time></dd>
</dl>
<p class="hint">{{_applications.diff.times}}</p>
{{#NO_CHANGES}}<p class="alert alert-info" id="diff-summary" role="status">{{_applications.diff.none}}</p>{{/NO_CHANGES}}
{{#HAS_CHANGES}}<p id="diff-summary">{{_applications.diff.count}} <strong id="diff-changed-count">{{CHANGED_COUNT}}</strong>. {{_applications.diff.marked}}</p>{{/HAS_CHANGES}}
{{#NAV}}<nav class="diff-nav" aria-label="{{_applications.diff.nav}}">
<ul class="pager-links">
{{#PREVIOUS}}<li><a href="{{PREVIOUS_URL}}" rel="prev">{{PREVIOUS_TEXT}}</a></li>{{/PREVIOUS}}
{{#NEXT}}<li><a href="{{NEXT_URL}}" rel="next">{{NEXT_TEXT}}</a></li>{{/NEXT}}
{{#NEWEST}}<li><a href="{{NEWEST_URL}}">{{NEWEST_TEXT}}</a></li>{{/NEWEST}}
</ul>
</nav>{{/NAV}}
{{#FIELDS}}<h2 id="diff-fields-heading">{{_applications.details.heading}}</h2>
<div class="table-scroll" role="region" aria-labelledby="diff-fields-heading" tabindex="0"><table class="diff" aria-labelledby="diff-fields-heading">
<thead><tr><th scope="col">{{_applications.diff.field}}</th><th scope="col">{{_applications.version}} {{A_NUMBER}}</th><th scope="col">{{_applications.version}} {{B_NUMBER}}</th></tr></thead>
<tbody>
{{#ROW}}<tr id="diff-{{ROW_ID}}" data-changed="{{CHANGED}}"{{#IS_CHANGED}} class="changed"{{/IS_CHANGED}}>
<th scope="row">{{LABEL}}{{#IS_CHANGED}} <strong class="diff-marker">{{_applications.diff.changed}}</strong>{{/IS_CHANGED}}</th>
<td class="diff-a">{{#A_CELL}}{{#EMPTY}}<span class="muted">{{_applications.diff.empty}}</span>{{/EMPTY}}{{#OLD}}<del>{{#SHORT}}{{VALUE}}{{/SHORT}}{{#LONG}}<span class="pre">{{VALUE:pre_escape}}</span>{{/LONG}}</del>{{/OLD}}{{#SAME}}{{#SHORT}}{{VALUE}}{{/SHORT}}{{#LONG}}<span class="pre">{{VALUE:pre_escape}}</span>{{/LONG}}{{/SAME}}{{/A_CELL}}</td>
<td class="diff-b">{{#B_CELL}}{{#EMPTY}}<span class="muted">{{_applications.diff.empty}}</span>{{/EMPTY}}{{#NEW}}<ins>{{#SHORT}}{{VALUE}}{{/SHORT}}{{#LONG}}<span class="pre">{{VALUE:pre_escape}}</span>{{/LONG}}</ins>{{/NEW}}{{#SAME}}{{#SHORT}}{{VALUE}}{{/SHORT}}{{#LONG}}<span class="pre">{{VALUE:pre_escape}}</span>{{/LONG}}{{/SAME}}{{/B_CELL}}</td>
</tr>
{{/ROW}}</tbody></table></div>{{/FIELDS}}
<h2 id="diff-budget-heading">{{_applications.budget.heading}}</h2>
{{#NO_BUDGET}}<p class="muted" id="diff-budget-none">{{_applications.diff.no_budget}}</p>{{/NO_BUDGET}}
{{#BUDGET}}<div class="table-scroll" role="region" aria-labelledby="diff-budget-heading" tabindex="0"><table class="diff diff-budget" aria-labelledby="diff-budget-heading">
<thead><tr><th scope="col">{{_applications.diff.figure}}</th><th scope="col">{{_applications.version}} {{A_NUMBER}}</th><th scope="col">{{_applications.version}} {{B_NUMBER}}</th></tr></thead>
<tbody>
{{#ROW}}<tr id="diff-{{ROW_ID}}" data-changed="{{CHANGED}}"{{#IS_CHANGED}} class="changed"{{/IS_CHANGED}}>
<th scope="row">{{LABEL}}{{#IS_CHANGED}} <strong class="diff-marker">{{_applications.diff.changed}}</strong>{{/IS_CHANGED}}</th>
<td class="amount diff-a">{{#A_CELL}}{{#EMPTY}}<span class="muted">{{_applications.diff.empty}}</span>{{/EMPTY}}{{#OLD}}<del>{{#SHORT}}{{VALUE}}{{/SHORT}}</del>{{/OLD}}{{#SAME}}{{#SHORT}}{{VALUE}}{{/SHORT}}{{/SAME}}{{/A_CELL}}</td>
<td class="amount diff-b">{{#B_CELL}}{{#EMPTY}}<span class="muted">{{_applications.diff.empty}}</span>{{/EMPTY}}{{#NEW}}<ins>{{#SHORT}}{{VALUE}}{{/SHORT}}</ins>{{/NEW}}{{#SAME}}{{#SHORT}}{{VALUE}}{{/SHORT}}{{/SAME}}{{/B_CELL}}</td>
</tr>
{{/ROW}}</tbody></table></div>
<p class="hint">{{_applications.diff.budget_hint}}</p>{{/BUDGET}}
