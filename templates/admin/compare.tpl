{{%AUTOESCAPE context="HTML"}}
<p><a href="/admin/applications/{{ID}}">{{_admin.application.back_to_application}} {{NUMBER}}</a></p>
{{>DIFF}}
<p><a href="/admin/applications/{{ID}}#timeline">{{_applications.diff.to_timeline}}</a></p>
