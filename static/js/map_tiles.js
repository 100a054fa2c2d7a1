// The base map of every Leaflet map here: PDOK tiles from the element's data attributes,
// and a note under the map once three tiles have failed (the page's table or list holds
// the same records, so the map is never the only way to read them).
window.hhMapTiles = function (map, el) {
  "use strict";
  var errors = 0;
  var tiles = L.tileLayer(el.dataset.tileUrl, { maxZoom: 19, attribution: el.dataset.attribution });
  tiles.on("tileerror", function () {
    errors += 1;
    if (errors === 3) {
      var note = document.createElement("p");
      note.className = "small text-body-secondary m-1";
      note.textContent = el.dataset.tileError;
      el.parentNode.insertBefore(note, el.nextSibling);
    }
  });
  tiles.addTo(map);
  return tiles;
};
