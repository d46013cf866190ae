/**
 * The dashboard's own script and stylesheet, kept as strings so the bundled
 * CLI serves them without a file of its own. Served from /assets under a CSP
 * that allows only same-origin scripts and styles: no inline code anywhere.
 */

export const APP_JS = `"use strict";
(function () {
  var COLORS = ["#1a7f37", "#cf222e", "#9a6700", "#0969da", "#8250df", "#57606a"];
  function dayToSec(day) { return Date.parse(day + "T00:00:00Z") / 1000; }
  function draw(el) {
    if (typeof uPlot === "undefined") return;
    var data;
    try { data = JSON.parse(el.getAttribute("data-chart") || "null"); } catch (e) { return; }
    if (!data) return;
    var width = Math.max(280, Math.min(960, el.clientWidth || 640));
    var opts = { width: width, height: 220, series: [{}], axes: [{}, {}] };
    var rows;
    if (data.kind === "verdicts") {
      rows = [data.days.map(dayToSec)];
      Object.keys(data.series).forEach(function (name, i) {
        opts.series.push({ label: name, stroke: COLORS[i], width: 2 });
        rows.push(data.series[name]);
      });
    } else if (data.kind === "bars") {
      rows = [data.labels.map(function (_, i) { return i; }), data.values];
      opts.scales = { x: { time: false } };
      opts.axes = [{ values: function (u, ticks) { return ticks.map(function (t) { return data.labels[t] || ""; }); } }, {}];
      opts.series.push({ label: "value", stroke: COLORS[3], fill: "rgba(9,105,218,0.25)", paths: uPlot.paths && uPlot.paths.bars ? uPlot.paths.bars({ size: [0.6, 60] }) : undefined });
    } else if (data.kind === "evals") {
      var times = {};
      data.suites.forEach(function (s) { s.points.forEach(function (p) { times[Date.parse(p.at) / 1000] = true; }); });
      var xs = Object.keys(times).map(Number).sort(function (a, b) { return a - b; });
      rows = [xs];
      data.suites.forEach(function (s, i) {
        var by = {};
        s.points.forEach(function (p) { by[Date.parse(p.at) / 1000] = p; });
        var pick = function (f) { return xs.map(function (x) { return by[x] ? f(by[x]) : null; }); };
        opts.series.push({ label: s.suite + " satisfaction", stroke: COLORS[i % 6], width: 2, spanGaps: true });
        rows.push(pick(function (p) { return p.satisfaction; }));
        opts.series.push({ label: s.suite + " low", stroke: COLORS[i % 6], dash: [4, 4], width: 1, spanGaps: true });
        rows.push(pick(function (p) { return p.low === undefined ? null : p.low; }));
        opts.series.push({ label: s.suite + " high", stroke: COLORS[i % 6], dash: [4, 4], width: 1, spanGaps: true });
        rows.push(pick(function (p) { return p.high === undefined ? null : p.high; }));
        opts.series.push({ label: s.suite + " pass^k", stroke: COLORS[(i + 3) % 6], width: 1, spanGaps: true });
        rows.push(pick(function (p) { return p.passAll; }));
      });
    } else {
      return;
    }
    if (rows[0].length === 0) { el.textContent = "No data yet."; return; }
    new uPlot(opts, rows, el);
  }
  function init() {
    var charts = document.querySelectorAll("[data-chart]");
    for (var i = 0; i < charts.length; i++) draw(charts[i]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
`;

export const APP_CSS = `
:root { color-scheme: light; --fg: #1f2328; --muted: #57606a; --line: #d0d7de; --bg: #fff; --accent: #0969da; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
header.top { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; padding: .5rem 1rem; border-bottom: 1px solid var(--line); background: #f6f8fa; }
.brand { font-weight: 700; }
nav ul { display: flex; flex-wrap: wrap; gap: .75rem; list-style: none; margin: 0; padding: 0; }
nav a { color: var(--accent); text-decoration: none; padding: .25rem .4rem; border-radius: 4px; }
nav a[aria-current="page"] { background: var(--accent); color: #fff; }
.store { color: var(--muted); font-size: .85em; overflow-wrap: anywhere; }
main { padding: 1rem; max-width: 1400px; }
h1 { margin-top: 0; font-size: 1.6rem; }
a { color: var(--accent); }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: left; color: var(--muted); padding: .25rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
.filters, .compare-form, .login, .decide { display: flex; flex-wrap: wrap; gap: .4rem .6rem; align-items: center; margin: .5rem 0; }
.login { flex-direction: column; align-items: flex-start; max-width: 24rem; }
input, select, textarea, button { font: inherit; padding: .25rem .4rem; border: 1px solid #8c959f; border-radius: 4px; }
button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
textarea { min-width: 18rem; min-height: 3rem; }
.verdict { display: inline-block; padding: 0 .45rem; border-radius: 1rem; font-weight: 600; font-size: .9em; }
.verdict-pass { background: #dafbe1; color: #116329; }
.verdict-fail { background: #ffebe9; color: #a40e26; }
.verdict-needs-human { background: #fff8c5; color: #6f4e00; }
.verdict-unfinished { background: #eaeef2; color: #424a53; }
.finding { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; margin: .5rem 0; overflow-wrap: anywhere; }
.finding h3 { font-size: 1rem; margin: 0; }
.where { color: var(--muted); margin: .2rem 0; }
pre { background: #f6f8fa; padding: .5rem; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
.compare { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 1rem; }
.approval { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; margin: .75rem 0; overflow-wrap: anywhere; }
.approval h2 { font-size: 1.05rem; margin: 0 0 .25rem; }
.message { background: #ddf4ff; padding: .5rem; border-radius: 4px; }
.chain-ok { color: #116329; font-weight: 600; }
.chain-broken { color: #a40e26; font-weight: 600; }
.never td { color: var(--muted); }
.chart { margin: .5rem 0 1rem; }
.chart-box { min-height: 40px; width: 100%; overflow-x: auto; }
figcaption { color: var(--muted); font-size: .9em; }
.pager { display: flex; gap: 1rem; align-items: center; }
.run-id { white-space: nowrap; }
.diff span { display: inline; }
.diff .del { background: #ffebe9; color: #82071e; }
.diff .add { background: #dafbe1; color: #116329; }
.diff .hunk { color: var(--muted); }
.note { color: var(--muted); }
.hbars { width: 100%; max-width: 960px; height: auto; font: 12px system-ui, sans-serif; }
.hbars .bar { fill: #0969da; }
.hbars .label { fill: var(--fg); }
.hbars .count { fill: var(--muted); }
/* On a phone a wide table reads one character per line; each row becomes a
   card instead, one "label value" line per cell (the label from data-label). */
@media (max-width: 640px) {
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: 100%; }
  table.stack caption { display: block; }
  .filters, .compare-form { display: grid; grid-template-columns: 4.5rem minmax(0, 1fr); }
  .filters select, .filters input, .compare-form input { width: 100%; min-width: 0; }
  .filters button, .compare-form button { justify-self: start; min-width: 4.5rem; }
  table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  table.stack tr { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 .6rem; padding: .25rem .5rem; }
  table.stack td { border: 0; padding: .1rem 0; position: relative; }
  table.stack td[data-label] { padding-left: 6.5rem; }
  table.stack td[data-label]::before { content: attr(data-label); position: absolute; left: 0; width: 6rem; color: var(--muted); font-size: .9em; }
  .run-id { white-space: normal; }
  table.stack td code { white-space: pre-wrap; overflow-wrap: anywhere; }
  textarea { min-width: 0; width: 100%; }
  main { padding: .6rem; }
}
`;
