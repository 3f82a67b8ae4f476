{{%AUTOESCAPE context="HTML"}}
<h1>{{_confirm.already.heading}}</h1>
<div class="alert alert-info" role="status">
<p>{{_confirm.already.message}}</p>
</div>
<p>{{_confirm.already.next}}</p>
<p class="after-form"><a class="btn btn-primary" href="/login">{{_confirm.to_login}}</a></p>
