{{%AUTOESCAPE context="HTML"}}
<div class="admin-bar">
{{! The clerk's name and the logout button are in the layout's user bar. }}
<p class="admin-who"><strong>{{OFFICE_NAME}}</strong></p>
<nav class="admin-nav" aria-label="{{_admin.nav.label}}">
<ul>
<li><a href="/admin"{{#CURRENT_SEARCH}} aria-current="page"{{/CURRENT_SEARCH}}>{{_admin.nav.search}}</a></li>
<li><a href="/admin/applications"{{#CURRENT_APPLICATIONS}} aria-current="page"{{/CURRENT_APPLICATIONS}}>{{_admin.nav.applications}}</a></li>
<li><a href="/admin/link"{{#CURRENT_LINK}} aria-current="page"{{/CURRENT_LINK}}>{{_admin.nav.link}}</a></li>
<li><a href="/admin/audit"{{#CURRENT_AUDIT}} aria-current="page"{{/CURRENT_AUDIT}}>{{_admin.nav.audit}}</a></li>
</ul>
</nav>
</div>
