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
