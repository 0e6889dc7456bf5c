/// <reference lib="dom" />
/**
 * The simulation webview: a summary of the report (throughput, availability, latency, requests,
 * the run's settings and any cap it hit) and its charts, redrawn to the panel's width. Every
 * message in is validated; every model string reaches the DOM as text, never as markup.
 */
import { isSimulationHostMessage, type SimulationViewMessage } from '../../language-server/protocol.js';
import type { SimulationReport } from '../../language-server/simulation/report.js';
import { cacheChart, latencyChart, utilisationChart } from './bar-charts.js';
import { availability, count, duration, html, ms, rate } from './chart-kit.js';
import { queueChart, shardCharts } from './series-charts.js';

interface VsCodeApi {
    postMessage(message: SimulationViewMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const post = (message: SimulationViewMessage) => vscode.postMessage(message);

/** Chart containers and what fills each, given the report and the container's width. */
const CHARTS: [string, (r: SimulationReport, width: number) => Node[]][] = [
    ['latency', latencyChart], ['utilisation', utilisationChart], ['caches', cacheChart], ['shards', shardCharts], ['queues', queueChart],
];

const LIMITS: Record<string, string> = {
    wallTime: 'the wall-time cap', events: 'the event cap', memory: 'the cap on requests in flight',
    routes: 'the route cap (some flows were cut short)', cancelled: 'a cancellation',
};

let report: SimulationReport | undefined;
let drawnWidth = 0;

function tile(title: string, value: string, sub?: string, cls = ''): HTMLElement {
    const el = html('div', `tile ${cls}`);
    el.append(html('div', 'tile-title', title), html('div', 'tile-value', value));
    if (sub) el.append(html('div', 'tile-sub', sub));
    return el;
}

function facts(title: string, rows: [string, string, string?][], cls = ''): HTMLElement {
    const el = html('div', `tile ${cls}`);
    const dl = html('dl');
    for (const [term, value, valueCls] of rows) dl.append(html('dt', '', term), html('dd', valueCls ?? '', value));
    el.append(html('div', 'tile-title', title), dl);
    return el;
}

function summary(r: SimulationReport): HTMLElement[] {
    const covered = r.simulatedS > 0 ? r.simulatedS : r.durationS;
    const l = r.latencyMs;
    const latency = html('div', 'tile wide');
    const stats = html('div', 'stats');
    for (const [k, v] of [['mean', l.mean], ['p50', l.p50], ['p95', l.p95], ['p99', l.p99]] as const) {
        const s = html('div', 'stat');
        s.append(html('div', 'tile-value', ms(v)), html('div', 'tile-sub', k));
        stats.append(s);
    }
    latency.append(html('div', 'tile-title', 'Latency, end to end'), stats);
    return [
        tile('Throughput', rate(r.throughputRps), `of ${rate(r.requests.offered / covered)} offered`),
        tile('Availability', availability(r.availability), `${count(r.requests.failed)} failed`, r.availability < 0.999 ? 'bad' : ''),
        latency,
        facts('Requests', [['offered', count(r.requests.offered)], ['completed', count(r.requests.completed)], ['failed', count(r.requests.failed), r.requests.failed ? 'bad' : '']]),
        facts('Run', [
            ['scenario', r.scenario ?? 'baseline'], ['seed', String(r.seed)],
            ['duration', r.simulatedS < r.durationS ? `${duration(r.simulatedS)} of ${duration(r.durationS)}` : duration(r.durationS)],
            ['mode', r.mode], ['limits hit', r.limitsHit.length ? r.limitsHit.join(', ') : 'none', r.limitsHit.length ? 'bad' : ''],
        ]),
    ];
}

function limitsBanner(r: SimulationReport): string {
    const hit = r.limitsHit.filter((l) => l !== 'cancelled' || r.simulatedS < r.durationS);
    if (!hit.length) return '';
    const why = hit.map((l) => LIMITS[l] ?? l).join(' and ');
    const short = r.simulatedS < r.durationS ? ` The report covers ${duration(r.simulatedS)} of the ${duration(r.durationS)} asked for.` : '';
    return `The run hit ${why}.${short}`;
}

function show(next: SimulationReport, file: string): void {
    report = next;
    $('title').textContent = next.system;
    $('subtitle').textContent = [file, next.scenario ? `scenario ${next.scenario}` : 'baseline workload', `seed ${next.seed}`, duration(next.durationS), `${count(next.events)} events`].filter(Boolean).join(' · ');
    const banner = limitsBanner(next);
    $('limits').textContent = banner;
    $('limits').hidden = banner === '';
    $('summary').replaceChildren(...summary(next));
    $('empty').hidden = true;
    $('report').hidden = false;
    drawCharts(true);
}

/** Draws every chart at its container's width; skipped when the width has not changed unless forced. */
function drawCharts(force = false): void {
    if (!report) return;
    const width = Math.floor($('latency').clientWidth);
    if (!force && width === drawnWidth) return;
    drawnWidth = width;
    for (const [id, draw] of CHARTS) {
        const el = $(id);
        el.replaceChildren(...draw(report, Math.max(240, Math.floor(el.clientWidth))));
    }
}

function setStatus(message: string, busy: boolean): void {
    $('status').textContent = message;
    $<HTMLButtonElement>('rerun').disabled = busy;
    document.body.classList.toggle('busy', busy);
}

let frame = 0;
new ResizeObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => drawCharts());
}).observe($('charts'));

$('rerun').addEventListener('click', () => {
    setStatus('Running the simulation again…', true);
    post({ type: 'rerun' });
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = event.data;
    if (!isSimulationHostMessage(message)) return;
    if (message.type === 'status') return setStatus(message.message, message.busy);
    setStatus('', false);
    show(message.report, message.file);
});
post({ type: 'ready' });
