{{%AUTOESCAPE context="HTML"}}
<p><a href="/applications">{{_applications.back_to_list}}</a></p>
<h1>{{HEADING}}</h1>
{{#SAVED}}<div class="alert alert-ok" role="status"><p>{{_applications.saved}}</p></div>{{/SAVED}}
{{#SUBMITTED}}<div class="alert alert-ok" role="status"><p>{{_applications.submitted}}</p></div>{{/SUBMITTED}}
{{#WITHDRAWN}}<div class="alert alert-ok" role="status"><p>{{_applications.withdrawn}}</p></div>{{/WITHDRAWN}}
{{#ATTACHED}}<div class="alert alert-ok" role="status"><p>{{_applications.attachments.added}}</p></div>{{/ATTACHED}}
{{#REMOVED}}<div class="alert alert-ok" role="status"><p>{{_applications.attachments.removed}}</p></div>{{/REMOVED}}
{{#STALE}}<div class="alert alert-error" role="alert"><p>{{_applications.submit.stale}}</p></div>{{/STALE}}
<dl class="facts">
<dt>{{_applications.col.state}}</dt><dd><span id="application-state" class="state state-app-{{STATE_CODE}}" data-state="{{STATE_CODE}}">{{STATE}}</span></dd>
<dt>{{_applications.col.number}}</dt><dd id="application-number">{{#HAS_NUMBER}}{{NUMBER}}{{/HAS_NUMBER}}{{#NO_NUMBER}}<span class="muted">{{_applications.no_number}}</span>{{/NO_NUMBER}}</dd>
<dt>{{_applications.version}}</dt><dd id="application-version">{{VERSION}}</dd>
</dl>
{{#CAN_EDIT}}<p><a class="btn btn-primary" href="/applications/{{ID}}/edit">{{_applications.edit_button}}</a></p>{{/CAN_EDIT}}
<p><a href="/applications/{{ID}}/pdf" id="application-pdf">{{_applications.pdf.link}}</a></p>
{{#MISSING}}<div class="alert alert-info" role="status">
<h2>{{_applications.missing.heading}}</h2>
<ul>{{#PROBLEM}}<li id="{{FIELD}}" tabindex="-1"><a href="/applications/{{ID}}/edit#{{FIELD}}">{{LABEL}}</a>: {{MESSAGE}}</li>{{/PROBLEM}}</ul>
</div>{{/MISSING}}
<h2>{{_applications.details.heading}}</h2>
<dl class="facts">
<dt>{{_applications.field.programme_type}}</dt><dd>{{PROGRAMME}}</dd>
<dt>{{_applications.field.public_task}}</dt><dd class="pre">{{PUBLIC_TASK:pre_escape}}</dd>
<dt>{{_applications.field.work_locations}}</dt><dd class="pre">{{WORK_LOCATIONS:pre_escape}}</dd>
<dt>{{_applications.field.start_date}}</dt><dd>{{START_DATE}}</dd>
<dt>{{_applications.field.end_date}}</dt><dd>{{END_DATE}}</dd>
<dt>{{_applications.field.daily_hours}}</dt><dd>{{DAILY_HOURS}}</dd>
<dt>{{_applications.field.headcount_basic}}</dt><dd>{{HEADCOUNT_BASIC}}</dd>
<dt>{{_applications.field.headcount_skilled}}</dt><dd>{{HEADCOUNT_SKILLED}}</dd>
<dt>{{_applications.field.headcount_leaders}}</dt><dd>{{HEADCOUNT_LEADERS}}</dd>
<dt>{{_applications.field.headcount_leaders_skilled}}</dt><dd>{{HEADCOUNT_LEADERS_SKILLED}}</dd>
<dt>{{_applications.field.wage_support_pct}}</dt><dd>{{WAGE_SUPPORT_PCT}}</dd>
<dt>{{_applications.field.material_support}}</dt><dd>{{MATERIAL_SUPPORT}}</dd>
</dl>
<h3>{{_applications.materials.heading}}</h3>
{{#NO_ITEMS}}<p class="muted">{{_applications.materials.none}}</p>{{/NO_ITEMS}}
<ul>{{#ITEM}}<li>{{NAME}}: {{AMOUNT}}</li>{{/ITEM}}</ul>
<h2>{{_applications.budget.heading}}</h2>
{{#NO_BUDGET}}<p class="muted" id="budget-none">{{_applications.budget.none}}</p>{{/NO_BUDGET}}
{{#BUDGET}}<div class="table-scroll"><table class="budget">
<caption class="visually-hidden">{{_applications.budget.heading}}</caption>
<tbody>
{{#WAGE_ROW}}<tr><th scope="row">{{_applications.budget.wage_of}} {{LABEL}}</th><td class="amount">{{AMOUNT}}</td></tr>
{{/WAGE_ROW}}<tr><th scope="row">{{_applications.budget.wage}}</th><td class="amount" id="budget-wage" data-amount="{{B_WAGE_RAW}}">{{B_WAGE}}</td></tr>
<tr><th scope="row">{{_applications.budget.contribution}}</th><td class="amount" id="budget-contribution" data-amount="{{B_CONTRIBUTION_RAW}}">{{B_CONTRIBUTION}}</td></tr>
<tr><th scope="row">{{_applications.budget.wage_support}}</th><td class="amount" id="budget-wage-support" data-amount="{{B_WAGE_SUPPORT_RAW}}">{{B_WAGE_SUPPORT}}</td></tr>
<tr><th scope="row">{{_applications.budget.material_costs}}</th><td class="amount" id="budget-material-costs" data-amount="{{B_MATERIAL_COSTS_RAW}}">{{B_MATERIAL_COSTS}}</td></tr>
<tr><th scope="row">{{_applications.budget.material_cap}}</th><td class="amount" id="budget-material-cap" data-amount="{{B_MATERIAL_CAP_RAW}}">{{B_MATERIAL_CAP}}</td></tr>
<tr><th scope="row">{{_applications.budget.material_support}}</th><td class="amount" id="budget-material-support" data-amount="{{B_MATERIAL_SUPPORT_RAW}}">{{B_MATERIAL_SUPPORT}}</td></tr>
<tr class="total"><th scope="row">{{_applications.budget.total_support}}</th><td class="amount" id="budget-total-support" data-amount="{{B_TOTAL_SUPPORT_RAW}}">{{B_TOTAL_SUPPORT}}</td></tr>
<tr><th scope="row">{{_applications.budget.own_share}}</th><td class="amount" id="budget-own-share" data-amount="{{B_OWN_SHARE_RAW}}">{{B_OWN_SHARE}}</td></tr>
</tbody></table></div>
<p class="hint">{{_applications.budget.rates_of}} {{RATES_YEAR}}. {{_applications.budget.rounding}}</p>{{/BUDGET}}
<section id="attachments" aria-labelledby="attachments-heading">
<h2 id="attachments-heading">{{_applications.attachments.heading}}</h2>
{{#NO_ATTACHMENTS}}<p class="muted">{{_applications.attachments.none}}</p>{{/NO_ATTACHMENTS}}
<ul class="attachments">{{#ATTACHMENT}}<li class="attachment"><a href="/applications/{{ID}}/attachments/{{NUMBER}}">{{NAME}}</a> <span class="muted">({{SIZE}})</span>{{#REMOVABLE}}
<form method="post" action="/applications/{{ID}}/attachments/{{NUMBER}}/remove" class="inline-form">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<button type="submit" class="link-button" aria-label="{{_applications.attachments.remove}}: {{NAME}}">{{_applications.attachments.remove}}</button>
</form>{{/REMOVABLE}}</li>
{{/ATTACHMENT}}</ul>
{{#CAN_ATTACH}}<form method="post" action="/applications/{{ID}}/attachments" enctype="multipart/form-data" class="form" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="field">
<label for="file">{{_applications.attachments.file}}</label>
<p class="hint" id="file-hint">{{HINT}}</p>
<input id="file" name="file" type="file" accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png" aria-describedby="file-hint{{#FILE_ERROR}} file-error{{/FILE_ERROR}}"{{#FILE_ERROR}} aria-invalid="true"{{/FILE_ERROR}}>
{{#FILE_ERROR}}<p class="field-error" id="file-error">{{MESSAGE}}</p>{{/FILE_ERROR}}
</div>
<div class="actions"><button type="submit" class="btn btn-secondary">{{_applications.attachments.button}}</button></div>
</form>{{/CAN_ATTACH}}
</section>
{{#CAN_SUBMIT}}<h2>{{_applications.submit.heading}}</h2>
<form method="post" action="/applications/{{ID}}/submit" class="form" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="version" value="{{VERSION}}">
<p>{{_applications.submit.intro}}</p>
<div class="field checkbox">
<input id="confirm" name="confirm" type="checkbox" value="yes"{{#CONFIRM_ERROR}} aria-invalid="true" aria-describedby="confirm-error"{{/CONFIRM_ERROR}}>
<label for="confirm">{{_applications.submit.confirm}}</label>
{{#CONFIRM_ERROR}}<p class="field-error" id="confirm-error">{{MESSAGE}}</p>{{/CONFIRM_ERROR}}
</div>
<div class="actions"><button type="submit" class="btn btn-primary">{{_applications.submit.button}}</button></div>
</form>{{/CAN_SUBMIT}}
{{#CAN_WITHDRAW}}<h2>{{_applications.withdraw.heading}}</h2>
<form method="post" action="/applications/{{ID}}/withdraw" class="form" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="field">
<label for="reason">{{_applications.withdraw.reason}}</label>
<textarea id="reason" name="reason" rows="3"{{#REASON_ERROR}} aria-invalid="true" aria-describedby="reason-error"{{/REASON_ERROR}}>{{REASON:pre_escape}}</textarea>
{{#REASON_ERROR}}<p class="field-error" id="reason-error">{{MESSAGE}}</p>{{/REASON_ERROR}}
</div>
<div class="actions"><button type="submit" class="btn btn-secondary">{{_applications.withdraw.button}}</button></div>
</form>{{/CAN_WITHDRAW}}
