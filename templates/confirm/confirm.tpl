{{%AUTOESCAPE context="HTML"}}
<h1>{{_confirm.heading}}</h1>
<p>{{_confirm.intro}}</p>
<form method="post" action="/confirm" class="form">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="token" value="{{TOKEN}}">
<div class="actions">
<button type="submit" class="btn btn-primary">{{_confirm.submit}}</button>
</div>
</form>
