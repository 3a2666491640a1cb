/* The hotspot map: LSOA boundaries shaded by their score, cells of the lines on top. */
"use strict";
(function () {
  var box = document.getElementById("map");
  var source = document.getElementById("hotspot-data");
  if (!box || !source) { return; }
  var data = JSON.parse(source.textContent);
  var byCode = {};
  var scoreKey = null;
  data.rows.forEach(function (r) {
    byCode[r.lsoa_code] = r;
    if (!scoreKey) {
      ["score", "hotspot_score", "rate", "crimes", "drug_crimes", "count"].forEach(function (k) {
        if (!scoreKey && typeof r[k] === "number") { scoreKey = k; }
      });
    }
  });
  var top = 0;
  data.rows.forEach(function (r) { if (scoreKey && r[scoreKey] > top) { top = r[scoreKey]; } });
  var points = data.cells.map(function (c) { return [c.latitude, c.longitude]; });
  var bounds = L.latLngBounds(points);
  if (data.boundaries.features.length) { bounds.extend(L.geoJSON(data.boundaries).getBounds()); }
  if (!bounds.isValid()) { return; }
  var map = L.map("map", { zoomSnap: 0.25, preferCanvas: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("LSOA boundaries: ONS, OGL v3");
  map.fitBounds(bounds, { padding: [12, 12] });
  data.boundaries.features.forEach(function (f) {
    var r = byCode[f.properties.lsoa_code];
    f.properties.extra = r && scoreKey ? scoreKey.replace(/_/g, " ") + " " + r[scoreKey] : "";
  });
  window.countylinesMaps.boundaries(map, data.boundaries, function (f) {
    var r = byCode[f.properties.lsoa_code];
    if (!r) { return { color: "#8c959f", weight: 1, fillColor: "#ffffff", fillOpacity: 0.6 }; }
    var share = scoreKey && top ? r[scoreKey] / top : 0.5;
    return { color: "#7f0000", weight: 1, fillColor: "#d7301f", fillOpacity: 0.15 + 0.6 * share };
  });
  window.countylinesMaps.cells(map, data.cells);
  box.setAttribute("data-ready", "yes");
}());
