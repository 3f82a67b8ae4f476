{{%AUTOESCAPE context="HTML"}}
<h1>{{_oidc.consent.heading}}</h1>
<p class="lead"><strong id="consent-client">{{CLIENT}}</strong> {{_oidc.consent.asks}}</p>
<ul class="consent-claims" aria-labelledby="consent-client">
<li>{{_oidc.consent.scope.openid}}</li>
{{#CLAIM}}<li>{{TEXT}}</li>
{{/CLAIM}}</ul>
<p>{{_oidc.consent.remembered}}</p>
<form method="post" action="/oauth2/consent" class="form">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="continue" value="{{HANDLE}}">
<div class="actions">
<button type="submit" name="decision" value="allow" class="btn btn-primary">{{_oidc.consent.allow}}</button>
<button type="submit" name="decision" value="deny" class="btn btn-secondary">{{_oidc.consent.deny}}</button>
</div>
</form>
