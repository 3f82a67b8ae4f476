{{%AUTOESCAPE context="HTML"}}
{{#EXPIRED}}<h1>{{_password.invalid.expired.title}}</h1>
<div class="alert alert-error" role="alert"><p>{{_password.invalid.expired.message}}</p></div>{{/EXPIRED}}
{{#USED}}<h1>{{_password.invalid.used.title}}</h1>
<div class="alert alert-error" role="alert"><p>{{_password.invalid.used.message}}</p></div>{{/USED}}
{{#UNKNOWN}}<h1>{{_password.invalid.unknown.title}}</h1>
<div class="alert alert-error" role="alert"><p>{{_password.invalid.unknown.message}}</p></div>{{/UNKNOWN}}
<p>{{_password.invalid.new_mail}}</p>
<div class="actions">
<a class="btn btn-primary" href="/password/forgot">{{_password.invalid.request_new}}</a>
<a class="btn btn-secondary" href="/login">{{_password.back_to_login}}</a>
</div>
