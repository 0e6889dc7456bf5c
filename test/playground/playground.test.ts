/// <reference lib="dom" />
/**
 * The browser playground as a person uses it: built once (scripts/build-playground.mjs), served
 * by `archlint playground`'s static server, driven in the Chromium `npm ci` brings. Typing
 * brings the language server's markers (rule ids), a quick fix repairs the model, the diagram
 * follows edits both ways, Simulate fills the extension's report view, a share link reopens
 * the same model, and nothing is fetched from anywhere but the served folder.
 */
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../support/chromium.mjs';
import { serveFolder, type StaticServer } from '../../cli/static-server.js';
import { encodeShare } from '../../playground/share.js';

const FOLDER = 'dist/playground';
/** How long the page may take to answer an edit (a language server round trip, a layout). */
const WAIT = { timeout: 15_000 };
const SHOP = `system Shop {
  workload { rps 200 }
  client web
  service api { replicas 2 latency 5ms capacity 1k rps }
  database orders { replicas 2 failover 30s latency 2ms capacity 2k rps }
  web -> api
  api -> orders
}
`;

/** What the page offers scripts (src/main.ts): the editor and Monaco. */
interface PlaygroundWindow {
    playground: {
        editor: { getValue(): string; getSelection(): { startLineNumber: number; startColumn: number } | null };
        monaco: { editor: { getModelMarkers(filter: object): { code?: string | { value: string }; startLineNumber: number }[] } };
    };
}

let server: StaticServer;
let browser: Browser;
/** One context for every page: the bundled Chromium runs as a single process, which closing a context can end. */
let context: BrowserContext;
let page: Page;
const problems: string[] = [];
const requested: string[] = [];

/** Opens the playground at `url` in a new page that records problems and requests. */
async function openPage(url: string): Promise<Page> {
    const opened = await context.newPage();
    opened.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
    opened.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    opened.on('request', (r) => requested.push(r.url()));
    await opened.goto(url);
    await opened.waitForSelector('.view-line');
    return opened;
}

const text = (p: Page) => p.evaluate(() => (window as unknown as PlaygroundWindow).playground.editor.getValue());
const markerCodes = (p: Page) => p.evaluate(() => (window as unknown as PlaygroundWindow).playground.monaco.editor.getModelMarkers({})
    .map((m) => (typeof m.code === 'object' ? m.code.value : m.code)));
const diagram = (p: Page) => p.frameLocator('#diagram');

/** Types `line` as a new line after the current one (completion closed before Enter). */
async function typeLineAfter(line: number, typed: string): Promise<void> {
    await page.keyboard.press('Control+Home');
    for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type(typed);
    await page.keyboard.press('Escape');
}

beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build-playground.mjs', FOLDER]);
    server = await serveFolder(FOLDER);
    browser = await chromium.launch(await chromiumLaunchOptions());
    context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
    page = await openPage(`${server.url}#${await encodeShare({ file: 'shop.arch', text: SHOP })}`);
    await diagram(page).locator('.al-node[data-component="orders"]').waitFor();
}, 120_000);

afterAll(async () => {
    await browser?.close();
    await server?.close();
});

describe('the playground', () => {
    it('opens the model of its link with the diagram of it', async () => {
        expect(await text(page)).toBe(SHOP);
        expect(await diagram(page).locator('.al-node').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-component')).sort())).toEqual(['api', 'orders', 'web']);
        expect(await markerCodes(page)).toEqual([]);
    });

    it('marks invalid lines with error markers naming their rule ids, and repairs one with its quick fix', async () => {
        await typeLineAfter(7, 'api -> audit');
        // Markers of half-typed text come and go while typing: wait for those of the whole line.
        await expect.poll(() => markerCodes(page), WAIT).toEqual(['unknown-reference']);
        await page.waitForSelector('.squiggly-error');
        await page.keyboard.press('F8');
        expect(await page.locator('.marker-widget').innerText()).toContain('unknown-reference');
        await page.keyboard.press('Escape');

        await typeLineAfter(8, 'service audit { latency 2ms }');
        // A component of one replica: an error (spof) whose marker names the rule, and which a quick fix repairs.
        await expect.poll(() => markerCodes(page), WAIT).toEqual(['spof']);
        await page.waitForSelector('.squiggly-error');
        // F8 puts the cursor on the marker, where Ctrl+. offers its fixes.
        await page.keyboard.press('F8');
        expect(await page.locator('.marker-widget').innerText()).toContain('spof');
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+.');
        await page.locator('.action-widget').filter({ hasText: 'Run 2 replicas of audit (spof)' }).waitFor();
        await page.keyboard.press('Enter');
        await expect.poll(() => text(page), WAIT).toContain('service audit { replicas 2 latency 2ms }');
        await expect.poll(() => markerCodes(page), WAIT).toEqual([]);
    }, 60_000);

    it('draws the newly typed component, marks the one the cursor is in, and reveals a clicked one', async () => {
        const audit = diagram(page).locator('.al-node[data-component="audit"]');
        await audit.waitFor();
        await expect.poll(() => audit.getAttribute('class'), WAIT).toContain('focus');
        await diagram(page).locator('.al-node[data-component="orders"]').click();
        await expect.poll(() => page.evaluate(() => (window as unknown as PlaygroundWindow).playground.editor.getSelection()?.startLineNumber), WAIT).toBe(5);
        await expect.poll(() => diagram(page).locator('.al-node.focus').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-component'))), WAIT).toEqual(['orders']);
    });

    it('simulates in a worker and shows the report with its throughput', async () => {
        await page.click('#simulate');
        const report = page.frameLocator('#simulation');
        const throughput = report.locator('.tile', { hasText: 'Throughput' }).locator('.tile-value');
        await throughput.waitFor({ timeout: 60_000 });
        // 200 rps offered at peak 1x into a model with spare capacity: all of it comes through (Poisson noise aside).
        const rps = Number((await throughput.innerText()).replace(/[^0-9.]/g, ''));
        expect(rps).toBeGreaterThan(180);
        expect(rps).toBeLessThan(220);
        expect(await page.locator('#simulate').innerText()).toBe('Simulate');
    }, 60_000);

    it('reopens the same model, diagnostics and diagram from its link', async () => {
        await page.keyboard.press('Control+End');
        await page.keyboard.type('\n// nothing but a comment');
        await page.click('#share');
        const link = page.url();
        expect(new URL(link).hash).toMatch(/^#file=shop\.arch&model=/);
        const again = await openPage(link);
        await diagram(again).locator('.al-node[data-component="audit"]').waitFor();
        expect(await text(again)).toBe(await text(page));
        await expect.poll(() => diagram(again).locator('.al-node').count(), WAIT).toBe(4);
        expect(await markerCodes(again)).toEqual(await markerCodes(page));
    }, 60_000);

    it('completes, explains on hover and formats as the server does in VS Code', async () => {
        const messy = SHOP.replace('  client web', '        client    web');
        const other = await openPage(`${server.url}#${await encodeShare({ file: 'shop.arch', text: messy })}`);
        await diagram(other).locator('.al-node[data-component="orders"]').waitFor();
        // Format Document: Shift+Alt+F on Windows and macOS, Ctrl+Shift+I on Linux (as in VS Code).
        await other.keyboard.press(process.platform === 'linux' ? 'Control+Shift+I' : 'Shift+Alt+F');
        await expect.poll(() => text(other), WAIT).toBe(SHOP);

        await other.keyboard.press('Control+End');
        await other.keyboard.press('ArrowUp');
        await other.keyboard.press('End');
        await other.keyboard.press('Enter');
        await other.keyboard.type('cache sessions { evi');
        await other.keyboard.press('Control+Space');
        await expect.poll(() => other.locator('.suggest-widget').innerText(), WAIT).toContain('eviction');
        await other.keyboard.press('Escape');

        await other.locator('.view-line span', { hasText: /^replicas$/ }).first().hover();
        await expect.poll(() => other.locator('.monaco-hover:not(.hidden)').innerText(), WAIT).toMatch(/replica/i);
    }, 60_000);

    it('fetches nothing from outside the served folder, and logs no error', () => {
        expect(requested.filter((url) => !url.startsWith(server.url))).toEqual([]);
        expect(requested.some((url) => url.endsWith('/elk-worker.js'))).toBe(true);
        expect(problems).toEqual([]);
    });
});

describe('archlint playground FILE', () => {
    it('serves the playground on 127.0.0.1 with FILE in it, until Ctrl-C', async () => {
        const child = spawn(process.execPath, ['bin/archlint.js', 'playground', 'samples/chat.arch', '--no-open'], { stdio: ['ignore', 'pipe', 'pipe'] });
        const url = await new Promise<string>((resolve, reject) => {
            let out = '';
            child.stdout.on('data', (chunk: Buffer) => {
                out += chunk.toString();
                const found = /http:\/\/127\.0\.0\.1:\d+\/#\S+/.exec(out);
                if (found) resolve(found[0]);
            });
            child.on('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
        });
        const opened = await openPage(url);
        expect(await text(opened)).toBe(readFileSync('samples/chat.arch', 'utf8'));
        expect(await opened.locator('#sample').inputValue()).toBe('chat.arch');
        const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
        child.kill('SIGINT');
        expect(await exit).toBe(0);
    }, 60_000);
});
