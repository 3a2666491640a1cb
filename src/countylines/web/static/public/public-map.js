/* Optional map on the public page: Leaflet over the area's LSOA boundaries from this website
   (no tile server, nothing fetched from elsewhere). Marks one point in the hidden latitude and
   longitude fields. The form works the same without it. */
"use strict";
(function () {
  var group = document.getElementById("map-group");
  if (!group || !window.L) { return; }
  var show = document.getElementById("map-show");
  var area = document.getElementById("map-area");
  var status = document.getElementById("map-status");
  var lat = document.getElementById("latitude");
  var lon = document.getElementById("longitude");
  var map = null;
  var marker = null;
  group.hidden = false;

  function say(text) { status.textContent = text; }

  function mark(latlng, how) {
    var la = Math.round(latlng.lat * 10000) / 10000;
    var lo = Math.round(latlng.lng * 10000) / 10000;
    lat.value = String(la);
    lon.value = String(lo);
    if (marker) { marker.setLatLng([la, lo]); }
    else {
      marker = L.circleMarker([la, lo], { radius: 9, color: "#0b0c0c", weight: 3,
                                          fillColor: "#ffbf47", fillOpacity: 0.9 }).addTo(map);
    }
    say("A place is marked" + how + ".");
  }

  function clear() {
    lat.value = "";
    lon.value = "";
    if (marker) { map.removeLayer(marker); marker = null; }
    say("No place is marked.");
  }

  function build(geojson) {
    map = L.map("map", { zoomSnap: 0.25, attributionControl: true, keyboard: true });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Boundaries: ONS, OGL v3");
    var layer = L.geoJSON(geojson, {
      style: function () { return { color: "#505a5f", weight: 1, fillColor: "#ffffff", fillOpacity: 0.5 }; },
      interactive: false
    }).addTo(map);
    if (geojson.bbox) {
      map.fitBounds([[geojson.bbox[1], geojson.bbox[0]], [geojson.bbox[3], geojson.bbox[2]]]);
    } else { map.fitBounds(layer.getBounds()); }
    map.on("click", function (e) { mark(e.latlng, " where you clicked"); });
    if (lat.value && lon.value) {
      mark(L.latLng(parseFloat(lat.value), parseFloat(lon.value)), "");
      map.setView(marker.getLatLng(), 15);
    }
    document.getElementById("map-centre").addEventListener("click", function () {
      mark(map.getCenter(), " at the centre of the map");
    });
    document.getElementById("map-clear").addEventListener("click", clear);
    area.setAttribute("data-ready", "yes");
  }

  show.addEventListener("click", function () {
    var open = area.hidden;
    area.hidden = !open;
    show.setAttribute("aria-expanded", open ? "true" : "false");
    show.textContent = open ? "Hide the map" : "Show the map";
    if (open && !map) {
      say("Loading the map…");
      fetch("/map/area.geojson", { credentials: "omit" })
        .then(function (r) { if (!r.ok) { throw new Error("map " + r.status); } return r.json(); })
        .then(function (g) { build(g); if (!lat.value) { say("No place is marked."); } })
        .catch(function () { say("The map could not be loaded. You can still describe the place above."); });
    } else if (open && map) { map.invalidateSize(); }
  });
}());
