{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="{{LANG}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{{#HAS_DESCRIPTION}}<meta name="description" content="{{DESCRIPTION}}">{{/HAS_DESCRIPTION}}
<title>{{#TITLE_ERROR}}{{_form.error_title_prefix}} – {{/TITLE_ERROR}}{{TITLE}} – KTK</title>
<link rel="stylesheet" href="/static/ktk.css?v={{ASSET_VERSION}}">
<script src="/static/ktk.js?v={{ASSET_VERSION}}" defer></script>
</head>
<body data-password-show="{{_form.password_show}}" data-password-hide="{{_form.password_hide}}" data-password-shown="{{_form.password_shown}}" data-password-hidden="{{_form.password_hidden}}">
<a class="skip-link" href="#main">{{_layout.skip_to_content}}</a>
<header class="site-header">
{{#TEST_MODE}}<div class="test-mode" role="note"><strong>TEST MODE</strong> – {{_layout.test_mode}}</div>{{/TEST_MODE}}
<div class="wrap header-row">
<a class="brand" href="/"><span class="brand-mark">KTK</span><span class="brand-name">{{_layout.site_name}}</span></a>
<nav class="lang-switch" aria-label="{{_layout.language_nav}}">
{{#LANG_LINK}}<a href="{{LANG_URL}}" hreflang="{{LANG_OTHER}}" lang="{{LANG_OTHER}}">{{_layout.switch_language}}</a>{{/LANG_LINK}}
{{#LANG_FORM}}<form method="post" action="{{LANGUAGE_URL}}">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="lang" value="{{LANG_OTHER}}">
<input type="hidden" name="return" value="{{RETURN}}">
<button type="submit" class="link-button" lang="{{LANG_OTHER}}">{{_layout.switch_language}}</button>
</form>{{/LANG_FORM}}
</nav>
</div>
{{#USER}}<div class="user-bar">
<div class="wrap user-row">
<p class="user-name">{{_layout.logged_in_as}} <strong>{{USER_NAME}}</strong></p>
<nav class="user-nav" aria-label="{{_nav.label}}">
<ul>
<li><a href="{{HOME_URL}}"{{#HOME_CURRENT}} aria-current="page"{{/HOME_CURRENT}}>{{_nav.home}}</a></li>
{{#LINKED_CONTACT}}<li><a href="{{WORK_URL}}"{{#WORK_CURRENT}} aria-current="page"{{/WORK_CURRENT}}>{{_nav.applications}}</a></li>
{{/LINKED_CONTACT}}<li><a href="{{PROFILE_URL}}"{{#PROFILE_CURRENT}} aria-current="page"{{/PROFILE_CURRENT}}>{{_nav.profile}}</a></li>
<li><a href="{{SECURITY_URL}}"{{#SECURITY_CURRENT}} aria-current="page"{{/SECURITY_CURRENT}}>{{_nav.security}}</a></li>
<li><form method="post" action="{{LOGOUT_URL}}" class="logout-form">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<button type="submit" class="link-button">{{_nav.logout}}</button>
</form></li>
</ul>
</nav>
</div>
</div>{{/USER}}
</header>
<main id="main" class="wrap" tabindex="-1">
{{#FORM_ERRORS}}<div class="alert alert-error error-summary" id="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
<h2 id="error-summary-title">{{_validation.summary}}</h2>
<ul>
{{#ERROR}}<li><a href="#{{FIELD}}">{{#HAS_LABEL}}{{LABEL}}: {{/HAS_LABEL}}{{MESSAGE}}</a></li>
{{/ERROR}}</ul>
</div>{{/FORM_ERRORS}}
{{CONTENT:none}}
</main>
<footer class="site-footer">
<div class="wrap">
<p>{{_layout.helpdesk}} <a href="mailto:{{HELPDESK_EMAIL}}{{#REGISTRATION_HELP}}?subject={{_register.helpdesk_subject:uri}}{{/REGISTRATION_HELP}}">{{HELPDESK_EMAIL}}</a></p>
{{#USER}}<p>{{_layout.session_note}}</p>{{/USER}}
<p class="footer-name">KTK – {{_layout.site_name}}</p>
</div>
</footer>
{{#SESSION}}<dialog id="session-warning" class="session-warning" aria-labelledby="session-warning-title" aria-describedby="session-warning-text" data-idle-seconds="{{IDLE_SECONDS}}" data-warn-seconds="{{WARN_SECONDS}}">
<div class="session-state" data-state="warning">
<h2 id="session-warning-title">{{_session.warning_title}}</h2>
<p id="session-warning-text">{{_session.warning_text}} <strong class="session-deadline"></strong></p>
<form method="post" action="/session/keepalive">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<button type="submit" class="btn btn-primary">{{_session.stay}}</button>
</form>
</div>
<div class="session-state" data-state="expired" hidden>
<h2 id="session-expired-title">{{_session.expired_title}}</h2>
<p id="session-expired-text">{{_session.expired_text}}</p>
<p><a class="btn btn-primary" href="/login?expired=1">{{_session.login_again}}</a></p>
</div>
</dialog>{{/SESSION}}
</body>
</html>
