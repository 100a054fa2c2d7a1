// Hotspot cells as rectangles on the map; the table under it holds the same cells.
(function () {
  "use strict";
  var el = document.getElementById("hotspot-map");
  var data = document.getElementById("hotspot-cells");
  if (!el || !data || typeof L === "undefined" || !window.hhMapTiles) { if (el) el.remove(); return; }
  var cells = JSON.parse(data.textContent);
  var map = L.map(el, { scrollWheelZoom: false });
  window.hhMapTiles(map, el);
  var layer = L.featureGroup();
  // Each cell is [min_lat, min_lon, max_lat, max_lon, label, emerging].
  cells.forEach(function (c) {
    var colour = c[5] ? "#b35900" : "#0b5394";
    L.rectangle([[c[0], c[1]], [c[2], c[3]]], { color: colour, weight: 2, fillOpacity: 0.35 })
      .bindTooltip(c[4]).addTo(layer);
  });
  layer.addTo(map);
  map.fitBounds(layer.getBounds(), { padding: [20, 20] });
})();
