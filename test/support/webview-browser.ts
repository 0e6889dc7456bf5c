/// <reference lib="dom" />
/**
 * A webview page in headless Chromium (the build `npm ci` brings, see chromium.mjs), under its real Content-Security-Policy: the
 * page's own script is bundled with esbuild and served from a fake origin, the test's stub
 * `acquireVsCodeApi` runs first, and console errors, warnings and page errors are collected.
 * One browser and one page per test file; `fresh()` loads the page anew before each test (a new
 * document, script state and log), so that no test depends on another. (The bundled Chromium
 * runs as a single process, which ends when a page or context is closed.)
 */
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { WebviewPageOptions } from '../../extension/webview-page.js';
import { chromiumLaunchOptions } from './chromium.mjs';

/** A stub `acquireVsCodeApi` that records what the page posts (`window.__posted`) and keeps its state. */
export const RECORDING_VSCODE_API = `window.__posted = []; window.__state = undefined;
window.acquireVsCodeApi = () => ({
  postMessage: (m) => window.__posted.push(m),
  getState: () => window.__state,
  setState: (s) => { window.__state = s; },
});`;

/** Where the test pages pretend to come from. */
export const ORIGIN = 'https://webview.archlint.test';

/** An open webview page and what it has logged since it was last loaded. */
export interface WebviewPage {
    page: Page;
    problems: string[];
    /** Loads the page anew at its first viewport, with an empty log, and waits for its `ready` message. */
    fresh(): Promise<void>;
}

/** Starts the test Chromium. */
export async function launchBrowser(): Promise<Browser> {
    return chromium.launch(await chromiumLaunchOptions());
}

const bundles = new Map<string, Promise<string>>();

/** The page script `entry` bundled for the browser, built once per test file. */
function bundle(entry: string): Promise<string> {
    let script = bundles.get(entry);
    if (!script) {
        script = build({ entryPoints: [entry], bundle: true, write: false, platform: 'browser', format: 'iife', target: 'es2022' }).then((r) => r.outputFiles[0].text);
        bundles.set(entry, script);
    }
    return script;
}

/** Opens, in a new page of `browser`, the page `html` builds around the bundled `entry`, and waits for its `ready` message. */
export async function openWebview(
    browser: Browser, entry: string, html: (options: WebviewPageOptions) => string, prelude: string, viewport: { width: number; height: number },
): Promise<WebviewPage> {
    const scriptPath = `/${entry.split('/').pop()!.replace(/\.ts$/, '.js')}`;
    const script = await bundle(entry);
    const markup = html({ scriptUri: `${ORIGIN}${scriptPath}`, nonce: 'n0nce-for-test', cspSource: ORIGIN, prelude });
    const page = await browser.newPage({ viewport });
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.route(`${ORIGIN}/**`, (route) => {
        const path = new URL(route.request().url()).pathname;
        if (path === scriptPath) return route.fulfill({ contentType: 'text/javascript', body: script });
        if (path === '/') return route.fulfill({ contentType: 'text/html', body: markup });
        return route.fulfill({ status: 404 });
    });
    const fresh = async () => {
        await page.goto('about:blank');
        problems.length = 0;
        await page.setViewportSize(viewport);
        await page.mouse.move(0, 0);
        await page.goto(`${ORIGIN}/`);
        await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
    };
    await fresh();
    return { page, problems, fresh };
}
