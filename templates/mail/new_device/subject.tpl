{{%AUTOESCAPE context="TEXT"}}{{_login.mail.new_device.subject}}
