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

  document.addEventListener('DOMContentLoaded', function () {
    var inputs = document.querySelectorAll('input[type=password]');
    for (var i = 0; i < inputs.length; i++) watchCapsLock(inputs[i]);
  });
})();
