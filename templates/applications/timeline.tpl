{{%AUTOESCAPE context="HTML"}}
<section id="timeline" class="timeline" aria-labelledby="timeline-heading">
<h2 id="timeline-heading">{{_applications.timeline.heading}}</h2>
<p class="hint">{{_applications.timeline.intro}}</p>
{{#EMPTY}}<p class="muted">{{_applications.timeline.empty}}</p>{{/EMPTY}}
{{#ENTRIES}}<ol class="timeline-list">
{{#ENTRY}}<li class="timeline-entry timeline-{{KIND}}" id="timeline-{{ANCHOR}}" data-kind="{{KIND}}"{{#HAS_ACTION}} data-action="{{ACTION_CODE}}"{{/HAS_ACTION}}{{#HAS_NUMBER}} data-version="{{VERSION_NUMBER}}"{{/HAS_NUMBER}}>
<h3 class="timeline-title">{{HEADING}}</h3>
<p class="timeline-meta">{{WHO}}, <time datetime="{{WHEN_ISO}}">{{WHEN}}</time></p>
{{#STATES}}<p class="timeline-states">{{_applications.timeline.state}} <span class="state state-app-{{FROM_CODE}}" data-state="{{FROM_CODE}}">{{FROM}}</span> <span aria-hidden="true">→</span><span class="visually-hidden">{{_applications.timeline.state_to}}</span> <span class="state state-app-{{TO_CODE}}" data-state="{{TO_CODE}}">{{TO}}</span>{{#HAS_VERSION}} <span class="muted">({{_applications.version}} {{ON_VERSION}})</span>{{/HAS_VERSION}}</p>
{{/STATES}}{{#MESSAGE}}{{#HAS_LABEL}}<p class="timeline-message-label">{{MESSAGE_LABEL}}</p>
{{/HAS_LABEL}}<div class="timeline-message pre">{{TEXT:pre_escape}}</div>
{{/MESSAGE}}{{#COMPARE}}<p><a href="{{COMPARE_URL}}">{{COMPARE_TEXT}}</a></p>
{{/COMPARE}}</li>
{{/ENTRY}}</ol>{{/ENTRIES}}
</section>
