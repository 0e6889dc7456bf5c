// Workbench helpers for the end-to-end suite (vscode.e2e.mjs): open a file, run a command,
// move the cursor, read squiggles, the Problems panel, the status bar and webview frames.
// Selectors are VS Code 1.100's (code-server 4.100.3), verified there. Every wait is bounded.

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));


export const ACTIVE_GROUP = '.editor-group-container.active';
export const ACTIVE_EDITOR = `${ACTIVE_GROUP} .monaco-editor`;
export const QUICK_INPUT = '.quick-input-widget';
export const QUICK_ROWS = `${QUICK_INPUT} .quick-input-list .monaco-list-row`;

/** Retries `action` (which throws on failure) a few times: VS Code sometimes drops the first keystroke. */
export async function retry(what, attempts, action) {
    let last;
    for (let i = 1; i <= attempts; i++) {
        try {
            return await action(i);
        } catch (error) {
            last = error;
        }
    }
    throw new Error(`${what} (after ${attempts} attempts): ${last?.message ?? last}`);
}

/** The aria-labels of the quick input's visible rows (for failure messages). */
export async function quickRows(page) {
    return page.$$eval(QUICK_ROWS, (rows) => rows.map((r) => r.getAttribute('aria-label') ?? r.textContent));
}

/** Closes whatever quick input, menu or widget is open. */
export async function escape(page, times = 2) {
    for (let i = 0; i < times; i++) {
        await page.keyboard.press('Escape');
        await sleep(100);
    }
}

/**
 * Waits until the quick input (Quick Open, the command palette, Go to Line) is open AND has the
 * keyboard focus: keys typed before that would land in the editor and change the file.
 */
export async function quickInputFocused(page, timeout = 5_000) {
    await page.waitForFunction(() => {
        const el = document.activeElement;
        return el instanceof HTMLInputElement && !!el.closest('.quick-input-widget') && el.checkVisibility();
    }, undefined, { timeout });
}

/** Opens a workspace file through Quick Open (Ctrl+P) and waits until its editor is active. */
export async function openFile(page, name) {
    await retry(`open ${name} with Quick Open`, 3, async () => {
        await escape(page);
        await page.keyboard.press('Control+P');
        await quickInputFocused(page);
        await page.keyboard.type(name);
        await page.locator(`${QUICK_ROWS}:has-text("${name}")`).first().waitFor({ timeout: 10_000 });
        await page.keyboard.press('Enter');
        await page.waitForSelector(`${ACTIVE_GROUP} .tab.active[data-resource-name="${name}"]`, { timeout: 10_000 });
        await page.waitForSelector(`${ACTIVE_EDITOR} .view-lines`, { timeout: 10_000 });
    });
}

/**
 * Runs a command from the command palette by its title ("Archlint: Open Diagram"). F1 first;
 * if focus sits in a webview and the key does not reach the workbench, the command center
 * (the search box in the title bar) opens the same palette with a '>' prefix.
 */
export async function runCommand(page, title) {
    await retry(`run "${title}" from the command palette`, 3, async (attempt) => {
        await escape(page);
        if (attempt === 1) {
            await page.keyboard.press('F1');
        } else {
            await page.locator('.command-center .command-center-center').click({ timeout: 5_000 });
            await quickInputFocused(page);
            await page.keyboard.type('>');
        }
        await quickInputFocused(page);
        await page.keyboard.type(title);
        const row = page.locator(QUICK_ROWS).filter({ has: page.locator('.label-name', { hasText: title }) }).first();
        try {
            await row.waitFor({ timeout: 8_000 });
        } catch {
            throw new Error(`no command titled "${title}"; the palette offered: ${JSON.stringify(await quickRows(page))}`);
        }
        await row.click();
        // The palette closes once the command has been picked.
        await page.waitForFunction((sel) => !document.querySelector(sel)?.checkVisibility(), `${QUICK_INPUT} input`, { timeout: 5_000 })
            .catch(() => { /* a command that opens its own quick pick keeps the widget up */ });
    });
}

/**
 * Moves the cursor with Go to Line (Ctrl+G), 1-based line and column. `fileName` picks the
 * editor to focus first (the active group may hold a webview); by default the active one.
 */
export async function goTo(page, line, column, fileName) {
    // Clicking the file's tab focuses its editor without moving the cursor or hitting a code lens.
    const tab = fileName ? `.tab[data-resource-name="${fileName}"]` : `${ACTIVE_GROUP} .tab.active`;
    await retry(`go to ${line}:${column}`, 3, async () => {
        await escape(page);
        await page.locator(tab).first().click({ timeout: 5_000 });
        await page.keyboard.press('Control+G');
        await quickInputFocused(page);
        await page.keyboard.type(`${line}:${column}`);
        await page.keyboard.press('Enter');
        await page.waitForFunction(
            ([l, c]) => document.getElementById('status.editor.selection')?.textContent?.includes(`Ln ${l}, Col ${c}`),
            [line, column], { timeout: 5_000 });
    });
}

/** The status bar's cursor position: { line, column, selected } (1-based, as shown). */
export async function cursor(page) {
    const text = await page.locator('[id="status.editor.selection"]').innerText({ timeout: 5_000 });
    const m = /Ln (\d+), Col (\d+)(?: \((\d+) selected\))?/.exec(text);
    if (!m) throw new Error(`status bar shows no cursor position: "${text}"`);
    return { line: Number(m[1]), column: Number(m[2]), selected: Number(m[3] ?? 0), text };
}

/** The active editor's visible text (Monaco renders spaces as non-breaking ones). */
export async function editorText(page) {
    const text = await page.locator(`${ACTIVE_EDITOR} .view-lines`).innerText({ timeout: 5_000 });
    return text.replace(/\u00a0/g, ' ');
}

/** Squiggles in the active editor by severity. */
export async function squiggles(page) {
    return page.evaluate((sel) => {
        const editor = document.querySelector(sel);
        return {
            errors: editor?.querySelectorAll('.squiggly-error').length ?? 0,
            warnings: editor?.querySelectorAll('.squiggly-warning').length ?? 0,
        };
    }, ACTIVE_EDITOR);
}

/**
 * The Problems panel rows for one file: opens the panel (Ctrl+Shift+M), filters it by the
 * file's name, and returns each marker row's code (rule id), message and 1-based line.
 */
export async function problemsFor(page, fileName) {
    await escape(page);
    const panel = page.locator('.markers-panel');
    if (!(await panel.isVisible())) {
        await page.keyboard.press('Control+Shift+M');
        await panel.waitFor({ state: 'visible', timeout: 10_000 });
    }
    const filter = page.locator('.part.panel .viewpane-filter input').first();
    await filter.fill(fileName, { timeout: 5_000 });
    await sleep(600); // the filter applies after a short debounce
    return page.$$eval('.markers-panel .monaco-list-row', (rows) => rows
        .filter((r) => r.querySelector('.marker-message'))
        .map((r) => ({
            code: r.querySelector('.marker-code')?.textContent ?? '',
            message: r.querySelector('.marker-message')?.textContent ?? '',
            line: Number(/Ln (\d+)/.exec(r.querySelector('.marker-line')?.textContent ?? '')?.[1] ?? 0),
        })));
}

/** Polls `fn` until it returns a truthy value or `timeout` passes; returns the last value. */
export async function until(fn, timeout, interval = 250) {
    const deadline = Date.now() + timeout;
    let value;
    for (;;) {
        value = await fn().catch(() => undefined);
        if (value || Date.now() > deadline) return value;
        await sleep(interval);
    }
}

/**
 * The webview frame (VS Code nests the content in an inner iframe) for which `probe`, run in the
 * frame, returns true. Frames come and go while a webview loads, so errors mean "not this one".
 */
export async function findFrame(page, probe, timeout) {
    return until(async () => {
        for (const frame of page.frames()) {
            if (frame === page.mainFrame()) continue;
            if (await frame.evaluate(probe).catch(() => false)) return frame;
        }
        return undefined;
    }, timeout, 500);
}

/** Closes every editor (and webview) so each test starts from the same workbench; never saves. */
export async function closeAllEditors(page) {
    await escape(page, 3);
    await runCommand(page, 'View: Close All Editors');
    const dontSave = page.locator('.monaco-dialog-box .monaco-button', { hasText: /Don't Save/ });
    if (await dontSave.waitFor({ timeout: 1_500 }).then(() => true, () => false)) await dontSave.click();
    await page.waitForFunction(() => document.querySelectorAll('.tabs-container .tab').length === 0, undefined, { timeout: 10_000 });
}
