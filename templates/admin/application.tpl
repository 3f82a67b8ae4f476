{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<p><a href="/admin/applications">{{_admin.application.back}}</a></p>
<h1>{{HEADING}}</h1>
{{#PROPOSED}}<div class="alert alert-ok" role="status"><p>{{_admin.application.proposed}}</p></div>{{/PROPOSED}}
{{#APPROVED}}<div class="alert alert-ok" role="status"><p>{{_admin.application.approved}}</p></div>{{/APPROVED}}
{{#REJECTED}}<div class="alert alert-ok" role="status"><p>{{_admin.application.rejected}}</p></div>{{/REJECTED}}
{{#MESSAGE_SENT}}<div class="alert alert-ok" role="status"><p>{{_admin.application.message_sent}}</p></div>{{/MESSAGE_SENT}}
{{#ALREADY_DECIDED}}<div class="alert alert-error" role="alert" id="already-decided"><p>{{_admin.application.already_decided}}</p></div>{{/ALREADY_DECIDED}}
{{#STALE}}<div class="alert alert-error" role="alert" id="stale"><p>{{_admin.application.stale}}</p></div>{{/STALE}}
{{#NOT_ALLOWED}}<div class="alert alert-error" role="alert" id="not-allowed"><p>{{_admin.application.not_allowed}}</p></div>{{/NOT_ALLOWED}}
<dl class="facts">
<dt>{{_applications.col.state}}</dt><dd><span id="application-state" class="state state-app-{{STATE_CODE}}" data-state="{{STATE_CODE}}">{{STATE}}</span></dd>
<dt>{{_applications.col.number}}</dt><dd id="application-number">{{NUMBER}}</dd>
<dt>{{_applications.version}}</dt><dd id="application-version">{{SHOWN_VERSION}}</dd>
{{#DECIDED}}<dt>{{_admin.application.decided_at}}</dt><dd id="application-decided">{{DECIDED_AT}}</dd>{{/DECIDED}}
{{#HAS_CONTRACT}}<dt>{{_admin.application.contract_number}}</dt><dd id="contract-number">{{CONTRACT_NUMBER}}</dd>{{/HAS_CONTRACT}}
</dl>
{{#HAS_CONTRACT}}<p><a href="/admin/applications/{{ID}}/contract.pdf" id="contract-pdf">{{_applications.contract.download}}</a></p>{{/HAS_CONTRACT}}
<h2>{{_admin.application.parties}}</h2>
<dl class="facts">
<dt>{{_admin.col.municipality}}</dt><dd id="application-municipality">{{MUNICIPALITY}}</dd>
<dt>{{_admin.col.tax_number}}</dt><dd id="application-tax-number" class="tax-number">{{TAX_NUMBER}}</dd>
<dt>{{_admin.application.office}}</dt><dd>{{OFFICE}}</dd>
</dl>
{{#CAN_PROPOSE}}<p><a class="btn btn-primary" href="/admin/applications/{{ID}}/propose" id="propose-link">{{_admin.application.propose_link}}</a></p>{{/CAN_PROPOSE}}
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
<ul class="attachments">{{#ATTACHMENT}}<li class="attachment"><a href="/admin/applications/{{ID}}/attachments/{{NUMBER}}">{{NAME}}</a> <span class="muted">({{SIZE}})</span></li>
{{/ATTACHMENT}}</ul>
</section>
{{>TIMELINE}}
{{#CAN_DECIDE}}<section id="decide" aria-labelledby="decide-heading">
<h2 id="decide-heading">{{_admin.decide.heading}}</h2>
<form method="post" action="/admin/applications/{{ID}}/decide" class="form" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="version" value="{{VERSION}}">
<fieldset id="decision"{{#DECISION_ERROR}} aria-describedby="decision-error"{{/DECISION_ERROR}}>
<legend>{{_admin.decide.decision}}</legend>
{{#DECISION_ERROR}}<p class="field-error" id="decision-error">{{MESSAGE}}</p>{{/DECISION_ERROR}}
{{#APPROVE_OPTION}}<div class="field radio">
<input id="decision-approve" name="decision" type="radio" value="approve"{{#CHECKED}} checked{{/CHECKED}}>
<label for="decision-approve">{{_admin.decide.approve}}</label>
</div>{{/APPROVE_OPTION}}
{{#REJECT_OPTION}}<div class="field radio">
<input id="decision-reject" name="decision" type="radio" value="reject"{{#CHECKED}} checked{{/CHECKED}}>
<label for="decision-reject">{{_admin.decide.reject}}</label>
</div>{{/REJECT_OPTION}}
</fieldset>
<div class="field">
<label for="reason">{{_admin.decide.reason}}</label>
<p class="hint" id="reason-hint">{{_admin.decide.reason_hint}}</p>
<textarea id="reason" name="reason" rows="4" aria-describedby="reason-hint{{#REASON_ERROR}} reason-error{{/REASON_ERROR}}"{{#REASON_ERROR}} aria-invalid="true"{{/REASON_ERROR}}>{{REASON:pre_escape}}</textarea>
{{#REASON_ERROR}}<p class="field-error" id="reason-error">{{MESSAGE}}</p>{{/REASON_ERROR}}
</div>
<div class="field checkbox">
<input id="confirm" name="confirm" type="checkbox" value="yes"{{#CONFIRM_ERROR}} aria-invalid="true" aria-describedby="confirm-error"{{/CONFIRM_ERROR}}>
<label for="confirm">{{_admin.decide.confirm}}</label>
{{#CONFIRM_ERROR}}<p class="field-error" id="confirm-error">{{MESSAGE}}</p>{{/CONFIRM_ERROR}}
</div>
<div class="actions"><button type="submit" class="btn btn-primary">{{_admin.decide.button}}</button></div>
</form>
</section>{{/CAN_DECIDE}}
{{#CAN_MESSAGE}}<section id="message-form" aria-labelledby="message-heading">
<h2 id="message-heading">{{_admin.message.heading}}</h2>
<form method="post" action="/admin/applications/{{ID}}/message" class="form" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="field">
<label for="message">{{_admin.message.label}}</label>
<textarea id="message" name="message" rows="4"{{#MESSAGE_ERROR}} aria-invalid="true" aria-describedby="message-error"{{/MESSAGE_ERROR}}>{{TYPED_MESSAGE:pre_escape}}</textarea>
{{#MESSAGE_ERROR}}<p class="field-error" id="message-error">{{MESSAGE}}</p>{{/MESSAGE_ERROR}}
</div>
<div class="actions"><button type="submit" class="btn btn-secondary">{{_admin.message.button}}</button></div>
</form>
</section>{{/CAN_MESSAGE}}
