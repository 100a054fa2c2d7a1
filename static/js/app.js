// Behaviour every page shares. Content-Security-Policy allows no inline scripts or
// on...= handlers, so it lives here.
(function () {
  "use strict";
  // <form data-confirm="Question?">: ask before submitting (without JavaScript it submits).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  }, true);
  // <button data-history-back hidden>: a "back" button, shown only where it can work.
  document.querySelectorAll("[data-history-back]").forEach(function (button) {
    if (window.history.length < 2) return;
    button.hidden = false;
    button.addEventListener("click", function () { window.history.back(); });
  });
  // <details class="filters">: folded behind one button on a phone, open on a wide screen.
  if (window.matchMedia("(min-width: 768px)").matches) {
    document.querySelectorAll("details.filters").forEach(function (d) { d.open = true; });
  }
})();
