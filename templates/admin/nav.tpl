{{%AUTOESCAPE context="HTML"}}
<div class="admin-bar">
<p class="admin-who">{{_admin.nav.logged_in_as}} <strong>{{CLERK_NAME}}</strong><span class="admin-office">{{OFFICE_NAME}}</span></p>
<nav class="admin-nav" aria-label="{{_admin.nav.label}}">
<ul>
<li><a href="/admin"{{#CURRENT_SEARCH}} aria-current="page"{{/CURRENT_SEARCH}}>{{_admin.nav.search}}</a></li>
<li><a href="/admin/link"{{#CURRENT_LINK}} aria-current="page"{{/CURRENT_LINK}}>{{_admin.nav.link}}</a></li>
<li><a href="/admin/audit"{{#CURRENT_AUDIT}} aria-current="page"{{/CURRENT_AUDIT}}>{{_admin.nav.audit}}</a></li>
</ul>
<form method="post" action="/logout" class="admin-logout">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<button type="submit" class="btn btn-secondary">{{_admin.nav.logout}}</button>
</form>
</nav>
</div>
