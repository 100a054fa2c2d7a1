// The boundary of an area on the area's form (data in json_script elements).
(function () {
  "use strict";
  var el = document.getElementById("area-map");
  if (!el || !window.L) return;
  var boundary = JSON.parse(document.getElementById("area-boundary").textContent);
  var map = L.map(el, { scrollWheelZoom: false });
  L.tileLayer(JSON.parse(document.getElementById("map-tile-url").textContent), {
    maxZoom: 19, attribution: JSON.parse(document.getElementById("map-attribution").textContent)
  }).addTo(map);
  var layer = L.geoJSON(boundary, { style: { color: "#0d6efd", weight: 3, fillOpacity: 0.15 } }).addTo(map);
  map.fitBounds(layer.getBounds(), { padding: [10, 10] });
})();
