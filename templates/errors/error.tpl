{{%AUTOESCAPE context="HTML"}}
<h1>{{HEADING}}</h1>
<p>{{MESSAGE}}</p>
{{#HAS_INCIDENT}}<p class="incident">{{_error.incident}} <code>{{INCIDENT}}</code></p>{{/HAS_INCIDENT}}
<p><a href="/">{{_error.back_home}}</a></p>
