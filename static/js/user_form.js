// Only a partner belongs to a partner organisation: show that field for partners only.
(function () {
  "use strict";
  var role = document.getElementById("id_role");
  var org = document.getElementById("div_id_partner_organisation");
  if (!role || !org) return;
  function sync() {
    var isPartner = role.value === "partner";
    org.hidden = !isPartner;
    if (!isPartner) document.getElementById("id_partner_organisation").value = "";
  }
  role.addEventListener("change", sync);
  sync();
})();
