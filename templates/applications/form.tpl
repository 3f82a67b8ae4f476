{{%AUTOESCAPE context="HTML"}}
{{! The office's proposal (ktk-admin-web) is this form too, in the clerks' area. }}
{{>ADMIN_NAV}}
{{#PROPOSING}}<p><a href="{{BACK}}">{{_admin.application.back_to_application}} {{NUMBER}}</a></p>
<h1>{{_admin.propose.heading}}</h1>
<p>{{_admin.propose.intro}}</p>{{/PROPOSING}}
{{#CREATING}}<h1>{{_applications.new.heading}}</h1>{{/CREATING}}
{{#EDITING}}<h1>{{#NOT_REVISION}}{{_applications.edit.heading}}{{/NOT_REVISION}}{{#REVISION}}{{_applications.revision.heading}}{{/REVISION}}</h1>{{/EDITING}}
{{#THEIRS}}<div class="alert alert-error" role="alert">
<h2>{{_applications.stale.heading}}</h2>
<p>{{_applications.stale.text}}</p>
<h3>{{_applications.stale.theirs}} ({{_applications.version}} {{THEIR_VERSION}}, {{THEIR_TIME}} UTC)</h3>
<dl class="facts">
<dt>{{_applications.field.title}}</dt><dd>{{THEIR_TITLE}}</dd>
<dt>{{_applications.field.programme_type}}</dt><dd>{{THEIR_PROGRAMME}}</dd>
<dt>{{_applications.field.public_task}}</dt><dd class="pre">{{THEIR_PUBLIC_TASK:pre_escape}}</dd>
<dt>{{_applications.field.work_locations}}</dt><dd class="pre">{{THEIR_WORK_LOCATIONS:pre_escape}}</dd>
<dt>{{_applications.col.period}}</dt><dd>{{THEIR_PERIOD}}</dd>
<dt>{{_applications.field.daily_hours}}</dt><dd>{{THEIR_DAILY_HOURS}}</dd>
<dt>{{_applications.stale.headcounts}}</dt><dd>{{THEIR_HEADCOUNT}}</dd>
<dt>{{_applications.materials.heading}}</dt><dd>{{#THEIR_ITEM}}{{NAME}}: {{AMOUNT}}<br>{{/THEIR_ITEM}}</dd>
<dt>{{_applications.field.wage_support_pct}}</dt><dd>{{THEIR_WAGE_SUPPORT_PCT}}</dd>
<dt>{{_applications.field.material_support}}</dt><dd>{{THEIR_MATERIAL_SUPPORT}}</dd>
</dl>
<p>{{_applications.stale.ours}}</p>
</div>{{/THEIRS}}
{{#NOT_REVISION}}<p>{{_applications.form.intro}}</p>{{/NOT_REVISION}}
{{#REVISION}}<section class="alert alert-info" id="revision-note" aria-labelledby="revision-note-heading">
<h2 id="revision-note-heading">{{_applications.revision.note_heading}}</h2>
<p>{{_applications.revision.form_intro}} ({{_applications.version}} {{PROPOSAL_VERSION}})</p>
{{#HAS_REASON}}<h3>{{_applications.proposal.reason}}</h3>
<div class="pre">{{REASON_TEXT:pre_escape}}</div>{{/HAS_REASON}}
<p>{{_applications.revision.form_next}}</p>
<p><a href="{{BACK}}#proposal">{{_applications.revision.accept_instead}}</a></p>
</section>{{/REVISION}}
<form method="post" action="{{ACTION}}" class="form application-form" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="version" value="{{VERSION}}">
<div class="field">
<label for="title">{{_applications.field.title}}</label>
<input id="title" name="title" type="text" maxlength="200" value="{{TITLE}}"{{#TITLE_ERROR}} aria-invalid="true" aria-describedby="title-error"{{/TITLE_ERROR}}>
{{#TITLE_ERROR}}<p class="field-error" id="title-error">{{MESSAGE}}</p>{{/TITLE_ERROR}}
</div>
<div class="field">
<label for="programme_type">{{_applications.field.programme_type}}</label>
<select id="programme_type" name="programme_type" aria-describedby="programme_type-hint{{#PROGRAMME_TYPE_ERROR}} programme_type-error{{/PROGRAMME_TYPE_ERROR}}"{{#PROGRAMME_TYPE_ERROR}} aria-invalid="true"{{/PROGRAMME_TYPE_ERROR}}>
<option value=""{{#NONE_SELECTED}} selected{{/NONE_SELECTED}}>{{_applications.form.choose}}</option>
{{#PROGRAMME}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
{{/PROGRAMME}}</select>
<ul class="hint" id="programme_type-hint">{{#PROGRAMME}}<li>{{NAME}}: {{HOURS}} {{_applications.form.hours_a_day}}, {{_applications.form.at_most}} {{MONTHS}} {{_applications.form.months}}</li>{{/PROGRAMME}}</ul>
{{#PROGRAMME_TYPE_ERROR}}<p class="field-error" id="programme_type-error">{{MESSAGE}}</p>{{/PROGRAMME_TYPE_ERROR}}
</div>
<div class="field">
<label for="public_task">{{_applications.field.public_task}}</label>
<textarea id="public_task" name="public_task" rows="4"{{#PUBLIC_TASK_ERROR}} aria-invalid="true" aria-describedby="public_task-error"{{/PUBLIC_TASK_ERROR}}>{{PUBLIC_TASK:pre_escape}}</textarea>
{{#PUBLIC_TASK_ERROR}}<p class="field-error" id="public_task-error">{{MESSAGE}}</p>{{/PUBLIC_TASK_ERROR}}
</div>
<div class="field">
<label for="work_locations">{{_applications.field.work_locations}}</label>
<textarea id="work_locations" name="work_locations" rows="3"{{#WORK_LOCATIONS_ERROR}} aria-invalid="true" aria-describedby="work_locations-error"{{/WORK_LOCATIONS_ERROR}}>{{WORK_LOCATIONS:pre_escape}}</textarea>
{{#WORK_LOCATIONS_ERROR}}<p class="field-error" id="work_locations-error">{{MESSAGE}}</p>{{/WORK_LOCATIONS_ERROR}}
</div>
<div class="field">
<label for="start_date">{{_applications.field.start_date}}</label>
<input id="start_date" name="start_date" type="text" inputmode="numeric" value="{{START_DATE}}" aria-describedby="date-hint{{#START_DATE_ERROR}} start_date-error{{/START_DATE_ERROR}}"{{#START_DATE_ERROR}} aria-invalid="true"{{/START_DATE_ERROR}}>
{{#START_DATE_ERROR}}<p class="field-error" id="start_date-error">{{MESSAGE}}</p>{{/START_DATE_ERROR}}
</div>
<div class="field">
<label for="end_date">{{_applications.field.end_date}}</label>
<input id="end_date" name="end_date" type="text" inputmode="numeric" value="{{END_DATE}}" aria-describedby="date-hint{{#END_DATE_ERROR}} end_date-error{{/END_DATE_ERROR}}"{{#END_DATE_ERROR}} aria-invalid="true"{{/END_DATE_ERROR}}>
<p class="hint" id="date-hint">{{_applications.form.date_hint}}</p>
{{#END_DATE_ERROR}}<p class="field-error" id="end_date-error">{{MESSAGE}}</p>{{/END_DATE_ERROR}}
</div>
<div class="field">
<label for="daily_hours">{{_applications.field.daily_hours}}</label>
<input id="daily_hours" name="daily_hours" type="text" inputmode="numeric" class="short" value="{{DAILY_HOURS}}"{{#DAILY_HOURS_ERROR}} aria-invalid="true" aria-describedby="daily_hours-error"{{/DAILY_HOURS_ERROR}}>
{{#DAILY_HOURS_ERROR}}<p class="field-error" id="daily_hours-error">{{MESSAGE}}</p>{{/DAILY_HOURS_ERROR}}
</div>
<fieldset>
<legend>{{_applications.form.headcount_legend}}</legend>
<div class="field">
<label for="headcount_basic">{{_applications.field.headcount_basic}}</label>
<input id="headcount_basic" name="headcount_basic" type="text" inputmode="numeric" class="short" value="{{HEADCOUNT_BASIC}}"{{#HEADCOUNT_BASIC_ERROR}} aria-invalid="true" aria-describedby="headcount_basic-error"{{/HEADCOUNT_BASIC_ERROR}}>
{{#HEADCOUNT_BASIC_ERROR}}<p class="field-error" id="headcount_basic-error">{{MESSAGE}}</p>{{/HEADCOUNT_BASIC_ERROR}}
</div>
<div class="field">
<label for="headcount_skilled">{{_applications.field.headcount_skilled}}</label>
<input id="headcount_skilled" name="headcount_skilled" type="text" inputmode="numeric" class="short" value="{{HEADCOUNT_SKILLED}}"{{#HEADCOUNT_SKILLED_ERROR}} aria-invalid="true" aria-describedby="headcount_skilled-error"{{/HEADCOUNT_SKILLED_ERROR}}>
{{#HEADCOUNT_SKILLED_ERROR}}<p class="field-error" id="headcount_skilled-error">{{MESSAGE}}</p>{{/HEADCOUNT_SKILLED_ERROR}}
</div>
<div class="field">
<label for="headcount_leaders">{{_applications.field.headcount_leaders}}</label>
<input id="headcount_leaders" name="headcount_leaders" type="text" inputmode="numeric" class="short" value="{{HEADCOUNT_LEADERS}}"{{#HEADCOUNT_LEADERS_ERROR}} aria-invalid="true" aria-describedby="headcount_leaders-error"{{/HEADCOUNT_LEADERS_ERROR}}>
{{#HEADCOUNT_LEADERS_ERROR}}<p class="field-error" id="headcount_leaders-error">{{MESSAGE}}</p>{{/HEADCOUNT_LEADERS_ERROR}}
</div>
<div class="field">
<label for="headcount_leaders_skilled">{{_applications.field.headcount_leaders_skilled}}</label>
<input id="headcount_leaders_skilled" name="headcount_leaders_skilled" type="text" inputmode="numeric" class="short" value="{{HEADCOUNT_LEADERS_SKILLED}}"{{#HEADCOUNT_LEADERS_SKILLED_ERROR}} aria-invalid="true" aria-describedby="headcount_leaders_skilled-error"{{/HEADCOUNT_LEADERS_SKILLED_ERROR}}>
{{#HEADCOUNT_LEADERS_SKILLED_ERROR}}<p class="field-error" id="headcount_leaders_skilled-error">{{MESSAGE}}</p>{{/HEADCOUNT_LEADERS_SKILLED_ERROR}}
</div>
</fieldset>
<fieldset>
<legend>{{_applications.materials.heading}}</legend>
<p class="hint" id="materials-hint">{{_applications.materials.hint}}</p>
{{#MATERIAL_ITEM_NAME_ERROR}}<p class="field-error" id="material_item_name-error">{{MESSAGE}}</p>{{/MATERIAL_ITEM_NAME_ERROR}}
{{#MATERIAL_ITEM_AMOUNT_ERROR}}<p class="field-error" id="material_item_amount-error">{{MESSAGE}}</p>{{/MATERIAL_ITEM_AMOUNT_ERROR}}
{{#ITEM}}<div class="item-row">
<div class="field">
<label for="material_item_name{{SUFFIX}}">{{_applications.materials.line}} {{LINE}}: {{_applications.field.material_item_name}}</label>
<input id="material_item_name{{SUFFIX}}" name="material_item_name" type="text" maxlength="200" value="{{NAME}}">
</div>
<div class="field">
<label for="material_item_amount{{SUFFIX}}">{{_applications.materials.line}} {{LINE}}: {{_applications.field.material_item_amount}}</label>
<input id="material_item_amount{{SUFFIX}}" name="material_item_amount" type="text" inputmode="numeric" value="{{AMOUNT}}">
</div>
</div>
{{/ITEM}}</fieldset>
<div class="field">
<label for="wage_support_pct">{{_applications.field.wage_support_pct}}</label>
<input id="wage_support_pct" name="wage_support_pct" type="text" inputmode="numeric" class="short" value="{{WAGE_SUPPORT_PCT}}"{{#WAGE_SUPPORT_PCT_ERROR}} aria-invalid="true" aria-describedby="wage_support_pct-error"{{/WAGE_SUPPORT_PCT_ERROR}}>
{{#WAGE_SUPPORT_PCT_ERROR}}<p class="field-error" id="wage_support_pct-error">{{MESSAGE}}</p>{{/WAGE_SUPPORT_PCT_ERROR}}
</div>
<div class="field">
<label for="material_support">{{_applications.field.material_support}}</label>
<input id="material_support" name="material_support" type="text" inputmode="numeric" value="{{MATERIAL_SUPPORT}}"{{#MATERIAL_SUPPORT_ERROR}} aria-invalid="true" aria-describedby="material_support-error"{{/MATERIAL_SUPPORT_ERROR}}>
{{#MATERIAL_SUPPORT_ERROR}}<p class="field-error" id="material_support-error">{{MESSAGE}}</p>{{/MATERIAL_SUPPORT_ERROR}}
</div>
{{#PROPOSING}}<div class="field">
<label for="message">{{_admin.propose.message}}</label>
<p class="hint" id="message-hint">{{_admin.propose.message_hint}}</p>
<textarea id="message" name="message" rows="4" aria-describedby="message-hint{{#MESSAGE_ERROR}} message-error{{/MESSAGE_ERROR}}"{{#MESSAGE_ERROR}} aria-invalid="true"{{/MESSAGE_ERROR}}>{{TYPED_MESSAGE:pre_escape}}</textarea>
{{#MESSAGE_ERROR}}<p class="field-error" id="message-error">{{MESSAGE}}</p>{{/MESSAGE_ERROR}}
</div>{{/PROPOSING}}
<div class="actions">
<button type="submit" class="btn btn-primary">{{#CREATING}}{{_applications.form.save}}{{/CREATING}}{{#EDITING}}{{_applications.form.save}}{{/EDITING}}{{#PROPOSING}}{{_admin.propose.button}}{{/PROPOSING}}</button>
<a class="btn btn-secondary" href="{{BACK}}">{{_applications.form.cancel}}</a>
</div>
</form>
