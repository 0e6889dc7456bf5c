/// <reference lib="dom" />
/**
 * Horizontal bar charts of a simulation report, drawn as inline SVG: latency percentiles,
 * utilisation per component (coloured by level) and cache hit rates. Names are model text:
 * they reach the DOM only through textContent.
 */
import type { SimulationReport } from '../../language-server/simulation/report.js';
import { count, html, label, legend, level, ms, niceMax, percent, rate, svg, textWidth, tip, truncate } from './chart-kit.js';

/** One bar: a name, a value on the chart's scale, its shown text, a colour class, and an optional tick. */
export interface Bar {
    name: string;
    value: number;
    shown: string;
    cls: string;
    tooltip: string;
    marker?: number;
}

/** How a bar chart scales and labels its axis. */
export interface BarScale {
    max: number;
    ticks: number[];
    format: (v: number) => string;
    /** Dashed lines across the plot (utilisation levels). */
    thresholds?: number[];
}

const ROW = 24, BAR = 14, AXIS = 20, NAME_CHARS = 28, VALUE_W = 72;

/** A horizontal bar chart `width` pixels wide. */
export function barChart(bars: Bar[], scale: BarScale, width: number, title: string): SVGSVGElement {
    const names = bars.map((b) => truncate(b.name, NAME_CHARS));
    const nameW = Math.min(200, Math.max(48, ...names.map(textWidth)) + 12);
    const plotX = nameW, plotW = Math.max(60, width - nameW - VALUE_W);
    const height = bars.length * ROW + AXIS + 4;
    const x = (v: number) => plotX + plotW * Math.min(1, Math.max(0, v / scale.max));
    const chart = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'chart bar-chart' }, tip(title));
    chart.setAttribute('aria-label', title);
    const bottom = bars.length * ROW + 2;
    for (const t of scale.ticks) {
        chart.append(svg('line', { x1: x(t), x2: x(t), y1: 0, y2: bottom, class: 'grid' }));
        chart.append(label(x(t), bottom + 14, scale.format(t), 'tick', t === 0 ? 'start' : t === scale.max ? 'end' : 'middle'));
    }
    bars.forEach((b, i) => {
        const y = i * ROW + (ROW - BAR) / 2 + 2, mid = i * ROW + ROW / 2 + 6;
        const row = svg('g', { class: 'row' }, tip(b.tooltip));
        row.append(label(plotX - 8, mid, names[i], 'name', 'end'));
        row.append(svg('rect', { x: plotX, y, width: plotW, height: BAR, rx: 3, class: 'track' }));
        row.append(svg('rect', { x: plotX, y, width: Math.max(b.value > 0 ? 2 : 0, x(b.value) - plotX), height: BAR, rx: 3, class: `bar ${b.cls}` }));
        if (b.marker !== undefined) row.append(svg('line', { x1: x(b.marker), x2: x(b.marker), y1: y - 3, y2: y + BAR + 3, class: 'marker' }));
        row.append(label(width - 2, mid, b.shown, 'value', 'end'));
        chart.append(row);
    });
    for (const t of scale.thresholds ?? []) chart.append(svg('line', { x1: x(t), x2: x(t), y1: 0, y2: bottom, class: 'threshold' }));
    return chart;
}

const quarterTicks = (max: number) => [0, max / 4, max / 2, (3 * max) / 4, max];

/** End-to-end latency: mean and percentiles, then a table of the flows. */
export function latencyChart(report: SimulationReport, width: number): Node[] {
    const l = report.latencyMs;
    const max = niceMax(Math.max(l.p99, l.mean, 1e-3));
    const bars: Bar[] = (['mean', 'p50', 'p95', 'p99'] as const).map((k) => ({
        name: k, value: l[k], shown: ms(l[k]), cls: `lat-${k}`, tooltip: `${k === 'mean' ? 'Mean' : k} end to end: ${ms(l[k])}`,
    }));
    const nodes: Node[] = [barChart(bars, { max, ticks: quarterTicks(max), format: (v) => ms(v) }, width, 'End-to-end latency: mean, p50, p95, p99')];
    const flows = Object.entries(report.flows);
    if (flows.length) nodes.push(flowTable(flows));
    return nodes;
}

function flowTable(flows: [string, SimulationReport['flows'][string]][]): HTMLTableElement {
    const table = html('table', 'flows');
    const head = html('tr');
    for (const h of ['Flow', 'Throughput', 'p50', 'p95', 'p99', 'Failed']) head.append(html('th', '', h));
    table.append(html('thead'), html('tbody'));
    table.tHead!.append(head);
    for (const [name, f] of flows) {
        const tr = html('tr');
        tr.append(html('td', 'name', name), html('td', 'num', rate(f.throughputRps)), html('td', 'num', ms(f.latencyMs.p50)),
            html('td', 'num', ms(f.latencyMs.p95)), html('td', 'num', ms(f.latencyMs.p99)), html('td', f.failed ? 'num bad' : 'num', count(f.failed)));
        table.tBodies[0].append(tr);
    }
    return table;
}

/** Components shown at most, busiest first (a 5k-component model must not draw 5k bars). */
const MAX_COMPONENTS = 40;

/** Utilisation per component, busiest first, coloured below 0.7, below 0.9 and above; a tick marks the busiest replica. */
export function utilisationChart(report: SimulationReport, width: number): Node[] {
    const all = Object.entries(report.components);
    const loaded = all.filter(([, c]) => c.utilisation > 0 || c.maxUtilisation > 0)
        .sort((a, b) => b[1].utilisation - a[1].utilisation || b[1].maxUtilisation - a[1].maxUtilisation);
    if (!loaded.length) return [html('p', 'empty', 'No component declares a capacity, so none has a utilisation.')];
    const bars: Bar[] = loaded.slice(0, MAX_COMPONENTS).map(([name, c]) => {
        const busiest = c.maxUtilisation > c.utilisation + 0.01 ? c.maxUtilisation : undefined;
        return {
            name, value: c.utilisation, shown: percent(c.utilisation), cls: level(Math.max(c.utilisation, busiest ?? 0)), marker: busiest,
            tooltip: `${name}: ${percent(c.utilisation, 1)} busy on average${busiest !== undefined ? `, busiest replica or shard ${percent(busiest, 1)}` : ''}; ${rate(c.throughputRps)}, p99 ${ms(c.latencyMs.p99)}${c.failed ? `, ${count(c.failed)} failed` : ''}`,
        };
    });
    const nodes: Node[] = [barChart(bars, { max: 1, ticks: [0, 0.25, 0.5, 0.75, 1], format: (v) => percent(v), thresholds: [0.7, 0.9] }, width, 'Utilisation per component')];
    const notes: string[] = [];
    if (bars.some((b) => b.marker !== undefined)) notes.push('Tick: the busiest replica or shard.');
    if (loaded.length > MAX_COMPONENTS) notes.push(`${loaded.length - MAX_COMPONENTS} less busy components not shown.`);
    if (all.length > loaded.length) notes.push(`${all.length - loaded.length} without a capacity not shown.`);
    nodes.push(legend([['ok', 'below 70 %'], ['warn', '70–90 %'], ['hot', '90 % and over']], notes.join(' ')));
    return nodes;
}

const MODEL_NOTE: Record<string, string> = { simulated: 'its policy simulated key by key', analytic: 'the per-key model', hit_ratio: 'its declared hit ratio' };

/** Hit rate of each cache (and CDN). */
export function cacheChart(report: SimulationReport, width: number): Node[] {
    const caches = Object.entries(report.caches);
    if (!caches.length) return [html('p', 'empty', 'This system has no caches.')];
    const bars: Bar[] = caches.map(([name, c]) => ({
        name, value: c.hitRate, shown: percent(c.hitRate, 1), cls: 'accent',
        tooltip: `${name}: ${percent(c.hitRate, 1)} of lookups hit, from ${MODEL_NOTE[c.model] ?? c.model}${c.lostWrites ? `; ${count(c.lostWrites)} writes lost` : ''}${c.collapsed ? `; ${count(c.collapsed)} misses collapsed` : ''}`,
    }));
    const lost = caches.filter(([, c]) => c.lostWrites > 0).map(([n, c]) => `${n} lost ${count(c.lostWrites)} writes.`);
    return [barChart(bars, { max: 1, ticks: [0, 0.25, 0.5, 0.75, 1], format: (v) => percent(v) }, width, 'Cache hit rates'), ...(lost.length ? [html('p', 'note bad', lost.join(' '))] : [])];
}
