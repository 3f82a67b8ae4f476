{{%AUTOESCAPE context="HTML"}}
<p><a href="/applications">{{_applications.back_to_list}}</a></p>
<h1>{{HEADING}}</h1>
{{#SAVED}}<div class="alert alert-ok" role="status"><p>{{_applications.saved}}</p></div>{{/SAVED}}
{{#SUBMITTED}}<div class="alert alert-ok" role="status"><p>{{_applications.submitted}}</p></div>{{/SUBMITTED}}
{{#WITHDRAWN}}<div class="alert alert-ok" role="status"><p>{{_applications.withdrawn}}</p></div>{{/WITHDRAWN}}
{{#ATTACHED}}<div class="alert alert-ok" role="status"><p>{{_applications.attachments.added}}</p></div>{{/ATTACHED}}
{{#REMOVED}}<div class="alert alert-ok" role="status"><p>{{_applications.attachments.removed}}</p></div>{{/REMOVED}}
{{#STALE}}<div class="alert alert-error" role="alert"><p>{{_applications.submit.stale}}</p></div>{{/STALE}}
{{#SAVED_REVISION}}<div class="alert alert-ok" role="status"><p>{{_applications.revision.saved}}</p></div>{{/SAVED_REVISION}}
{{#ACCEPTED}}<div class="alert alert-ok" role="status"><p>{{_applications.accept.done}}</p></div>{{/ACCEPTED}}
{{#SENT}}<div class="alert alert-ok" role="status"><p>{{_applications.message.sent}}</p></div>{{/SENT}}
{{#UNCHANGED}}<div class="alert alert-info" role="status"><p>{{_applications.revision.unchanged}}</p></div>{{/UNCHANGED}}
{{#CHANGED}}<div class="alert alert-error" role="alert"><p>{{_applications.accept.stale}}</p></div>{{/CHANGED}}
<dl class="facts">
<dt>{{_applications.col.state}}</dt><dd><span id="application-state" class="state state-app-{{STATE_CODE}}" data-state="{{STATE_CODE}}">{{STATE}}</span></dd>
<dt>{{_applications.col.number}}</dt><dd id="application-number">{{#HAS_NUMBER}}{{NUMBER}}{{/HAS_NUMBER}}{{#NO_NUMBER}}<span class="muted">{{_applications.no_number}}</span>{{/NO_NUMBER}}</dd>
<dt>{{_applications.version}}</dt><dd id="application-version">{{VERSION}}</dd>
</dl>
{{#PROPOSAL}}<section id="proposal" class="alert alert-info" aria-labelledby="proposal-heading">
<h2 id="proposal-heading">{{_applications.proposal.heading}}</h2>
<p>{{_applications.proposal.intro}} ({{_applications.version}} {{PROPOSAL_VERSION}}; {{PROPOSED_BY}}, {{PROPOSED_AT}})</p>
{{#HAS_REASON}}<h3>{{_applications.proposal.reason}}</h3>
<div class="timeline-message pre" id="proposal-reason">{{REASON_TEXT:pre_escape}}</div>{{/HAS_REASON}}
{{#PROPOSAL_DIFF}}<p><a href="{{PROPOSAL_DIFF_URL}}" id="proposal-diff">{{_applications.proposal.diff}} ({{_applications.version}} {{BEFORE_PROPOSAL}} → {{PROPOSAL_VERSION}})</a></p>{{/PROPOSAL_DIFF}}
{{#CAN_ACCEPT}}<h3>{{_applications.proposal.answer}}</h3>
<p>{{_applications.proposal.options}}</p>
<form method="post" action="/applications/{{ID}}/accept" class="form" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="version" value="{{ACCEPT_VERSION}}">
<div class="field">
<label for="accept_message">{{_applications.accept.message}}</label>
<p class="hint" id="accept_message-hint">{{_applications.accept.message_hint}}</p>
<textarea id="accept_message" name="message" rows="3" aria-describedby="accept_message-hint{{#ACCEPT_MESSAGE_ERROR}} accept_message-error{{/ACCEPT_MESSAGE_ERROR}}"{{#ACCEPT_MESSAGE_ERROR}} aria-invalid="true"{{/ACCEPT_MESSAGE_ERROR}}>{{ACCEPT_TEXT:pre_escape}}</textarea>
{{#ACCEPT_MESSAGE_ERROR}}<p class="field-error" id="accept_message-error">{{MESSAGE}}</p>{{/ACCEPT_MESSAGE_ERROR}}
</div>
<div class="actions"><button type="submit" class="btn btn-primary">{{_applications.accept.button}}</button></div>
</form>
<p><a class="btn btn-secondary" href="/applications/{{ID}}/edit" id="revise-link">{{_applications.revise.button}}</a></p>
<p class="hint">{{_applications.revise.hint}}</p>{{/CAN_ACCEPT}}
{{#REVISING}}<p>{{_applications.revision.started}} ({{_applications.version}} {{REVISION_VERSION}})</p>
<ul class="link-list">
<li><a href="{{REVISION_DIFF_URL}}" id="revision-diff">{{_applications.revision.diff}}</a></li>
<li><a href="/applications/{{ID}}/edit">{{_applications.revision.continue}}</a></li>
<li><a href="#submit-heading">{{_applications.revision.to_submit}}</a></li>
</ul>{{/REVISING}}
</section>{{/PROPOSAL}}
{{#AGREED}}<section id="decision" class="alert alert-info" aria-labelledby="decision-heading">
<h2 id="decision-heading">{{_applications.agreed.heading}}</h2>
<p>{{_applications.agreed.text}} ({{_applications.version}} {{AGREED_VERSION}}, {{AGREED_AT}})</p>
</section>{{/AGREED}}
{{#APPROVED}}<section id="decision" class="alert alert-ok" aria-labelledby="decision-heading">
<h2 id="decision-heading">{{_applications.approved.heading}}</h2>
<p>{{_applications.approved.text}} {{DECIDED_AT}} ({{_applications.version}} {{DECIDED_VERSION}})</p>
{{#CONTRACT}}<dl class="facts">
<dt>{{_applications.contract.number_label}}</dt><dd id="contract-number">{{CONTRACT_NUMBER}}</dd>
</dl>
<p><a href="{{CONTRACT_URL}}" id="contract-pdf">{{_applications.contract.download}}</a></p>{{/CONTRACT}}
{{#HAS_REASON}}<h3>{{_applications.decision.office_message}}</h3>
<div class="pre">{{REASON_TEXT:pre_escape}}</div>{{/HAS_REASON}}
</section>{{/APPROVED}}
{{#REJECTED}}<section id="decision" class="alert alert-error" aria-labelledby="decision-heading">
<h2 id="decision-heading">{{_applications.rejected.heading}}</h2>
<p>{{_applications.rejected.text}} {{DECIDED_AT}}</p>
{{#HAS_REASON}}<h3>{{_applications.timeline.reason}}</h3>
<div class="pre" id="rejection-reason">{{REASON_TEXT:pre_escape}}</div>{{/HAS_REASON}}
</section>{{/REJECTED}}
{{#WITHDRAWN_BOX}}<section id="decision" class="alert alert-info" aria-labelledby="decision-heading">
<h2 id="decision-heading">{{_applications.withdrawn_box.heading}}</h2>
{{#HAS_REASON}}<p>{{REASON_BY}}, {{REASON_AT}}</p>
<h3>{{_applications.timeline.reason}}</h3>
<div class="pre" id="withdrawal-reason">{{REASON_TEXT:pre_escape}}</div>{{/HAS_REASON}}
</section>{{/WITHDRAWN_BOX}}
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
{{>TIMELINE}}
{{#CAN_MESSAGE}}<section id="message-form" aria-labelledby="message-heading">
<h2 id="message-heading">{{_applications.message.heading}}</h2>
<form method="post" action="/applications/{{ID}}/message" class="form" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="field">
<label for="message">{{_applications.message.label}}</label>
<p class="hint" id="message-hint">{{_applications.message.hint}}</p>
<textarea id="message" name="message" rows="4" aria-describedby="message-hint{{#MESSAGE_ERROR}} message-error{{/MESSAGE_ERROR}}"{{#MESSAGE_ERROR}} aria-invalid="true"{{/MESSAGE_ERROR}}>{{MESSAGE_TEXT:pre_escape}}</textarea>
{{#MESSAGE_ERROR}}<p class="field-error" id="message-error">{{MESSAGE}}</p>{{/MESSAGE_ERROR}}
</div>
<div class="actions"><button type="submit" class="btn btn-secondary">{{_applications.message.button}}</button></div>
</form>
</section>{{/CAN_MESSAGE}}
{{#CAN_SUBMIT}}<h2 id="submit-heading">{{#SUBMIT_FIRST}}{{_applications.submit.heading}}{{/SUBMIT_FIRST}}{{#SUBMIT_REVISION}}{{_applications.revision.submit_heading}}{{/SUBMIT_REVISION}}</h2>
<form method="post" action="/applications/{{ID}}/submit" class="form" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="version" value="{{VERSION}}">
<p>{{#SUBMIT_FIRST}}{{_applications.submit.intro}}{{/SUBMIT_FIRST}}{{#SUBMIT_REVISION}}{{_applications.revision.submit_intro}}{{/SUBMIT_REVISION}}</p>
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
