{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<h1>{{_admin.denied.heading}}</h1>
{{#OUTSIDE_OFFICE}}<div class="alert alert-error" role="alert"><p>{{_admin.denied.outside_office}}</p></div>
<p><a href="/admin">{{_admin.back_to_search}}</a></p>{{/OUTSIDE_OFFICE}}
{{#NOT_A_CLERK}}<div class="alert alert-error" role="alert"><p>{{_admin.denied.not_a_clerk}}</p></div>
<p><a href="/">{{_admin.denied.home}}</a></p>{{/NOT_A_CLERK}}
