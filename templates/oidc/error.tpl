{{%AUTOESCAPE context="HTML"}}
<h1>{{_oidc.error.heading}}</h1>
<div class="alert alert-error" role="alert"><p>{{MESSAGE}}</p></div>
<p>{{_oidc.error.what_now}}</p>
<p><a href="/">{{_oidc.error.home}}</a></p>
