{{%AUTOESCAPE context="HTML"}}
<h1>{{_home.heading}}</h1>
<p class="lead">{{_home.logged_in_as}} <strong>{{NAME}}</strong> ({{EMAIL}})</p>
{{#MUNICIPALITY}}<h2>{{_home.municipality_heading}}</h2>
<dl class="facts">
<dt>{{_home.municipality}}</dt><dd>{{MUNICIPALITY_NAME}}</dd>
<dt>{{_home.tax_number}}</dt><dd>{{TAX_NUMBER}}</dd>
</dl>{{/MUNICIPALITY}}
{{#APPLICATIONS}}{{APPLICATIONS_HTML:none}}{{/APPLICATIONS}}
{{#NO_MUNICIPALITY}}<div class="alert alert-info" role="status">{{_home.no_municipality}}</div>{{/NO_MUNICIPALITY}}
<h2>{{_home.account_nav}}</h2>
<ul class="link-list">
<li><a href="/profile">{{_home.profile}}</a></li>
<li><a href="/profile/security">{{_home.security}}</a></li>
</ul>
