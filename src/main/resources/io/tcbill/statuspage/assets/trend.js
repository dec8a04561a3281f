// The trend chart of the status page: the L3 total cost per month from /status/api/trend, one line per currency,
// drawn with the vendored uPlot. No inline script (the page's content security policy allows none).
(function () {
  "use strict";
  var box = document.getElementById("trend");
  if (!box || typeof uPlot === "undefined") {
    return;
  }
  var colours = ["#0969da", "#bf3989", "#1a7f37", "#9a6700", "#8250df"];
  fetch(box.getAttribute("data-src"), { headers: { "Accept": "application/json" } })
    .then(function (answer) { return answer.ok ? answer.json() : []; })
    .then(function (points) {
      if (!points.length) {
        return;
      }
      var months = [], currencies = [], values = {};
      points.forEach(function (p) {
        if (months.indexOf(p.month) < 0) { months.push(p.month); }
        if (currencies.indexOf(p.currency) < 0) { currencies.push(p.currency); values[p.currency] = {}; }
        values[p.currency][p.month] = parseFloat(p.totalCost);
      });
      months.sort();
      var xs = months.map(function (m) { return Date.UTC(+m.slice(0, 4), +m.slice(5, 7) - 1, 1) / 1000; });
      var data = [xs].concat(currencies.map(function (c) {
        return months.map(function (m) { return m in values[c] ? values[c][m] : null; });
      }));
      var series = [{ label: "month", value: function (u, v) { return v == null ? "" : new Date(v * 1000).toISOString().slice(0, 7); } }]
        .concat(currencies.map(function (c, i) {
          return { label: c, stroke: colours[i % colours.length], width: 2, points: { size: 7 },
                   value: function (u, v) { return v == null ? "" : v.toLocaleString("en", { maximumFractionDigits: 2 }); } };
        }));
      box.textContent = "";
      new uPlot({
        width: Math.max(480, Math.min(960, window.innerWidth - 60)), height: 220, series: series,
        scales: { x: { time: true } },
        axes: [{ values: function (u, splits) { return splits.map(function (v) { return new Date(v * 1000).toISOString().slice(0, 7); }); } },
               { size: 70 }]
      }, data, box);
      box.setAttribute("data-drawn", String(months.length));
    })
    .catch(function () { /* the grid stays useful without the chart */ });
})();
