// KTK portal — progressive enhancement only; every page works without it.
(function () {
  'use strict';

  // Caps Lock warning on password fields: <p class="capslock" id="<field id>-capslock" hidden>.
  function watchCapsLock(input) {
    var warning = document.getElementById(input.id + '-capslock');
    if (!warning) return;
    function update(event) {
      if (typeof event.getModifierState !== 'function') return;
      warning.hidden = !event.getModifierState('CapsLock');
    }
    input.addEventListener('keydown', update);
    input.addEventListener('keyup', update);
    input.addEventListener('blur', function () { warning.hidden = true; });
  }

  // The registration form's "new code" button. With script only the picture
  // and its hidden id change (a fresh captcha from POST /captcha/new);
  // without script, or if that fails, the button reloads the whole form.
  function swapCaptcha(button) {
    var form = button.form;
    var image = document.getElementById('captcha-image');
    var idField = document.getElementById('captcha_id');
    var input = document.getElementById('captcha');
    var status = document.getElementById('captcha-status');
    if (!form || !image || !idField || !input || !window.fetch || !window.URLSearchParams) return;
    button.addEventListener('click', function (event) {
      event.preventDefault();
      var body = new URLSearchParams();
      body.append('csrf_token', form.elements.csrf_token.value);
      fetch('/captcha/new', { method: 'POST', body: body, credentials: 'same-origin' })
        .then(function (response) {
          if (!response.ok) throw new Error('HTTP ' + response.status);
          return response.text();
        })
        .then(function (id) {
          if (!/^[A-Za-z0-9_-]{43}$/.test(id)) throw new Error('unexpected captcha id');
          idField.value = id;
          image.src = '/captcha?id=' + id;
          input.value = '';
          input.focus();
          if (status) status.textContent = status.getAttribute('data-loaded');
        })
        .catch(function () {
          var flag = document.createElement('input');
          flag.type = 'hidden';
          flag.name = 'new_captcha';
          flag.value = '1';
          form.appendChild(flag);
          form.submit();
        });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var inputs = document.querySelectorAll('input[type=password]');
    for (var i = 0; i < inputs.length; i++) watchCapsLock(inputs[i]);
    var newCaptcha = document.getElementById('captcha-new');
    if (newCaptcha) swapCaptcha(newCaptcha);
    // After a failed POST, start at the list of problems.
    var summary = document.getElementById('error-summary');
    if (summary) summary.focus();
  });
})();
