// Draws the figures the server built: each <div class="chart" data-figure="ID"> gets the
// Plotly figure in <script type="application/json" id="ID">. Maps use the world outline
// served from here, never plotly's CDN.
(function () {
  "use strict";
  var TOPOJSON = "/ui/static/topojson/";

  function draw(div) {
    var source = document.getElementById(div.getAttribute("data-figure"));
    if (!source) return;
    var fig = JSON.parse(source.textContent);
    var config = {
      responsive: true,
      displaylogo: false,
      topojsonURL: TOPOJSON,
      modeBarButtonsToRemove: ["select2d", "lasso2d"]
    };
    window.Plotly.newPlot(div, fig.data, fig.layout, config).then(function () {
      div.setAttribute("data-drawn", "true");
    });
  }

  function start() {
    if (!window.Plotly) return;
    document.querySelectorAll(".chart[data-figure]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
