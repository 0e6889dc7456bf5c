/// <reference lib="dom" />
/**
 * The diagram webview in headless Chromium, on what makes a diagram readable: it opens at a
 * zoom where every text is legible (whole when that is possible), reports its size for the
 * `auto` direction, offers the direction choice, shows a Simulate run's figures with a note and
 * a way to hide them, and exports the legend the view leaves out. Each test sends its own diagram.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { model } from '../helpers.js';
import { diagramPageHtml } from '../../extension/diagram-page.js';
import { launchBrowser, openWebview, RECORDING_VSCODE_API, type WebviewPage } from '../support/webview-browser.js';
import { createDiagram } from '../../language-server/diagram/diagram.js';
import { createNodeLayoutRunner } from '../../language-server/diagram/node-layout.js';
import type { DiagramHostMessage, DiagramViewMessage, OverlayNote } from '../../language-server/protocol.js';
import type { DiagramLayout, DiagramOptions } from '../../language-server/diagram/types.js';

const VIEW = { width: 1200, height: 800 };

const runner = createNodeLayoutRunner();
let browser: Browser;
let page: Page;
let webview: WebviewPage;

/** A chain of `n` services named after `system`: long enough not to fit legibly. */
const chain = (system: string, n: number) => `system ${system} "A long chain" {
  client web
  ${Array.from({ length: n }, (_, i) => `service s${i} "Service number ${i}" { replicas 2 }`).join('\n  ')}
  queue jobs { dead_letter dlq }
  queue dlq
  web -> s0
  ${Array.from({ length: n - 1 }, (_, i) => `s${i} -> s${i + 1} : grpc`).join('\n  ')}
  s${n - 1} -> jobs : async
}`;

async function message(text: string, options: Partial<DiagramOptions> = {}, extra: { overlay?: OverlayNote } = {}): Promise<Extract<DiagramHostMessage, { type: 'diagram' }>> {
    const m = await model(text);
    const { layout, svg } = await createDiagram(m, { direction: 'right', theme: 'light', legend: true, ...options }, runner);
    return { type: 'diagram', svg, layout, systems: [m.name], direction: options.direction ?? 'right', ...extra };
}

const send = async (m: DiagramHostMessage) => {
    await page.evaluate((msg) => window.postMessage(msg, '*'), m);
    if (m.type === 'diagram') await page.waitForFunction((s) => document.querySelector('#canvas svg')?.getAttribute('data-system') === s, m.layout.system);
};
const posted = () => page.evaluate(() => (window as unknown as { __posted: DiagramViewMessage[] }).__posted);
const scale = () => page.$eval('#canvas', (el) => Number(/scale\(([\d.]+)\)/.exec((el as HTMLElement).style.transform)?.[1]));
const translate = () => page.$eval('#canvas', (el) => /translate\(([-\d.]+)px, ([-\d.]+)px\)/.exec((el as HTMLElement).style.transform)!.slice(1).map(Number));
const viewportSize = () => page.$eval('#viewport', (el) => ({ width: el.clientWidth, height: el.clientHeight }));
/** The webview's fit, computed here from the viewport's size: never above 100%, 12 px margins. */
const fitOf = async (l: DiagramLayout) => {
    const v = await viewportSize();
    return Math.min(1, (v.width - 24) / l.width, (v.height - 24) / l.height);
};
/** The smallest text on screen, in CSS pixels, as the browser draws it (the legend, cropped off by the view, aside). */
const smallestText = () => page.$eval('#canvas svg', (svg) => {
    const px = svg.getBoundingClientRect().width / Number(svg.getAttribute('width'));
    return Math.min(...[...svg.querySelectorAll('text')].filter((t) => !t.closest('.al-legend') && t.getClientRects().length > 0 && t.textContent?.trim())
        .map((t) => parseFloat(getComputedStyle(t).fontSize) * px));
});

beforeAll(async () => {
    browser = await launchBrowser();
    webview = await openWebview(browser, 'extension/webview/diagram-view.ts', diagramPageHtml, RECORDING_VSCODE_API, VIEW);
    page = webview.page;
}, 60_000);

beforeEach(async () => {
    await webview.fresh();
});

afterEach(() => {
    // Console errors and warnings include CSP violations.
    expect(webview.problems).toEqual([]);
});

afterAll(async () => {
    await browser?.close();
    runner.dispose();
});

describe('diagram webview: readable views', () => {
    it('opens a diagram too big to fit legibly at a legible zoom, from its top-left corner', async () => {
        const m = await message(chain('LongChain', 14));
        await send(m);
        const fit = await fitOf(m.layout);
        expect(fit, 'this chain does not fit legibly: the case under test').toBeLessThan(0.7);
        // Exactly legible: the smallest text on screen is 9 px.
        expect(await smallestText()).toBeCloseTo(9, 3);
        expect(await scale()).toBeGreaterThan(fit);
        const [x, y] = await translate();
        expect(x).toBe(12);
        expect(y).toBe(12);
        // Fit is still one key away, and shrinks the text below legibility.
        await page.click('#fit');
        expect(await scale()).toBeCloseTo(fit, 3);
        expect(await smallestText()).toBeLessThan(9);
    });

    it('opens a diagram that fits legibly whole, centred', async () => {
        const m = await message('system Small { client web service api database db web -> api -> db : sql }');
        await send(m);
        const fit = await fitOf(m.layout);
        expect(await scale()).toBeCloseTo(fit, 3);
        const v = await viewportSize();
        expect((await translate())[0]).toBeCloseTo((v.width - m.layout.width * fit) / 2, 3);
    });

    it('reports its size for the auto direction, again after a resize, and offers the direction', async () => {
        const v = await viewportSize();
        expect(await posted()).toContainEqual({ type: 'viewport', ...v });
        await page.setViewportSize({ width: 700, height: 900 });
        await page.waitForFunction(() => (window as unknown as { __posted: { type: string; width?: number }[] }).__posted.some((m) => m.type === 'viewport' && m.width === document.getElementById('viewport')!.clientWidth && m.width < 800));
        await page.setViewportSize(VIEW);
        const m = await message(chain('Directions', 4), { direction: 'auto', view: { width: 500, height: 900 } });
        await send(m);
        expect(await page.$eval('#direction', (s) => (s as HTMLSelectElement).value)).toBe('auto');
        expect(await page.$eval('#direction option[value="auto"]', (o) => o.textContent)).toBe(`Auto (${m.layout.direction === 'down' ? 'top to bottom' : 'left to right'})`);
        await page.selectOption('#direction', 'down');
        expect(await posted()).toContainEqual({ type: 'setDirection', direction: 'down' });
    });

    it('notes a Simulate run\'s figures, offers to hide them, and says when an edit made them outdated', async () => {
        const figures = { components: { api: { utilisation: 0.95 } }, caches: { c: { hitRate: 0.5 } } };
        await send(await message('system Sim { service api { replicas 2 } cache c api -> c }', { overlay: figures }, { overlay: { state: 'shown', run: 'a simulation of the baseline workload (60 s, seed 1)' } }));
        expect(await page.textContent('#status')).toBe('Figures from a simulation of the baseline workload (60 s, seed 1).');
        expect(await page.$$eval('[data-component="api"] .al-chip', (es) => es.map((e) => e.textContent))).toEqual(['util 95%']);
        expect(await page.getAttribute('[data-component="api"] .al-utilisation', 'data-utilisation')).toBe('95%');
        expect(await page.$$eval('[data-component="c"] .al-chip', (es) => es.map((e) => e.textContent))).toEqual(['hit 50%']);
        await page.click('#hide-figures');
        expect(await posted()).toContainEqual({ type: 'clearOverlay' });
        await send(await message('system Sim2 { service api { replicas 2 } }', {}, { overlay: { state: 'outdated', run: 'a simulation of scenario surge (3 s, seed 1)' } }));
        expect(await page.textContent('#status')).toMatch(/^The model changed since a simulation of scenario surge \(3 s, seed 1\): its figures are hidden/);
        await send(await message('system Sim3 { service api }'));
        expect(await page.textContent('#status')).toBe('');
        expect(await page.isHidden('#hide-figures')).toBe(true);
    });

    it('shows the diagram without its legend, and exports the legend with it', async () => {
        const m = await message(chain('Legend', 3));
        await send(m);
        expect(await page.$eval('#canvas svg', (s) => s.getAttribute('viewBox'))).toBe(`0 0 ${m.layout.width} ${m.layout.height}`);
        const fullHeight = Number(/<svg[^>]* height="(\d+)"/.exec(m.svg)![1]);
        expect(fullHeight).toBeGreaterThan(m.layout.height);
        const before = (await posted()).filter((x) => x.type === 'export').length;
        await page.click('#export-png');
        await page.waitForFunction((n) => (window as unknown as { __posted: { type: string }[] }).__posted.filter((x) => x.type === 'export').length > n, before);
        const png = Buffer.from(((await posted()).filter((x) => x.type === 'export').pop() as Extract<DiagramViewMessage, { type: 'export' }>).data, 'base64');
        // PNG header: width and height at bytes 16 and 20; drawn at twice the picture's size.
        expect(png.readUInt32BE(20)).toBe(fullHeight * 2);
        await page.click('#export-svg');
        const svg = (await posted()).filter((x) => x.type === 'export').pop() as Extract<DiagramViewMessage, { type: 'export' }>;
        expect(svg.data).toContain('<g class="al-legend">');
    });
});
