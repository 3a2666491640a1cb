/* The line view: network graph (Cytoscape.js) and map of cell sites (Leaflet). */
"use strict";
(function () {
  var data = JSON.parse(document.getElementById("line-data").textContent);
  var colours = { "line number": "#0b3d91", "line holder": "#b42318", runner: "#6d28d9",
                  customers: "#8c959f", "cuckooed address": "#b54708" };
  var graphBox = document.getElementById("graph");
  if (graphBox && data.graph.nodes.length) {
    cytoscape({
      container: graphBox,
      elements: data.graph.nodes.concat(data.graph.edges),
      style: [
        { selector: "node", style: { "background-color": function (n) { return colours[n.data("role")] || "#57606a"; },
          label: "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 4,
          "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": 2,
          width: 22, height: 22 } },
        { selector: "node[role = 'customers']", style: { width: 34, height: 34, shape: "round-rectangle" } },
        { selector: "edge", style: { width: 1.5, "line-color": "#8c959f", "target-arrow-color": "#8c959f",
          "target-arrow-shape": "triangle", "curve-style": "bezier", label: "data(label)", "font-size": 10,
          color: "#1b1f24", "text-rotation": "none", "text-background-color": "#ffffff",
          "text-background-opacity": 1, "text-background-padding": 2 } }
      ],
      layout: { name: "breadthfirst", directed: true, padding: 30, spacingFactor: 1.3 }
    });
    graphBox.setAttribute("data-ready", "yes");
  }
  var mapBox = document.getElementById("map");
  if (mapBox && data.map.cells.length) {
    var map = window.countylinesMaps.make("map", data.map.bbox);
    window.countylinesMaps.boundaries(map, data.map.boundaries);
    window.countylinesMaps.cells(map, data.map.cells);
    mapBox.setAttribute("data-ready", "yes");
  }
}());
