/// <reference lib="dom" />
/**
 * The browser playground, built and served as a static host serves it (gzip), measured in the
 * bundled Chromium: first diagnostics after the page loads, diagnostics after a keystroke,
 * the diagram's refresh after an edit (50 components, the quality bar's size), and what the
 * page transfers, file by file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { serveFolder } from '../cli/static-server.js';
import { encodeShare } from '../playground/share.js';
import { generateSystem } from './generate.js';
import type { BenchRow } from './common.js';

/** The page's scripting surface (playground/src/main.ts), as far as the measurements use it. */
interface Playground {
    editor: {
        getModel(): { getLineCount(): number; getLineMaxColumn(line: number): number; getValue(): string } | null;
        executeEdits(source: string, edits: { range: object; text: string }[]): boolean;
        trigger(source: string, handler: string, payload: unknown): void;
        setPosition(position: { lineNumber: number; column: number }): void;
    };
    monaco: { editor: { getModelMarkers(filter: object): unknown[]; onDidChangeMarkers(listener: () => void): { dispose(): void } } };
}
type Scope = Window & { playground?: Playground };

const PAGE_LOADS = 5, KEYSTROKES = 21, EDITS = 9;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

/** Milliseconds from navigation to the first markers of the model (a fresh load: the page is left first). */
async function firstDiagnostics(page: Page, url: string): Promise<number> {
    await page.goto('about:blank');
    await page.goto(url);
    await page.waitForFunction(() => ((window as Scope).playground?.monaco.editor.getModelMarkers({}).length ?? 0) > 0, undefined, { polling: 'raf', timeout: 30_000 });
    return page.evaluate(() => performance.now());
}

/**
 * Milliseconds from a typed character to the markers that follow from it: a letter typed after a
 * connection's target makes it unknown (an unknown-reference marker), its deletion repairs it.
 */
async function keystrokes(page: Page, runs: number): Promise<number[]> {
    return page.evaluate(async (count) => {
        const { editor, monaco } = (window as Scope).playground!;
        const model = editor.getModel()!;
        // The line before the flows' first: a connection, `a -> b`, whose target a typed letter makes unknown.
        const lines = model.getValue().split('\n');
        const line = lines.findIndex((l) => / -> /.test(l) && !/flow|:/.test(l)) + 1;
        const column = model.getLineMaxColumn(line);
        const times: number[] = [];
        const unknown = () => monaco.editor.getModelMarkers({}).some((m) => { const code = (m as { code?: string | { value: string } }).code; return (typeof code === 'object' ? code.value : code) === 'unknown-reference'; });
        for (let i = 0; i < count; i++) {
            // Monaco also fires marker events of its own on an edit: only the server's verdict counts.
            const changed = new Promise<void>((resolve) => {
                const listener = monaco.editor.onDidChangeMarkers(() => {
                    if (unknown() !== (i % 2 === 0)) return;
                    listener.dispose();
                    resolve();
                });
            });
            const start = performance.now();
            if (i % 2 === 0) {
                editor.setPosition({ lineNumber: line, column });
                editor.trigger('keyboard', 'type', { text: 'x' });
            } else {
                editor.setPosition({ lineNumber: line, column: column + 1 });
                editor.trigger('keyboard', 'deleteLeft', null);
            }
            await changed;
            times.push(performance.now() - start);
            // A person types again after the diagram and the other requests an edit brings have settled.
            await new Promise((resolve) => setTimeout(resolve, 400));
        }
        return times;
    }, runs);
}

/** Milliseconds from an edit that adds a component to its card in the diagram's frame. */
async function diagramRefreshes(page: Page, runs: number): Promise<number[]> {
    return page.evaluate(async (count) => {
        const { editor } = (window as Scope).playground!;
        const frame = (document.getElementById('diagram') as HTMLIFrameElement).contentDocument!;
        const shown = (name: string, present: boolean) => new Promise<void>((resolve) => {
            const check = () => (frame.querySelector(`.al-node[data-component="${name}"]`) !== null) === present;
            if (check()) return resolve();
            const observer = new MutationObserver(() => { if (check()) { observer.disconnect(); resolve(); } });
            observer.observe(frame.body, { childList: true, subtree: true });
        });
        const times: number[] = [];
        for (let i = 0; i < count; i++) {
            const model = editor.getModel()!;
            const last = model.getLineCount();
            const name = `extra_${i}`;
            const at = { startLineNumber: last, startColumn: 1, endLineNumber: last, endColumn: 1 };
            const start = performance.now();
            editor.executeEdits('bench', [{ range: at, text: `  service ${name}\n` }]);
            await shown(name, true);
            times.push(performance.now() - start);
            editor.executeEdits('bench', [{ range: { startLineNumber: last, startColumn: 1, endLineNumber: last + 1, endColumn: 1 }, text: '' }]);
            await shown(name, false);
        }
        return times;
    }, runs);
}

/** The playground's figures against the goals. */
export async function bench(): Promise<BenchRow[]> {
    const folder = mkdtempSync(join(tmpdir(), 'archlint-playground-'));
    execFileSync(process.execPath, ['scripts/build-playground.mjs', folder]);
    const served = new Map<string, { sent: number; size: number }>();
    let recording = false;
    const server = await serveFolder(folder, { onServed: (path, sent, size) => { if (recording) served.set(path, { sent, size }); } });
    const { chromiumLaunchOptions } = await import(new URL('../../test/support/chromium.mjs', import.meta.url).href) as typeof import('../test/support/chromium.mjs');
    const browser = await chromium.launch(await chromiumLaunchOptions());
    try {
        const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
        const model = generateSystem('Bench', 50);
        const url = `${server.url}#${await encodeShare({ file: 'bench.arch', text: model })}`;
        const page = await context.newPage();
        await firstDiagnostics(page, url);
        const loads: number[] = [];
        for (let i = 0; i < PAGE_LOADS; i++) {
            recording = i === PAGE_LOADS - 1;
            loads.push(await firstDiagnostics(page, url));
        }
        await page.frameLocator('#diagram').locator('.al-node').first().waitFor();
        recording = false;
        const typed = await keystrokes(page, KEYSTROKES);
        const drawn = await diagramRefreshes(page, EDITS);
        const sent = [...served.values()].reduce((sum, f) => sum + f.sent, 0);
        const size = [...served.values()].reduce((sum, f) => sum + f.size, 0);
        const files = [...served.entries()].sort((a, b) => b[1].sent - a[1].sent).map(([path, f]) => `${path.replace(/^\//, '') || 'index.html'} ${kb(f.sent)}`);
        return [
            { name: `playground: first diagnostics after page load (50 components, ${model.split('\n').length} lines)`, medianMs: median(loads), runs: PAGE_LOADS, bar: '≤ 1500 ms (issue 16)' },
            { name: 'playground: diagnostics after a keystroke (in-page, Monaco -> worker -> markers)', medianMs: median(typed), runs: KEYSTROKES, bar: '≤ 100 ms (issue 16)' },
            { name: 'playground: diagram refresh after an edit (50 components, edit -> card in the frame)', medianMs: median(drawn), runs: EDITS, bar: '≤ 200 ms (quality.md, webview)' },
            {
                name: 'playground: page transfer on load, gzip as a static host serves it', medianMs: NaN, runs: 1, bar: '≤ 6 MB with Monaco (issue 16)',
                note: `${mb(sent)} sent (${mb(size)} uncompressed) in ${served.size} files: ${files.join(', ')}`,
            },
        ];
    } finally {
        await browser.close();
        await server.close();
        rmSync(folder, { recursive: true, force: true });
    }
}
