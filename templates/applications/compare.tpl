{{%AUTOESCAPE context="HTML"}}
<p><a href="/applications/{{ID}}">{{_applications.diff.back}}</a></p>
{{>DIFF}}
<p><a href="/applications/{{ID}}#timeline">{{_applications.diff.to_timeline}}</a></p>
