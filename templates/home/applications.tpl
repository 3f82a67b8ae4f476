{{%AUTOESCAPE context="HTML"}}
<section id="home-waiting" aria-labelledby="home-waiting-heading">
<h2 id="home-waiting-heading">{{_home.waiting.heading}}</h2>
{{#NOTHING_WAITING}}<p>{{_home.waiting.empty}}</p>{{/NOTHING_WAITING}}
{{#WAITING_LIST}}<p>{{_home.waiting.intro}}</p>
<ul class="link-list">
{{#WAITING}}<li class="waiting-item" data-application-id="{{ID}}" data-state="{{STATE_CODE}}"><a href="/applications/{{ID}}">{{TITLE}}</a>
{{#ANSWER_PROPOSAL}}<strong class="waiting-what">{{_home.waiting.proposal}}</strong>
{{/ANSWER_PROPOSAL}}<span class="muted">{{STATE}} · {{_home.changed}} {{UPDATED}}</span></li>
{{/WAITING}}</ul>{{/WAITING_LIST}}
</section>
<section id="home-applications" aria-labelledby="home-applications-heading">
<h2 id="home-applications-heading">{{_home.applications.heading}}</h2>
{{#NO_APPLICATIONS}}<p>{{_applications.list.empty}}</p>{{/NO_APPLICATIONS}}
{{#RECENT_LIST}}<div class="table-scroll" role="region" aria-labelledby="home-applications-caption" tabindex="0">
<table class="applications">
<caption class="visually-hidden" id="home-applications-caption">{{_home.applications.caption}}</caption>
<thead><tr>
<th scope="col">{{_applications.col.number}}</th>
<th scope="col">{{_applications.col.title}}</th>
<th scope="col">{{_applications.col.state}}</th>
<th scope="col">{{_applications.col.updated}}</th>
</tr></thead>
<tbody>
{{#RECENT}}<tr>
<td class="nowrap">{{#HAS_NUMBER}}{{NUMBER}}{{/HAS_NUMBER}}{{#NO_NUMBER}}<span class="muted">{{_applications.no_number}}</span>{{/NO_NUMBER}}</td>
<td><a href="/applications/{{ID}}">{{TITLE}}</a></td>
<td><span class="state state-app-{{STATE_CODE}}" data-state="{{STATE_CODE}}">{{STATE}}</span></td>
<td class="nowrap">{{UPDATED}}</td>
</tr>
{{/RECENT}}</tbody>
</table>
</div>{{/RECENT_LIST}}
<ul class="link-list">
<li><a href="/applications">{{_home.applications.all}}</a></li>
<li><a href="/applications/new">{{_applications.new_button}}</a></li>
</ul>
</section>