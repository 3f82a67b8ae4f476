{{%AUTOESCAPE context="HTML"}}
<h1>{{_logout.heading}}</h1>
<p>{{_logout.question}}</p>
<form method="post" action="/logout" class="form">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="actions">
<button type="submit" class="btn btn-primary">{{_logout.submit}}</button>
<a class="btn btn-secondary" href="/home">{{_logout.cancel}}</a>
</div>
</form>
