/**
 * The simulation webview's HTML. Free of `vscode` so that a browser test can load the same page:
 * strict Content-Security-Policy (nothing remote, scripts and styles only with the nonce),
 * colours from VS Code's theme variables (chart colours included), and the bundled view script.
 */
import { webviewPage, type WebviewPageOptions } from './webview-page.js';

/** What the page needs from its host. */
export type SimulationPageOptions = WebviewPageOptions;

// Fallbacks are VS Code's light theme, for a page opened outside VS Code (tests).
const STYLE = `
:root {
  --fg: var(--vscode-foreground, #3b3b3b); --muted: var(--vscode-descriptionForeground, #717171);
  --card: var(--vscode-editorWidget-background, #f3f3f3); --border: var(--vscode-widget-border, var(--vscode-panel-border, rgba(128,128,128,.3)));
  --ok: var(--vscode-charts-green, #388a34); --warn: var(--vscode-charts-yellow, #bf8803); --hot: var(--vscode-charts-red, #e51400);
  --accent: var(--vscode-charts-blue, #1a85ff); --lines: var(--vscode-charts-lines, rgba(97,97,97,.5));
  --chart-fg: var(--vscode-charts-foreground, #616161); --bad: var(--vscode-errorForeground, #e51400);
  --s0: var(--vscode-charts-blue, #1a85ff); --s1: var(--vscode-charts-orange, #d18616); --s2: var(--vscode-charts-purple, #652d90);
  --s3: var(--vscode-charts-green, #388a34); --s4: var(--vscode-charts-red, #e51400); --s5: var(--vscode-charts-yellow, #bf8803);
}
html, body { margin: 0; padding: 0; }
body { background: var(--vscode-editor-background, #ffffff); color: var(--fg); font-family: var(--vscode-font-family, system-ui, sans-serif);
  font-size: var(--vscode-font-size, 13px); line-height: 1.4; padding: 14px 18px 24px; }
header { display: flex; align-items: flex-start; gap: 12px; margin-bottom: 10px; }
header .heading { flex: 1; min-width: 0; }
h1 { font-size: 1.5em; font-weight: 600; margin: 0; overflow-wrap: anywhere; }
h2 { font-size: 1em; font-weight: 600; margin: 0 0 8px; }
h3 { font-size: 0.95em; font-weight: 600; margin: 8px 0 2px; overflow-wrap: anywhere; }
.muted, #subtitle { color: var(--muted); font-weight: normal; }
#subtitle { overflow-wrap: anywhere; }
button { font: inherit; padding: 4px 12px; border-radius: 2px; border: 1px solid var(--vscode-button-border, transparent); cursor: pointer;
  background: var(--vscode-button-background, #005fb8); color: var(--vscode-button-foreground, #ffffff); }
button:hover:not(:disabled) { background: var(--vscode-button-hoverBackground, #0258a8); }
button:disabled { opacity: .5; cursor: default; }
button:focus-visible { outline: 1px solid var(--vscode-focusBorder, #005fb8); outline-offset: 2px; }
#status { color: var(--muted); margin: -4px 0 10px; }
#status:empty { display: none; }
body.busy #report { opacity: .55; }
.banner { padding: 8px 12px; margin-bottom: 12px; border-radius: 4px; border: 1px solid var(--vscode-inputValidation-warningBorder, #bf8803);
  background: var(--vscode-inputValidation-warningBackground, #fff4d6); color: var(--vscode-inputValidation-warningForeground, inherit); }
#empty { color: var(--muted); padding: 24px 0; }
#summary { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 10px; margin-bottom: 14px; }
.tile, .card { background: var(--card); border: 1px solid var(--border); border-radius: 6px; }
.tile { padding: 10px 12px; min-width: 0; }
.tile.wide { grid-column: span 2; }
@media (max-width: 380px) { .tile.wide { grid-column: auto; } .stats { grid-template-columns: repeat(2, 1fr); } }
.tile-title { color: var(--muted); font-size: .85em; text-transform: uppercase; letter-spacing: .04em; margin-bottom: 4px; }
.tile-value { font-size: 1.55em; font-weight: 600; font-variant-numeric: tabular-nums; white-space: nowrap; }
.tile-sub { color: var(--muted); font-size: .9em; }
.tile.bad .tile-value, .bad { color: var(--bad); }
.stats { display: grid; grid-template-columns: repeat(4, 1fr); gap: 6px; }
.stats .tile-value { font-size: 1.25em; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 1px 10px; margin: 0; }
dt { color: var(--muted); }
dd { margin: 0; font-variant-numeric: tabular-nums; overflow-wrap: break-word; min-width: 0; }
#charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(380px, 1fr)); gap: 12px; }
.card { padding: 12px 14px; min-width: 0; }
.card.full { grid-column: 1 / -1; }
.chart-body { min-width: 0; overflow-x: auto; }
.chart { display: block; font-size: 12px; font-family: inherit; overflow: visible; }
.chart text { fill: var(--chart-fg); font-variant-numeric: tabular-nums; }
.chart .name { fill: var(--fg); }
.chart .value { fill: var(--fg); font-weight: 600; }
.chart .tick { font-size: 11px; }
.chart .grid { stroke: var(--lines); stroke-opacity: .35; stroke-width: 1; }
.chart .axis { stroke: var(--lines); }
.chart .track { fill: var(--lines); fill-opacity: .12; }
.chart .threshold { stroke: var(--chart-fg); stroke-opacity: .55; stroke-dasharray: 3 3; }
.chart .marker { stroke: var(--fg); stroke-width: 2; }
.chart .mean { stroke: var(--fg); stroke-width: 1.5; stroke-dasharray: 6 4; }
.chart .uncovered { fill: var(--lines); fill-opacity: .15; }
.chart .row:hover .track { fill-opacity: .25; }
.bar.ok, .swatch.ok { fill: var(--ok); background: var(--ok); }
.bar.warn, .swatch.warn { fill: var(--warn); background: var(--warn); }
.bar.hot, .swatch.hot { fill: var(--hot); background: var(--hot); }
.bar.accent { fill: var(--accent); }
.bar.lat-mean { fill: var(--chart-fg); fill-opacity: .6; } .bar.lat-p50, .bar.lat-p95, .bar.lat-p99 { fill: var(--accent); }
.bar.lat-p50 { fill-opacity: .55; } .bar.lat-p95 { fill-opacity: .78; }
.swatch.accent { background: var(--accent); } .swatch.mean-swatch { height: 0; width: 14px; border-top: 2px dashed var(--fg); border-radius: 0; }
.line { fill: none; stroke-width: 2; stroke-linejoin: round; }
.series-0 { stroke: var(--s0); background: var(--s0); } .series-1 { stroke: var(--s1); background: var(--s1); } .series-2 { stroke: var(--s2); background: var(--s2); }
.series-3 { stroke: var(--s3); background: var(--s3); } .series-4 { stroke: var(--s4); background: var(--s4); } .series-5 { stroke: var(--s5); background: var(--s5); }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; margin-top: 6px; color: var(--muted); font-size: .9em; }
.legend-item { display: inline-flex; align-items: center; gap: 6px; min-width: 0; overflow-wrap: anywhere; }
.legend-name { color: var(--fg); }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; flex: none; }
.swatch.line-swatch { height: 3px; width: 14px; border-radius: 1px; }
.note { color: var(--muted); font-size: .9em; margin: 6px 0 0; }
.empty { color: var(--muted); margin: 4px 0; }
table.flows { width: 100%; border-collapse: collapse; margin-top: 10px; font-size: .92em; font-variant-numeric: tabular-nums; }
table.flows th { text-align: right; color: var(--muted); font-weight: normal; border-bottom: 1px solid var(--border); padding: 3px 6px; }
table.flows th:first-child, table.flows td.name { text-align: left; overflow-wrap: anywhere; }
table.flows td { padding: 3px 6px; text-align: right; border-bottom: 1px solid var(--border); }
table.flows tr:last-child td { border-bottom: none; }
`;

/** The complete HTML of the simulation webview. */
export function simulationPageHtml(options: SimulationPageOptions): string {
    const card = (id: string, title: string, cls = '') => `<section class="card ${cls}" aria-labelledby="${id}-title"><h2 id="${id}-title">${title}</h2><div class="chart-body" id="${id}"></div></section>`;
    return webviewPage({
        ...options, title: 'Archlint simulation', style: STYLE,
        body: `<header>
  <div class="heading"><h1 id="title">Simulation</h1><div id="subtitle"></div></div>
  <button id="rerun" type="button" title="Simulate again with the same scenario and the current settings">Run again</button>
</header>
<div id="status" role="status" aria-live="polite"></div>
<div id="limits" class="banner" role="alert" hidden></div>
<div id="empty">Waiting for a simulation report…</div>
<main id="report" hidden>
  <section id="summary" aria-label="Summary"></section>
  <div id="charts">
    ${card('latency', 'Latency percentiles')}
    ${card('utilisation', 'Utilisation per component')}
    ${card('caches', 'Cache hit rates')}
    ${card('shards', 'Shard load')}
    ${card('queues', 'Queue depth over time', 'full')}
  </div>
</main>`,
    });
}
