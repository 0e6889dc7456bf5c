/// <reference lib="dom" />
/**
 * Column and line charts of a simulation report, as inline SVG: the load of each shard of a
 * partitioned store against its mean, and the depth of each queue over the run. Names are
 * model text and reach the DOM only through textContent.
 */
import type { SimulationReport } from '../../language-server/simulation/report.js';
import { count, duration, html, label, legend, niceMax, rate, svg, tip } from './chart-kit.js';

const LEFT = 56, RIGHT = 12, TOP = 10, BOTTOM = 22;
/** Series colours cycle through this many classes (series-0 …). */
const SERIES = 6;

/** Y gridlines and their labels at 0, half and the maximum. */
function yAxis(chart: SVGSVGElement, max: number, y: (v: number) => number, width: number, format: (v: number) => string): void {
    for (const v of [0, max / 2, max]) {
        chart.append(svg('line', { x1: LEFT, x2: width - RIGHT, y1: y(v), y2: y(v), class: 'grid' }));
        chart.append(label(LEFT - 6, y(v) + 4, format(v), 'tick', 'end'));
    }
}

/** One column chart per partitioned store: a column per shard and a dashed line at the mean. */
export function shardCharts(report: SimulationReport, width: number): Node[] {
    const stores = Object.entries(report.shards);
    if (!stores.length) return [html('p', 'empty', 'This system has no partitioned stores.')];
    return stores.map(([name, s]) => {
        const loads = s.loadRps;
        const mean = loads.length ? loads.reduce((a, b) => a + b, 0) / loads.length : 0;
        const block = html('div', 'shard');
        const heading = html('h3', '', name);
        heading.append(html('span', 'muted', ` — ${count(loads.length)} shard${loads.length === 1 ? '' : 's'}, busiest ${s.maxOverMean.toFixed(2)}× the mean`));
        block.append(heading, shardChart(name, loads, mean, width),
            legend([['mean-swatch', `mean ${rate(mean)}`], ['accent', 'below 1.2×'], ['warn', '1.2–1.5×'], ['hot', '1.5× the mean and over']]));
        return block;
    });
}

function shardChart(name: string, loads: number[], mean: number, width: number): SVGSVGElement {
    const height = 130, plotW = width - LEFT - RIGHT, plotH = height - TOP - BOTTOM;
    const max = niceMax(Math.max(...loads, mean, 1e-9));
    const y = (v: number) => TOP + plotH * (1 - Math.min(1, v / max));
    const chart = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'chart' }, tip(`Load per shard of ${name}`));
    chart.setAttribute('aria-label', `Load per shard of ${name}`);
    yAxis(chart, max, y, width, (v) => rate(v));
    const step = plotW / Math.max(1, loads.length);
    const gap = step > 6 ? Math.min(4, step * 0.2) : 0;
    loads.forEach((load, i) => {
        const ratio = mean > 0 ? load / mean : 0;
        const cls = ratio >= 1.5 ? 'hot' : ratio >= 1.2 ? 'warn' : 'accent';
        const bar = svg('rect', { x: LEFT + i * step + gap / 2, y: y(load), width: Math.max(0.5, step - gap), height: Math.max(0, y(0) - y(load)), class: `bar ${cls}` });
        bar.append(tip(`shard ${i}: ${rate(load)} (${ratio.toFixed(2)}× the mean)`));
        chart.append(bar);
    });
    if (loads.length <= 32) {
        const every = Math.ceil(loads.length / 16);
        loads.forEach((_, i) => { if (i % every === 0) chart.append(label(LEFT + (i + 0.5) * step, height - 6, String(i), 'tick', 'middle')); });
    } else {
        chart.append(label(LEFT, height - 6, 'shard 0', 'tick', 'start'), label(width - RIGHT, height - 6, `shard ${loads.length - 1}`, 'tick', 'end'));
    }
    chart.append(svg('line', { x1: LEFT, x2: width - RIGHT, y1: y(mean), y2: y(mean), class: 'mean' }, tip(`mean ${rate(mean)}`)));
    return chart;
}

/** A line per queue: its deepest depth in each slice of the run, with a legend of maxima. */
export function queueChart(report: SimulationReport, width: number): Node[] {
    const queues = Object.entries(report.queues);
    if (!queues.length) return [html('p', 'empty', 'This system has no queues.')];
    const height = 200, plotW = width - LEFT - RIGHT, plotH = height - TOP - BOTTOM;
    const deepest = Math.max(...queues.flatMap(([, q]) => [q.maxDepth, ...q.depthOverTime]));
    const max = niceMax(Math.max(deepest, 1));
    const span = report.durationS;
    const x = (t: number) => LEFT + plotW * (t / span);
    const y = (v: number) => TOP + plotH * (1 - Math.min(1, v / max));
    const chart = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'chart' }, tip('Queue depth over time'));
    chart.setAttribute('aria-label', 'Queue depth over time');
    yAxis(chart, max, y, width, (v) => count(v));
    for (const f of [0, 0.25, 0.5, 0.75, 1]) {
        chart.append(svg('line', { x1: x(f * span), x2: x(f * span), y1: y(0), y2: y(0) + 4, class: 'axis' }));
        chart.append(label(x(f * span), height - 6, duration(f * span), 'tick', f === 0 ? 'start' : f === 1 ? 'end' : 'middle'));
    }
    if (report.simulatedS < span) {
        // The run stopped early: shade the time it did not cover.
        chart.append(svg('rect', { x: x(report.simulatedS), y: TOP, width: Math.max(0, x(span) - x(report.simulatedS)), height: plotH, class: 'uncovered' }, tip('Not simulated: the run stopped early')));
    }
    const items = html('div', 'legend');
    queues.forEach(([name, q], i) => {
        const series = q.depthOverTime;
        const slice = span / Math.max(1, series.length);
        // Each point is a slice's deepest depth, drawn at the slice's middle; the line starts empty.
        const points = [`${x(0)},${y(0)}`, ...series.map((d, k) => `${x((k + 0.5) * slice).toFixed(1)},${y(d).toFixed(1)}`)];
        const line = svg('polyline', { points: points.join(' '), class: `line series-${i % SERIES}` }, tip(`${name}: at most ${count(q.maxDepth)} waiting`));
        chart.append(line);
        const item = html('span', 'legend-item');
        const facts = [`max ${count(q.maxDepth)}`, `now ${count(q.depth)}`];
        if (q.deadLettered) facts.push(`${count(q.deadLettered)} dead-lettered`);
        if (q.dropped) facts.push(`${count(q.dropped)} dropped`);
        if (q.lost) facts.push(`${count(q.lost)} lost`);
        item.append(html('span', `swatch line-swatch series-${i % SERIES}`), html('span', 'legend-name', name), html('span', 'muted', ` ${facts.join(' · ')}`));
        items.append(item);
    });
    return [chart, items];
}
