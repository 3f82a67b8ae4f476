// KTK portal — progressive enhancement only; every page works without it.
// Texts come from the page (data-* attributes and hidden elements rendered
// from the catalogs), never from this file, so both languages stay in the
// .po files.
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

  // "Show password" after each password field. The button's text says what
  // pressing it does; a polite status tells screen reader users the result.
  // The field is a password field again before the form is sent, so the
  // browser never stores the password as ordinary text.
  function addPasswordToggle(input, texts) {
    if (!input.id || !texts.show) return;
    var wrap = document.createElement('div');
    wrap.className = 'password-wrap';
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'btn btn-secondary password-toggle';
    button.id = input.id + '-toggle';
    button.setAttribute('aria-controls', input.id);
    button.textContent = texts.show;
    wrap.appendChild(button);
    var status = document.createElement('p');
    status.className = 'visually-hidden';
    status.setAttribute('aria-live', 'polite');
    wrap.parentNode.insertBefore(status, wrap.nextSibling);
    function set(visible) {
      input.type = visible ? 'text' : 'password';
      button.textContent = visible ? texts.hide : texts.show;
    }
    button.addEventListener('click', function () {
      var visible = input.type === 'password';
      set(visible);
      status.textContent = visible ? texts.shown : texts.hidden;
    });
    if (input.form) input.form.addEventListener('submit', function () { set(false); });
  }

  // The registration form's "new code" button. With script only the picture,
  // its hidden id and the audio link change (a fresh captcha from POST
  // /captcha/new); without script, or if that fails, the button reloads the
  // whole form.
  function swapCaptcha(button) {
    var form = button.form;
    var image = document.getElementById('captcha-image');
    var idField = document.getElementById('captcha_id');
    var input = document.getElementById('captcha');
    var status = document.getElementById('captcha-status');
    var audio = document.getElementById('captcha-audio');
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
          if (audio) {
            audio.setAttribute('href', audio.getAttribute('href').replace(/([?&]id=)[^&]*/, '$1' + id));
            stopAudio();
          }
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

  // "Listen to the code": without script the link opens the WAV; with it
  // the sound plays on the page and the form stays as it is.
  var player = null;
  function stopAudio() {
    var playing = player;
    player = null;
    if (playing) playing.pause();
  }
  function playCaptcha(link) {
    if (typeof window.Audio !== 'function') return;
    link.addEventListener('click', function (event) {
      event.preventDefault();
      stopAudio();
      var current = new window.Audio(link.href);
      player = current;
      var started = current.play();
      if (started && typeof started.catch === 'function') {
        started.catch(function (error) {
          // Stopped on purpose (a new code, another click): nothing to do.
          if (player !== current || (error && error.name === 'AbortError')) return;
          // The browser cannot play it here: let it open the sound itself.
          window.location.href = link.href;
        });
      }
    });
  }

  // After a failed POST, start at the list of problems; its links put the
  // focus in the field and show the field's label too.
  function errorSummary() {
    var summary = document.getElementById('error-summary');
    if (!summary) return;
    summary.focus();
    summary.addEventListener('click', function (event) {
      var link = event.target.closest ? event.target.closest('a[href^="#"]') : null;
      if (!link) return;
      var field = document.getElementById(link.getAttribute('href').slice(1));
      if (!field) return;
      event.preventDefault();
      var label = document.querySelector('label[for="' + field.id + '"]');
      (label || field).scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }

  // Switching language keeps what was typed in the page's form (except
  // passwords, hidden fields and the captcha answer): the values the user
  // changed wait in sessionStorage (this tab only, never in a URL) and are
  // put back once the same page arrives in the other language.
  var KEEP = 'ktk.keep:';
  function keepFormValues() {
    if (!window.sessionStorage) return;
    var main = document.getElementById('main');
    var form = main && main.querySelector('form');
    var key = KEEP + window.location.pathname;
    var saved = null;
    try { saved = JSON.parse(window.sessionStorage.getItem(key) || 'null'); } catch (e) { saved = null; }
    window.sessionStorage.removeItem(key);
    if (!form) return;
    function keepable(el) {
      return el.name && el.id && !/^(password|hidden|submit|button|file)$/.test(el.type) &&
        el.getAttribute('autocomplete') !== 'off' && !/token/.test(el.name);
    }
    if (saved && typeof saved === 'object') {
      Object.keys(saved).forEach(function (id) {
        var el = document.getElementById(id);
        if (el && el.form === form && keepable(el) && typeof saved[id] === 'string') el.value = saved[id];
      });
    }
    var changed = {};
    form.addEventListener('input', function (event) { if (keepable(event.target)) changed[event.target.id] = true; });
    form.addEventListener('change', function (event) { if (keepable(event.target)) changed[event.target.id] = true; });
    function save() {
      var values = {};
      Object.keys(changed).forEach(function (id) {
        var el = document.getElementById(id);
        if (el) values[id] = el.value;
      });
      if (Object.keys(values).length) window.sessionStorage.setItem(key, JSON.stringify(values));
    }
    var switcher = document.querySelector('.lang-switch');
    if (!switcher) return;
    switcher.addEventListener('click', function (event) {
      if (event.target.closest && event.target.closest('a')) save();
    });
    switcher.addEventListener('submit', save);
  }

  // The warning before the idle timeout (WCAG 2.2.1). The dialog's data
  // says how long a session may stay idle and how early to warn. The last
  // activity is shared between the portal's tabs (localStorage), so a page
  // left open in one tab does not warn while another tab is in use.
  // "Stay logged in" posts to /session/keepalive (the session's CSRF token
  // is in the dialog's form); once the time is up the dialog says so and
  // links to the login page — the page never leaves by itself.
  function sessionWarning(dialog) {
    var idle = parseInt(dialog.getAttribute('data-idle-seconds'), 10) * 1000;
    var warn = parseInt(dialog.getAttribute('data-warn-seconds'), 10) * 1000;
    if (!(idle > 0) || !(warn > 0) || typeof dialog.showModal !== 'function' || !window.fetch) return;
    var form = dialog.querySelector('form');
    var deadlineText = dialog.querySelector('.session-deadline');
    var warningState = dialog.querySelector('[data-state="warning"]');
    var expiredState = dialog.querySelector('[data-state="expired"]');
    var STORE = 'ktk.activity';
    var local = Date.now();
    var returnFocus = null;
    var expired = false;
    function lastActivity() {
      var shared = 0;
      try { shared = parseInt(window.localStorage.getItem(STORE) || '0', 10) || 0; } catch (e) { shared = 0; }
      return Math.max(local, shared);
    }
    function touched() {
      local = Date.now();
      try { window.localStorage.setItem(STORE, String(local)); } catch (e) { /* private mode */ }
    }
    function two(n) { return (n < 10 ? '0' : '') + n; }
    function open() {
      if (dialog.open) return;
      returnFocus = document.activeElement;
      dialog.showModal();
      var button = dialog.querySelector('[data-state]:not([hidden]) .btn');
      if (button) button.focus();
    }
    function close() {
      if (!dialog.open) return;
      dialog.close();
      if (returnFocus && returnFocus.focus) returnFocus.focus();
    }
    function showExpired() {
      expired = true;
      warningState.hidden = true;
      expiredState.hidden = false;
      dialog.setAttribute('aria-labelledby', 'session-expired-title');
      dialog.setAttribute('aria-describedby', 'session-expired-text');
      if (dialog.open) dialog.close();
      open();
    }
    function check() {
      if (expired) return;
      var end = lastActivity() + idle;
      var left = end - Date.now();
      if (left <= 0) { showExpired(); return; }
      if (left <= warn) {
        var at = new Date(end);
        deadlineText.textContent = two(at.getHours()) + ':' + two(at.getMinutes());
        open();
      } else {
        close();
      }
    }
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form)), credentials: 'same-origin' })
        .then(function (response) { return response.ok ? response.text() : ''; })
        .then(function (text) {
          if (text.trim() !== 'ok') throw new Error('session over');
          touched();
          close();
        })
        .catch(showExpired);
    });
    // Escape would close the dialog without an answer: keep it open.
    dialog.addEventListener('cancel', function (event) { event.preventDefault(); });
    window.addEventListener('storage', function (event) { if (event.key === STORE) check(); });
    touched();
    window.setInterval(check, 5000);
    check();
  }

  document.addEventListener('DOMContentLoaded', function () {
    var body = document.body;
    var texts = {
      show: body.getAttribute('data-password-show'),
      hide: body.getAttribute('data-password-hide'),
      shown: body.getAttribute('data-password-shown'),
      hidden: body.getAttribute('data-password-hidden')
    };
    var inputs = document.querySelectorAll('input[type=password]');
    for (var i = 0; i < inputs.length; i++) {
      watchCapsLock(inputs[i]);
      addPasswordToggle(inputs[i], texts);
    }
    var newCaptcha = document.getElementById('captcha-new');
    if (newCaptcha) swapCaptcha(newCaptcha);
    var audio = document.getElementById('captcha-audio');
    if (audio) playCaptcha(audio);
    errorSummary();
    keepFormValues();
    var dialog = document.getElementById('session-warning');
    if (dialog) sessionWarning(dialog);
  });
})();
