{{%AUTOESCAPE context="TEXT"}}{{_mail.greeting.named}}

{{_login.mail.new_device.intro}}

{{_password.mail.changed.time}} {{TIME}} ({{_password.mail.changed.local_time}}, {{UTC_OFFSET}})
{{_login.mail.new_device.browser}} {{#BROWSER_ON}}{{BROWSER}} ({{PLATFORM}}){{/BROWSER_ON}}{{#BROWSER_ONLY}}{{BROWSER}}{{/BROWSER_ONLY}}{{#UNKNOWN_BROWSER}}{{_login.mail.new_device.unknown_browser}}{{/UNKNOWN_BROWSER}}
{{_login.mail.new_device.address}} {{CLIENT_ADDRESS}}

{{_login.mail.new_device.if_you}}

{{_login.mail.new_device.not_you}}
1. {{_login.mail.new_device.step_password}}
   {{FORGOT_URL}}
2. {{_login.mail.new_device.step_sessions}}
   {{SESSIONS_URL}}
3. {{_password.mail.changed.not_you_helpdesk}} {{HELPDESK_EMAIL}}
{{#MAY_TURN_OFF}}
{{_login.mail.new_device.turn_off}}
{{SESSIONS_URL}}
{{/MAY_TURN_OFF}}
{{_register.mail.regards}}
{{_register.mail.signature}}

-- 
{{_mail.footer.automatic}}
{{_mail.footer.helpdesk}} {{HELPDESK_EMAIL}}
