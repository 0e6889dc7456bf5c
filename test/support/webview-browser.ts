/// <reference lib="dom" />
/**
 * A webview page in headless Chromium (the build `npm ci` brings, see chromium.mjs), under its real Content-Security-Policy: the
 * page's own script is bundled with esbuild and served from a fake origin, the test's stub
 * `acquireVsCodeApi` runs first, and console errors, warnings and page errors are collected.
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

/** An open webview page and what it logged. */
export interface WebviewBrowser { browser: Browser; page: Page; problems: string[] }

/** Opens the page `html` builds around the bundled `entry` and waits for its `ready` message. */
export async function openWebview(
    entry: string, html: (options: WebviewPageOptions) => string, prelude: string, viewport: { width: number; height: number },
): Promise<WebviewBrowser> {
    const scriptPath = `/${entry.split('/').pop()!.replace(/\.ts$/, '.js')}`;
    const script = await build({ entryPoints: [entry], bundle: true, write: false, platform: 'browser', format: 'iife', target: 'es2022' });
    const markup = html({ scriptUri: `${ORIGIN}${scriptPath}`, nonce: 'n0nce-for-test', cspSource: ORIGIN, prelude });
    const browser = await chromium.launch(await chromiumLaunchOptions());
    const page = await browser.newPage({ viewport });
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.route(`${ORIGIN}/**`, (route) => {
        const path = new URL(route.request().url()).pathname;
        if (path === scriptPath) return route.fulfill({ contentType: 'text/javascript', body: script.outputFiles[0].text });
        if (path === '/') return route.fulfill({ contentType: 'text/html', body: markup });
        return route.fulfill({ status: 404 });
    });
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
    return { browser, page, problems };
}
