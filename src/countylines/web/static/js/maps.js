/* Offline maps: Leaflet over GeoJSON boundaries, no tile layer (works without a network). */
"use strict";
window.countylinesMaps = {
  colours: { market: "#1a6b35", "cuckooed address": "#b54708", used: "#0b3d91" },
  make: function (elementId, bbox) {
    var map = L.map(elementId, { zoomSnap: 0.25, attributionControl: true, preferCanvas: true });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("LSOA boundaries: ONS, OGL v3");
    if (bbox) { map.fitBounds([[bbox[1], bbox[0]], [bbox[3], bbox[2]]]); }
    return map;
  },
  boundaries: function (map, geojson, styleFor) {
    if (!geojson || !geojson.features || !geojson.features.length) { return null; }
    return L.geoJSON(geojson, {
      style: styleFor || function () { return { color: "#8c959f", weight: 1, fillColor: "#ffffff", fillOpacity: 0.6 }; },
      onEachFeature: function (feature, layer) {
        var p = feature.properties || {};
        var label = document.createElement("span");
        label.textContent = (p.lsoa_name || "") + " " + (p.lsoa_code || "") + (p.extra ? " — " + p.extra : "");
        layer.bindTooltip(label, { sticky: true });
      }
    }).addTo(map);
  },
  cells: function (map, cells) {
    var top = 1;
    cells.forEach(function (c) { if (c.events > top) { top = c.events; } });
    cells.forEach(function (c) {
      var colour = window.countylinesMaps.colours[c.kind] || "#0b3d91";
      var marker = L.circleMarker([c.latitude, c.longitude], {
        radius: 5 + 14 * Math.sqrt(c.events / top), color: "#1b1f24", weight: 1,
        fillColor: colour, fillOpacity: 0.8
      }).addTo(map);
      /* text only: tooltips are built from text nodes, never from HTML */
      var label = document.createElement("span");
      label.textContent = "cell " + c.cell_id + (c.site_name ? " (" + c.site_name + ")" : "") +
        ": " + c.events + " events" + (c.kind !== "used" ? ", " + c.kind : "");
      marker.bindTooltip(label);
    });
  }
};
