/// <reference lib="dom" />
/**
 * The simulation webview page in headless Chromium, under its real Content-Security-Policy, with
 * a stub `acquireVsCodeApi` recording what the page posts: a real report's summary and charts
 * render, utilisation bars take their level's colour, hostile names stay text, malformed
 * messages change nothing, and nothing logs an error or a CSP violation. Each test loads the
 * page anew and fails if it logged an error or a warning.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { model } from '../helpers.js';
import { simulationPageHtml } from '../../extension/simulation-page.js';
import { launchBrowser, openWebview, type WebviewPage } from '../support/webview-browser.js';
import { runSimulation } from '../../language-server/simulation/run.js';
import type { SimulationReport } from '../../language-server/simulation/report.js';
import type { SimulationHostMessage, SimulationViewMessage } from '../../language-server/protocol.js';

const SHOP = readFileSync(new URL('./fixtures/shop.arch', import.meta.url), 'utf8');
const STUB = `window.__posted = [];
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => undefined, setState: () => {} });`;

let browser: Browser;
let webview: WebviewPage;
let page: Page;
let report: SimulationReport;

const send = (message: unknown) => page.evaluate((m) => window.postMessage(m, '*'), message);
/** Sends a report and waits until the page has drawn it (its summary tiles are new). */
const show = async (r: SimulationReport, file = 'shop.arch') => {
    const old = await page.evaluateHandle(() => document.getElementById('summary')!.firstChild);
    await send({ type: 'report', report: r, file } satisfies SimulationHostMessage);
    await page.waitForFunction((previous) => { const first = document.getElementById('summary')!.firstChild; return first !== null && first !== previous; }, old);
    await old.dispose();
};
const posted = () => page.evaluate(() => (window as unknown as { __posted: SimulationViewMessage[] }).__posted);
const texts = (selector: string) => page.$$eval(selector, (els) => els.map((e) => e.textContent ?? ''));

/** A copy of `base` whose components, caches, shards, queues and flows carry the given names. */
function renamed(base: SimulationReport, names: Record<string, string>): SimulationReport {
    const rename = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).map(([k, v]) => [names[k] ?? k, v]));
    return {
        ...base, components: rename(base.components), caches: rename(base.caches), shards: rename(base.shards),
        queues: rename(base.queues), flows: rename(base.flows),
    };
}

beforeAll(async () => {
    report = await runSimulation(await model(SHOP), { durationS: 20, seed: 1 });
    browser = await launchBrowser();
    webview = await openWebview(browser, 'extension/webview/simulation-view.ts', simulationPageHtml, STUB, { width: 1200, height: 900 });
    page = webview.page;
}, 60_000);

afterAll(async () => {
    await browser?.close();
});

beforeEach(async () => {
    await webview.fresh();
});

afterEach(() => {
    // Console errors and warnings include CSP violations.
    expect(webview.problems).toEqual([]);
});

describe('simulation webview in Chromium', () => {
    it('waits for a report, then shows the summary', async () => {
        expect(await page.isVisible('#empty')).toBe(true);
        await show(report);
        expect(await page.isVisible('#empty')).toBe(false);
        expect(await page.textContent('#subtitle')).toBe(`shop.arch · baseline workload · seed 1 · 20 s · ${report.events.toLocaleString('en-US')} events`);
        const summary = await page.innerText('#summary');
        expect(summary).toContain(`${report.throughputRps.toLocaleString('en-US', { maximumFractionDigits: 0 })} rps`);
        expect(summary).toMatch(/AVAILABILITY\s+100 %/i);
        for (const k of ['mean', 'p50', 'p95', 'p99'] as const) expect(summary).toContain(k);
        expect(summary).toContain(`${Number(report.latencyMs.p99.toPrecision(3))} ms`);
        expect(summary).toContain(report.requests.offered.toLocaleString('en-US'));
        expect(summary).toMatch(/scenario\s+baseline/);
        expect(summary).toMatch(/limits hit\s+none/);
        expect(summary).toMatch(/mode\s+simulation/);
        expect(await page.isHidden('#limits')).toBe(true);
    });

    it('draws latency percentiles and a row per flow', async () => {
        await show(report);
        expect(await texts('#latency svg .name')).toEqual(['mean', 'p50', 'p95', 'p99']);
        const widths = await page.$$eval('#latency svg .bar', (els) => els.map((e) => Number(e.getAttribute('width'))));
        // Bars grow with the percentile: p50 < p95 < p99.
        expect(widths[1]).toBeLessThan(widths[2]);
        expect(widths[2]).toBeLessThan(widths[3]);
        expect(await texts('#latency td.name')).toEqual(['browse', 'orders_page', 'checkout']);
    });

    it('colours utilisation bars by level, busiest first', async () => {
        await show(report);
        const rows = await page.$$eval('#utilisation .row', (els) => els.map((row) => [row.querySelector('.name')?.textContent, row.querySelector('.bar')?.getAttribute('class')]));
        expect(rows).toEqual([['mailer', 'bar hot'], ['search', 'bar warn'], ['api', 'bar ok'], ['orders', 'bar ok']]);
        const fills = await page.$$eval('#utilisation .bar', (els) => els.map((e) => getComputedStyle(e).fill));
        expect(new Set(fills).size).toBe(3);
        // orders' busiest shard is busier than its mean: a tick marks it.
        expect(await page.$$eval('#utilisation .row', (els) => els.filter((r) => r.querySelector('.marker')).map((r) => r.querySelector('.name')?.textContent))).toEqual(['orders']);
        expect(await page.textContent('#utilisation .legend')).toContain('5 without a capacity not shown');
    });

    it('draws cache hit rates, shard loads with the mean, and queue depth over time', async () => {
        await show(report);
        expect(await texts('#caches .name')).toEqual(['sessions', 'product_cache']);
        expect(await texts('#caches .value')).toEqual(Object.values(report.caches).map((c) => `${Number((c.hitRate * 100).toFixed(1))} %`));
        expect(await page.$$eval('#shards .shard', (els) => els.length)).toBe(1);
        expect(await page.textContent('#shards h3')).toBe(`orders — 8 shards, busiest ${report.shards.orders.maxOverMean.toFixed(2)}× the mean`);
        expect(await page.$$eval('#shards .bar', (els) => els.length)).toBe(8);
        expect(await page.$$eval('#shards .mean', (els) => els.length)).toBe(1);
        const lines = await page.$$eval('#queues polyline', (els) => els.map((e) => (e.getAttribute('points') ?? '').trim().split(/\s+/).length));
        expect(lines).toEqual([61, 61]);
        // The growing queue rises from left to right.
        const emails = await page.$eval('#queues polyline', (e) => (e.getAttribute('points') ?? '').trim().split(/\s+/).map((p) => Number(p.split(',')[1])));
        expect(emails.at(-1)!).toBeLessThan(emails[1]);
        expect(await page.textContent('#queues .legend')).toContain(`max ${report.queues.emails.maxDepth.toLocaleString('en-US')}`);
    });

    it('redraws the charts to the panel\'s width', async () => {
        await show(report);
        const fits = () => page.$$eval('.chart-body', (bodies) => bodies.every((b) => [...b.querySelectorAll(':scope > svg, .shard > svg')]
            .every((svg) => Number(svg.getAttribute('width')) === Math.floor(b.clientWidth))));
        expect(await fits()).toBe(true);
        const before = await page.$eval('#queues svg', (e) => Number(e.getAttribute('width')));
        await page.setViewportSize({ width: 640, height: 900 });
        await page.waitForFunction((w) => Number(document.querySelector('#queues svg')?.getAttribute('width')) < w, before);
        expect(await fits()).toBe(true);
        expect(await page.$$eval('#utilisation .row', (els) => els.length)).toBe(4);
    });

    it('says which cap a run hit and shades the time it did not cover', async () => {
        await show(report);
        expect(await page.isHidden('#limits')).toBe(true);
        await show({ ...report, limitsHit: ['wallTime'], simulatedS: 12 });
        expect(await page.textContent('#limits')).toBe('The run hit the wall-time cap. The report covers 12 s of the 20 s asked for.');
        expect(await page.$$eval('#queues .uncovered', (els) => els.length)).toBe(1);
        await show(report);
        expect(await page.isHidden('#limits')).toBe(true);
    });

    it('posts rerun and shows the host\'s status', async () => {
        await show(report);
        await page.click('#rerun');
        expect((await posted()).filter((m) => m.type === 'rerun')).toHaveLength(1);
        expect(await page.isDisabled('#rerun')).toBe(true);
        await send({ type: 'status', message: 'Run cancelled.', busy: false });
        await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Run cancelled.');
        expect(await page.isEnabled('#rerun')).toBe(true);
    });

    it('renders hostile names as text and runs none of them', async () => {
        const hostile = {
            api: '<img src=x onerror=window.__pwned=1>', mailer: '<script>window.__pwned=2</script>',
            sessions: '<svg onload=window.__pwned=3>', orders: '"><img src=x onerror=window.__pwned=4>', emails: '<b onmouseover=window.__pwned=5>q</b>',
            browse: '<iframe src=javascript:window.__pwned=6>',
        };
        await show({ ...renamed(report, hostile), system: '<img src=x onerror=window.__pwned=7>', scenario: '<script>window.__pwned=8</script>' }, '<b>file</b>.arch');
        expect(await page.$$eval('#report img, #report script, #report iframe, #report b, #report [onerror], #report [onload]', (els) => els.length)).toBe(0);
        expect(await page.$$eval('svg svg', (els) => els.length)).toBe(0);
        // Long names are cut on the chart; the row's tooltip has them whole.
        expect(await texts('#utilisation .name')).toContain('<script>window.__pwned=2</s…');
        expect(await texts('#utilisation .row > title')).toContainEqual(expect.stringMatching(/^<script>window.__pwned=2<\/script>: [\d.]+ % busy on average/));
        expect(await texts('#caches .name')).toContain('<svg onload=window.__pwned=…');
        expect(await texts('#caches .row > title')).toContainEqual(expect.stringMatching(/^<svg onload=window.__pwned=3>: [\d.]+ % of lookups hit/));
        expect(await page.textContent('#shards h3')).toContain('"><img src=x onerror=window.__pwned=4>');
        expect(await page.textContent('#queues .legend')).toContain('<b onmouseover=window.__pwned=5>q</b>');
        expect(await texts('#latency td.name')).toContain('<iframe src=javascript:window.__pwned=6>');
        expect(await page.textContent('#title')).toBe('<img src=x onerror=window.__pwned=7>');
        expect(await page.textContent('#subtitle')).toContain('<b>file</b>.arch · scenario <script>window.__pwned=8</script>');
        await page.hover('#utilisation .row');
        expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    });

    it('ignores malformed messages', async () => {
        await show(report);
        const before = await page.innerHTML('#report');
        const broken = (patch: Record<string, unknown>) => ({ type: 'report', file: 'x.arch', report: { ...report, ...patch } });
        await send(broken({ system: 42 }));
        await send(broken({ components: { api: { utilisation: 'high' } } }));
        await send(broken({ queues: { q: { ...report.queues.emails, depthOverTime: 'lots' } } }));
        await send(broken({ latencyMs: { mean: 1, p50: 1, p95: 1 } }));
        await send(broken({ throughputRps: Number.NaN }));
        await send({ type: 'report', report, file: 7 });
        await send({ type: 'status', message: '<img src=x>' });
        await send({ type: 'evil', html: '<img src=x>' });
        await send('not an object');
        await send(null);
        // Messages arrive in order: once this one shows, every malformed one before it was handled.
        await send({ type: 'status', message: 'sentinel', busy: false });
        await page.waitForFunction(() => document.getElementById('status')?.textContent === 'sentinel');
        expect(await page.innerHTML('#report')).toBe(before);
    });
});
