// Incident form: one-tap GPS location and categories of the chosen theme.
// The form works without this script (type an address or coordinates). Its texts come
// from the page (data-* of #gps-status), in the reader's language.
(function () {
  "use strict";
  var form = document.getElementById("incident-form");
  if (!form) return;
  var lat = document.getElementById("id_latitude");
  var lon = document.getElementById("id_longitude");
  var button = document.getElementById("gps-button");
  var status = document.getElementById("gps-status");

  function fire(el) { el.dispatchEvent(new Event("change", { bubbles: true })); }

  if (button && navigator.geolocation) {
    button.classList.remove("d-none");
    button.addEventListener("click", function () {
      status.textContent = status.dataset.locating;
      navigator.geolocation.getCurrentPosition(function (pos) {
        lat.value = pos.coords.latitude.toFixed(6);
        lon.value = pos.coords.longitude.toFixed(6);
        status.textContent = status.dataset.found.replace("{m}", String(Math.round(pos.coords.accuracy)));
        fire(lat);
        suggestAddress();
      }, function (err) {
        status.textContent = status.dataset.unavailable.replace("{error}", err.message);
      }, { enableHighAccuracy: true, timeout: 10000, maximumAge: 30000 });
    });
  }

  // The nearest known address (within 25 m) as a suggestion the boa can take or change.
  var suggestion = document.getElementById("address-suggestion");
  var address = document.getElementById("id_address");
  function suggestAddress() {
    if (!suggestion || !navigator.onLine || !lat.value || !lon.value) return;
    var url = suggestion.dataset.url + "?latitude=" + encodeURIComponent(lat.value) + "&longitude=" + encodeURIComponent(lon.value);
    fetch(url, { credentials: "same-origin" }).then(function (r) { return r.ok ? r.json() : {}; }).then(function (data) {
      if (!data.address) { suggestion.classList.add("d-none"); return; }
      document.getElementById("address-suggestion-text").textContent =
        data.address + " (" + data.distance_m + " m)";
      suggestion.dataset.address = data.address;
      suggestion.classList.remove("d-none");
      if (!address.value.trim()) { address.value = data.address; fire(address); }
    }).catch(function () {});
  }
  var use = document.getElementById("address-suggestion-use");
  if (use) {
    use.addEventListener("click", function () {
      address.value = suggestion.dataset.address || "";
      fire(address);
      address.focus();
    });
  }

  // Show only the categories of the chosen theme.
  var theme = document.getElementById("id_theme");
  var category = document.getElementById("id_category");
  var data = document.getElementById("category-themes");
  if (theme && category && data) {
    var themeOf = {};
    JSON.parse(data.textContent).forEach(function (c) { themeOf[String(c.id)] = String(c.theme); });
    var sync = function () {
      Array.prototype.forEach.call(category.options, function (opt) {
        if (!opt.value) return;
        var show = !theme.value || themeOf[opt.value] === theme.value;
        opt.hidden = !show;
        opt.disabled = !show;
        if (!show && opt.selected) category.value = "";
      });
    };
    theme.addEventListener("change", sync);
    sync();
  }

  // A double tap submits once; the server also refuses a second record with the same key.
  form.addEventListener("submit", function () {
    var save = document.getElementById("save-button");
    if (save) { setTimeout(function () { save.disabled = true; }, 0); }
  });
})();
