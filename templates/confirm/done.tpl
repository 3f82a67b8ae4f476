{{%AUTOESCAPE context="HTML"}}
<h1>{{_confirm.done.heading}}</h1>
<div class="alert alert-ok" role="status">
<p>{{_confirm.done.message}}</p>
</div>
<h2>{{_confirm.done.next_heading}}</h2>
<p>{{_confirm.done.office}}</p>
<p>{{_confirm.done.bring}}</p>
<ul>
<li>{{_confirm.done.bring_email}}</li>
<li>{{_confirm.done.bring_tax_number}}</li>
<li>{{_confirm.done.bring_id}}</li>
<li>{{_confirm.done.bring_authorisation}}</li>
</ul>
<p>{{_confirm.done.after_link}}</p>
<p>{{_confirm.done.mail_sent}}</p>
<p class="after-form"><a href="/login">{{_confirm.to_login}}</a></p>
