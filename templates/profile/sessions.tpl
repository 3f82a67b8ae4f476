{{%AUTOESCAPE context="HTML"}}
<h1>{{_profile.sessions.page_heading}}</h1>
<p class="back-link"><a href="/profile/security">{{_profile.sessions.back}}</a></p>
<section class="sessions">
<h2 id="sessions-heading">{{_profile.sessions.heading}}</h2>
{{#SESSION_ENDED}}<div class="alert alert-ok" role="status"><p>{{_profile.sessions.ended}}</p></div>{{/SESSION_ENDED}}
{{#OTHERS_ENDED}}<div class="alert alert-ok" role="status"><p>{{_profile.sessions.others_ended}}</p></div>{{/OTHERS_ENDED}}
{{#SESSION_GONE}}<div class="alert alert-error" role="alert"><p>{{_profile.sessions.gone}}</p></div>{{/SESSION_GONE}}
<p>{{_profile.sessions.intro}}</p>
<div class="table-scroll" role="region" aria-labelledby="sessions-heading" tabindex="0">
<table class="sessions" id="sessions">
<caption class="visually-hidden">{{_profile.sessions.heading}}</caption>
<thead><tr><th scope="col">{{_profile.sessions.browser}}</th><th scope="col">{{_profile.sessions.address}}</th><th scope="col">{{_profile.sessions.started}}</th><th scope="col">{{_profile.sessions.last_seen}}</th><th scope="col"><span class="visually-hidden">{{_profile.sessions.action}}</span></th></tr></thead>
<tbody>
{{#SESSION}}<tr class="session" data-session="{{REF}}"{{#THIS_DEVICE}} data-this-device="1"{{/THIS_DEVICE}}>
<td>{{BROWSER}}{{#THIS_DEVICE}} <strong class="this-device">({{_profile.sessions.this_device}})</strong>{{/THIS_DEVICE}}</td>
<td>{{ADDRESS}}</td>
<td>{{STARTED}}</td>
<td>{{LAST_SEEN}}</td>
<td>{{#OTHER_DEVICE}}<form method="post" action="/profile/sessions/revoke">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="session" value="{{REF}}">
<button type="submit" class="btn btn-secondary">{{_profile.sessions.log_out}} <span class="visually-hidden">({{BROWSER}}, {{ADDRESS}}, {{LAST_SEEN}})</span></button>
</form>{{/OTHER_DEVICE}}</td>
</tr>
{{/SESSION}}</tbody>
</table>
</div>
{{#OTHER_SESSIONS}}<form method="post" action="/profile/sessions/revoke" class="form">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="all_others" value="1">
<div class="actions"><button type="submit" class="btn btn-secondary" id="log-out-others">{{_profile.sessions.log_out_others}}</button></div>
</form>{{/OTHER_SESSIONS}}
{{#NO_OTHER_SESSIONS}}<p id="no-other-sessions">{{_profile.sessions.no_others}}</p>{{/NO_OTHER_SESSIONS}}
</section>
<section class="sign-ins">
<h2 id="sign-ins-heading">{{_profile.sign_ins.heading}}</h2>
<p>{{_profile.sign_ins.intro}}</p>
{{#NO_SIGN_INS}}<p id="no-sign-ins">{{_profile.sign_ins.none}}</p>{{/NO_SIGN_INS}}
{{#HAS_SIGN_INS}}<div class="table-scroll" role="region" aria-labelledby="sign-ins-heading" tabindex="0">
<table class="sign-ins" id="sign-ins">
<caption class="visually-hidden">{{_profile.sign_ins.heading}}</caption>
<thead><tr><th scope="col">{{_profile.sign_ins.when}}</th><th scope="col">{{_profile.sign_ins.result}}</th><th scope="col">{{_profile.sessions.browser}}</th><th scope="col">{{_profile.sessions.address}}</th></tr></thead>
<tbody>
{{#SIGN_IN}}<tr class="sign-in {{KIND}}"><td>{{AT}}</td><td>{{RESULT}}</td><td>{{BROWSER}}</td><td>{{ADDRESS}}</td></tr>
{{/SIGN_IN}}</tbody>
</table>
</div>{{/HAS_SIGN_INS}}
</section>
<section class="new-device-notice" aria-labelledby="notice-heading">
<h2 id="notice-heading">{{_profile.notice.heading}}</h2>
{{#NOTICE_SAVED}}<div class="alert alert-ok" role="status"><p>{{_profile.notice.saved}}</p></div>{{/NOTICE_SAVED}}
<p>{{_profile.notice.intro}}</p>
{{#NOTICE_CLERK}}<p id="notice-clerk">{{_profile.notice.clerk}}</p>{{/NOTICE_CLERK}}
{{#NOTICE_CHOICE}}<form method="post" action="/profile/sessions/notice" class="form">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<fieldset>
<legend>{{_profile.notice.legend}}</legend>
<div class="field radio">
<input id="new_device_mail-yes" name="new_device_mail" type="radio" value="yes"{{#NOTICE_ON}} checked{{/NOTICE_ON}}>
<label for="new_device_mail-yes">{{_profile.notice.on}}</label>
</div>
<div class="field radio">
<input id="new_device_mail-no" name="new_device_mail" type="radio" value="no"{{#NOTICE_OFF}} checked{{/NOTICE_OFF}}>
<label for="new_device_mail-no">{{_profile.notice.off}}</label>
</div>
</fieldset>
<div class="actions"><button type="submit" class="btn btn-secondary" id="notice-save">{{_profile.notice.save}}</button></div>
</form>{{/NOTICE_CHOICE}}
</section>
