// Effort split: keep "Nog te verdelen" in step with the minutes typed (the server
// renders the same figure, so the page works without this script).
(function () {
  "use strict";
  var box = document.getElementById("effort-left");
  var form = document.getElementById("effort-form");
  if (!box || !form) return;
  var length = parseInt(box.dataset.length, 10) || 0;
  function update() {
    var divided = 0;
    form.querySelectorAll('input[name$="-minutes"]').forEach(function (input) {
      var n = parseInt(input.value, 10);
      if (!isNaN(n) && n > 0) divided += n;
    });
    var left = length - divided;
    var text = left >= 0 ? box.dataset.leftText : box.dataset.overText;
    box.textContent = text.replace("{n}", String(Math.abs(left)));
    box.classList.toggle("alert-danger", left < 0);
    box.classList.toggle("alert-secondary", left >= 0);
  }
  form.addEventListener("input", update);
})();
