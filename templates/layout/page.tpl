{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="{{LANG}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} – KTK</title>
<link rel="stylesheet" href="/static/ktk.css">
<script src="/static/ktk.js" defer></script>
</head>
<body>
<a class="skip-link" href="#main">{{_layout.skip_to_content}}</a>
{{#TEST_MODE}}<div class="test-mode" role="note"><strong>TEST MODE</strong> – {{_layout.test_mode}}</div>{{/TEST_MODE}}
<header class="site-header">
<div class="wrap header-row">
<a class="brand" href="/"><span class="brand-mark">KTK</span><span class="brand-name">{{_layout.site_name}}</span></a>
{{#ACCOUNT_NAV}}<nav class="user-nav" aria-label="{{_nav.label}}">
<ul>
<li><a href="{{HOME_URL}}"{{#HOME_CURRENT}} aria-current="page"{{/HOME_CURRENT}}>{{_nav.home}}</a></li>
<li><a href="/profile"{{#PROFILE_CURRENT}} aria-current="page"{{/PROFILE_CURRENT}}>{{_nav.profile}}</a></li>
<li><a href="/profile/security"{{#SECURITY_CURRENT}} aria-current="page"{{/SECURITY_CURRENT}}>{{_nav.security}}</a></li>
<li><form method="post" action="/logout" class="logout-form"><input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}"><button type="submit" class="btn-link">{{_nav.logout}}</button></form></li>
</ul>
</nav>{{/ACCOUNT_NAV}}
<nav class="lang-switch" aria-label="{{_layout.language_nav}}"><a href="{{LANG_URL}}" hreflang="{{LANG_OTHER}}" lang="{{LANG_OTHER}}">{{_layout.switch_language}}</a></nav>
</div>
</header>
<main id="main" class="wrap">
{{>CONTENT}}
</main>
<footer class="site-footer">
<div class="wrap">{{_layout.helpdesk}} <a href="mailto:{{HELPDESK_EMAIL}}">{{HELPDESK_EMAIL}}</a></div>
</footer>
</body>
</html>
