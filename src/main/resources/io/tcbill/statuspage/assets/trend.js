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
      // x is the month's index: one tick per month, labelled YYYY-MM (a time scale would tick within months)
      var xs = months.map(function (m, i) { return i; });
      var data = [xs].concat(currencies.map(function (c) {
        return months.map(function (m) { return m in values[c] ? values[c][m] : null; });
      }));
      var amount = function (v) {
        var a = Math.abs(v);
        return a >= 1e9 ? (v / 1e9).toFixed(1) + "B" : a >= 1e6 ? (v / 1e6).toFixed(1) + "M"
          : a >= 1e3 ? (v / 1e3).toFixed(1) + "k" : String(Math.round(v * 100) / 100);
      };
      var series = [{ label: "month", value: function (u, i) { return i == null ? "" : months[i]; } }]
        .concat(currencies.map(function (c, i) {
          return { label: c, stroke: colours[i % colours.length], width: 2, points: { size: 8 },
                   value: function (u, v) { return v == null ? "" : v.toLocaleString("en", { maximumFractionDigits: 2 }); } };
        }));
      box.textContent = "";
      new uPlot({
        legend: { live: false },
        width: Math.max(480, Math.min(960, 120 + 70 * months.length)), height: 220, series: series,
        scales: { x: { time: false, range: function () { return [-0.5, months.length - 0.5]; } },
                  y: { range: function (u, min, max) { return [Math.min(0, min), max * 1.1]; } } },
        axes: [{ splits: function () { return xs; }, values: function (u, splits) { return splits.map(function (i) { return months[i] || ""; }); } },
               { size: 60, values: function (u, splits) { return splits.map(amount); } }]
      }, data, box);
      box.setAttribute("data-drawn", String(months.length));
    })
    .catch(function () { /* the grid stays useful without the chart */ });
})();
