{{%AUTOESCAPE context="HTML"}}
<h1>{{_logout.heading}}</h1>
{{#CLIENT}}<p class="lead"><strong>{{NAME}}</strong> {{_oidc.logout.asks}}</p>
{{/CLIENT}}<p>{{_logout.question}}</p>
<form method="post" action="/oauth2/logout" class="form">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="confirm" value="1">
{{#CLIENT}}<input type="hidden" name="client_id" value="{{CLIENT_ID}}">
<input type="hidden" name="post_logout_redirect_uri" value="{{REDIRECT_URI}}">
<input type="hidden" name="state" value="{{STATE}}">
{{/CLIENT}}<div class="actions">
<button type="submit" class="btn btn-primary">{{_logout.submit}}</button>
<a class="btn btn-secondary" href="/">{{_oidc.logout.stay}}</a>
</div>
</form>
