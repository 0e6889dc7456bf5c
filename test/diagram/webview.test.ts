/// <reference lib="dom" />
/**
 * The diagram webview page in headless Chromium, under its real Content-Security-Policy, with
 * a stub `acquireVsCodeApi` recording what the page posts: nodes render, a click posts a
 * reveal, an update keeps the viewport, hostile titles stay text, and nothing logs an error.
 * Each test has a page of its own, and fails if that page logged an error or a warning.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { model } from '../helpers.js';
import { diagramPageHtml } from '../../extension/diagram-page.js';
import { launchBrowser, openWebview, type WebviewPage } from '../support/webview-browser.js';
import { createDiagram } from '../../language-server/diagram/diagram.js';
import { createNodeLayoutRunner } from '../../language-server/diagram/node-layout.js';
import type { DiagramHostMessage, DiagramViewMessage } from '../../language-server/protocol.js';

const REFERENCE = readFileSync(new URL('./fixtures/tinyurl.arch', import.meta.url), 'utf8');
const STUB = `window.__posted = []; window.__state = undefined;
window.acquireVsCodeApi = () => ({
  postMessage: (m) => window.__posted.push(m),
  getState: () => window.__state,
  setState: (s) => { window.__state = s; },
});`;

const runner = createNodeLayoutRunner();
let browser: Browser;
let webview: WebviewPage;
let page: Page;
let reference: DiagramHostMessage;

async function diagramMessage(text: string, direction: 'right' | 'down' = 'right'): Promise<DiagramHostMessage> {
    const m = await model(text);
    const { layout, svg } = await createDiagram(m, { direction, theme: 'light' }, runner);
    return { type: 'diagram', svg, layout, systems: [m.name] };
}

const send = (message: unknown) => page.evaluate((m) => window.postMessage(m, '*'), message);
const posted = () => page.evaluate(() => (window as unknown as { __posted: DiagramViewMessage[] }).__posted);
const transform = () => page.$eval('#canvas', (el) => (el as HTMLElement).style.transform);
/** Shows the reference model and waits until it is drawn. */
const showReference = async () => {
    await send(reference);
    await page.waitForSelector('#canvas svg .al-node');
};

beforeAll(async () => {
    reference = await diagramMessage(REFERENCE);
    browser = await launchBrowser();
    webview = await openWebview(browser, 'extension/webview/diagram-view.ts', diagramPageHtml, STUB, { width: 1200, height: 800 });
    page = webview.page;
}, 60_000);

afterAll(async () => {
    await browser?.close();
    runner.dispose();
});

beforeEach(async () => {
    await webview.fresh();
});

afterEach(() => {
    // Console errors and warnings include CSP violations.
    expect(webview.problems).toEqual([]);
});

describe('diagram webview in Chromium', () => {
    it('renders every node and zone of the reference model', async () => {
        await showReference();
        const names = await page.$$eval('#canvas .al-node', (els) => els.map((e) => e.getAttribute('data-component')));
        expect(names.sort()).toEqual(reference.type === 'diagram' ? reference.layout.nodes.map((n) => n.name).sort() : []);
        expect(await page.$$eval('#canvas .al-zone', (els) => els.map((e) => e.getAttribute('data-zone')))).toEqual(['us_east_1a']);
        expect(await page.textContent('#title')).toBe('TinyURL — URL shortening service');
        const box = await page.locator('[data-component="api"] .al-card').boundingBox();
        expect(box!.width).toBeGreaterThan(50);
        // The page's nonce'd stylesheet styles the SVG (its own <style> is stripped).
        expect(await page.$eval('[data-component="api"] .al-card', (el) => getComputedStyle(el).fill)).toBe('rgb(255, 255, 255)');
    });

    it('posts a reveal message when a component is clicked', async () => {
        await showReference();
        await page.click('[data-component="url_cache"]');
        expect((await posted()).filter((m) => m.type === 'reveal')).toEqual([{ type: 'reveal', component: 'url_cache' }]);
    });

    it('shows properties and findings on hover', async () => {
        await showReference();
        await page.hover('[data-component="urls"]');
        await page.waitForSelector('#tooltip:not([hidden])');
        const text = await page.textContent('#tooltip');
        expect(text).toContain('partitionhash(short_code) × 32');
        expect(text).toContain('consistencyeventual');
    });

    it('keeps zoom and pan across an update', async () => {
        await showReference();
        const fitted = await transform();
        await page.focus('#viewport');
        await page.keyboard.press('+');
        await page.keyboard.press('ArrowRight');
        await page.mouse.move(600, 500);
        await page.mouse.down();
        await page.mouse.move(640, 470, { steps: 4 });
        await page.mouse.up();
        const before = await transform();
        const scale = (t: string) => Number(/scale\(([\d.]+)\)/.exec(t)?.[1]);
        // The viewport keeps four decimals of its scale (viewport.ts, clamp).
        expect(scale(before)).toBeCloseTo(scale(fitted) * 1.2, 3);
        expect(before).not.toBe(fitted);
        await send(await diagramMessage(REFERENCE.replace('queue clicks_dlq', 'queue clicks_dlq\n  store archive "Cold storage"')));
        await page.waitForSelector('[data-component="archive"]');
        expect(await transform()).toBe(before);
        // A drag is not a click: no reveal was posted.
        expect((await posted()).filter((m) => m.type === 'reveal')).toEqual([]);
    });

    it('highlights a flow', async () => {
        await showReference();
        await page.selectOption('#flow', 'shorten');
        expect(await page.$eval('#canvas svg', (svg) => svg.classList.contains('al-highlight'))).toBe(true);
        const lit = await page.$$eval('#canvas .al-link.hl', (els) => els.map((e) => e.getAttribute('data-edge')));
        expect(lit).toContain('api->clicks');
        expect(lit).not.toContain('clicks->stats');
    });

    it('renders hostile titles as text and runs none of them', async () => {
        await send(await diagramMessage(`system Evil "<img src=x onerror=window.__pwned=1>" {
            service api "<script>window.__pwned=2</script>"
            database db "<svg onload=window.__pwned=3>"
            api -> db
        }`));
        await page.waitForSelector('[data-component="db"]');
        expect(await page.$$eval('#canvas img, #canvas script, #canvas [onload], #canvas [onerror]', (els) => els.length)).toBe(0);
        // The title wraps: its lines together are the text.
        expect((await page.$$eval('[data-component="api"] .al-sub', (els) => els.map((e) => e.textContent))).join('')).toBe('<script>window.__pwned=2</script>');
        expect(await page.textContent('#title')).toBe('Evil — <img src=x onerror=window.__pwned=1>');
        await page.hover('[data-component="db"]');
        expect(await page.textContent('#tooltip h4')).toBe('db — <svg onload=window.__pwned=3>');
        expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    });

    it('follows VS Code\'s theme unless the setting fixes one, which brings its own background', async () => {
        const look = () => page.$eval('#canvas svg', (svg) => ({
            theme: ['theme-light', 'theme-dark'].filter((c) => svg.classList.contains(c)),
            card: getComputedStyle(svg.querySelector('.al-card')!).fill,
            background: getComputedStyle(svg.querySelector('.al-bg')!).fill,
        }));
        const setBody = (cls: string) => page.evaluate((c) => { document.body.className = c; }, cls);
        const show = async (message: DiagramHostMessage) => {
            await page.evaluate(() => document.querySelector('#canvas')!.replaceChildren());
            await send(message);
            await page.waitForSelector('#canvas svg .al-node');
        };
        await setBody('vscode-dark');
        await show(reference);
        // The SVG was rendered light; the view follows the editor, on the editor's background.
        expect(await look()).toEqual({ theme: ['theme-dark'], card: 'rgb(22, 32, 51)', background: 'none' });
        await show({ ...reference, theme: 'light' } as DiagramHostMessage);
        expect(await look()).toEqual({ theme: ['theme-light'], card: 'rgb(255, 255, 255)', background: 'rgb(248, 250, 252)' });
        // A change of VS Code's theme leaves a fixed one alone.
        await setBody('vscode-high-contrast');
        expect(await look()).toEqual({ theme: ['theme-light'], card: 'rgb(255, 255, 255)', background: 'rgb(248, 250, 252)' });
        await show(reference);
        expect(await look()).toEqual({ theme: ['theme-dark'], card: 'rgb(22, 32, 51)', background: 'none' });
        // Only the two themes are accepted.
        await send({ ...reference, theme: 'neon' });
        await send({ type: 'status', message: 'sentinel' });
        await page.waitForFunction(() => document.getElementById('status')?.textContent === 'sentinel');
        expect((await look()).theme).toEqual(['theme-dark']);
    });

    it('ignores malformed messages', async () => {
        await showReference();
        const before = await page.innerHTML('#canvas');
        await send({ type: 'diagram', svg: 42, layout: null });
        await send({ type: 'diagram', svg: '<svg><image href=x onerror=window.__pwned=1></svg>', layout: { nodes: 'many' }, systems: [] });
        await send({ type: 'evil', html: '<img src=x>' });
        await send('not an object');
        await send(null);
        // Messages arrive in order: once this status shows, every malformed one before it was handled.
        await send({ type: 'status', message: 'sentinel' });
        await page.waitForFunction(() => document.getElementById('status')?.textContent === 'sentinel');
        expect(await page.innerHTML('#canvas')).toBe(before);
        expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    });

    it('exports PNG bytes through a message', async () => {
        await showReference();
        await page.click('#export-png');
        await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'export'));
        const exported = (await posted()).find((m) => m.type === 'export') as Extract<DiagramViewMessage, { type: 'export' }>;
        expect(exported.format).toBe('png');
        expect(Buffer.from(exported.data, 'base64').subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    });
});
