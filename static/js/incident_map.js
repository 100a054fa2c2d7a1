// Map of the listed incidents. The list works without it; tiles that fail to load hide the map.
(function () {
  "use strict";
  var el = document.getElementById("incident-map");
  var data = document.getElementById("incident-points");
  if (!el || !data || typeof L === "undefined" || !window.hhMapTiles) { if (el) el.remove(); return; }
  var points = JSON.parse(data.textContent);
  // The marker images by their collected (hashed) names: Leaflet's own guess from its
  // stylesheet's path does not match hashed file names, which left broken markers.
  L.Icon.Default.imagePath = "";  // a string: Leaflet then prefixes nothing
  L.Icon.Default.mergeOptions({
    iconUrl: el.dataset.markerIcon,
    iconRetinaUrl: el.dataset.markerIcon2x,
    shadowUrl: el.dataset.markerShadow
  });
  var map = L.map(el, { scrollWheelZoom: false });
  window.hhMapTiles(map, el);
  var bounds = [];
  // Each point is [id, reference, latitude, longitude].
  points.forEach(function (p) {
    // The marker is a button named for its incident (Leaflet's default alt is "Marker").
    var m = L.marker([p[2], p[3]], { alt: p[1], title: p[1] }).addTo(map);
    var a = document.createElement("a");
    a.href = el.dataset.detailBase.replace("/0/", "/" + p[0] + "/");
    a.textContent = p[1];
    m.bindPopup(a);
    bounds.push([p[2], p[3]]);
  });
  if (bounds.length === 1) map.setView(bounds[0], 16); else map.fitBounds(bounds, { paddingTopLeft: [20, 48], paddingBottomRight: [20, 12] });  // a pin stands 41 px above its point
})();
