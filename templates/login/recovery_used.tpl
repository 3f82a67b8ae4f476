{{%AUTOESCAPE context="HTML"}}
<h1>{{_login.recovery_used.heading}}</h1>
<div class="alert alert-info" role="status">
<p id="recovery-left">{{LEFT}}</p>
{{#FEW_LEFT}}<p>{{_login.recovery_used.few_left}}</p>{{/FEW_LEFT}}
</div>
<p>{{_login.recovery_used.advice}} <a href="/profile/two-factor">{{_login.recovery_used.profile_link}}</a></p>
<p><a class="btn btn-primary" href="{{NEXT}}" id="continue">{{_login.recovery_used.continue}}</a></p>
