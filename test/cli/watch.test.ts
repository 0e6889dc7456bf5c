/**
 * `archlint check --watch`, driven as a person would: the real CLI is spawned, files are edited,
 * added, deleted and configured on disk, and each new report is read as it is printed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { workspace } from './run-cli.js';

const BIN = fileURLToPath(new URL('../../bin/archlint.js', import.meta.url));
const MAIN = 'import "./lib.arch"\nsystem S {\n  client c\n  service api { replicas 2 }\n  c -> api\n  api -> jobs : async\n}\n';
const STATUS = /^\[\d\d:\d\d:\d\d\] .*Watching for changes \(Ctrl-C to exit\)\.$/gm;

/** A running `archlint check --watch` and what it printed so far. */
class Watcher {
    stdout = '';
    stderr = '';
    readonly exited: Promise<number | null>;
    private readonly child: ChildProcess;

    constructor(readonly root: string, args: string[]) {
        this.child = spawn(process.execPath, [BIN, 'check', '--watch', ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
        this.child.stdout!.on('data', (d) => (this.stdout += d));
        this.child.stderr!.on('data', (d) => (this.stderr += d));
        this.exited = new Promise((done) => this.child.on('exit', (code) => done(code)));
    }

    /** The reports printed so far, each with the status line that ends it. */
    reports(): { report: string; line: string }[] {
        const found: { report: string; line: string }[] = [];
        let start = 0;
        for (const match of this.stdout.matchAll(STATUS)) {
            found.push({ report: this.stdout.slice(start, match.index), line: match[0] });
            start = match.index + match[0].length + 1;
        }
        return found;
    }

    /** Waits for a report after the first `after` whose status line matches `line`. */
    async report(after: number, line: RegExp): Promise<{ report: string; line: string }> {
        for (let waited = 0; waited < 30_000; waited += 50) {
            const match = this.reports().slice(after).find((r) => line.test(r.line));
            if (match) return match;
            await new Promise((r) => setTimeout(r, 50));
        }
        throw new Error(`no status line like ${line} after report ${after}; printed:\n${this.stdout}${this.stderr}`);
    }

    /** Changes a file of the watched folder (null deletes it) and waits for a report whose status matches `line`. */
    async edit(file: string, text: string | null, line: RegExp): Promise<{ report: string; line: string }> {
        const after = this.reports().length;
        if (text === null) rmSync(join(this.root, file));
        else writeFileSync(join(this.root, file), text);
        return this.report(after, line);
    }

    interrupt(): void {
        this.child.kill('SIGINT');
    }

    kill(): void {
        this.child.kill('SIGKILL');
    }
}

let running: Watcher | undefined;
afterEach(() => running?.kill());

describe('archlint check --watch', () => {
    it('re-checks a changed file and the files that import it, new files and deleted ones, and exits 0 on Ctrl-C', async () => {
        const root = workspace({ 'main.arch': MAIN, 'lib.arch': 'queue jobs\nworker w { replicas 2 consumes jobs }\n' });
        const watcher = running = new Watcher(root, ['.']);
        await watcher.report(0, / 0 errors, \d+ warnings? in 2 files\. /);

        // lib.arch no longer declares what main.arch imports from it: the importer is re-checked.
        const broken = await watcher.edit('lib.arch', 'queue tasks\nworker w { replicas 2 consumes tasks }\n', / 1 error, .* in 2 files\. /);
        expect(broken.report).toMatch(/main\.arch\n\s+6:10\s+error\s+.*unknown-reference/);

        const fixed = await watcher.edit('lib.arch', 'queue jobs\nworker w { replicas 2 consumes jobs }\n', / 0 errors, .* in 2 files\. /);
        expect(fixed.report).not.toContain('unknown-reference');

        const added = await watcher.edit('extra.arch', 'system T {\n  service x {\n}\n', / 1 error, .* in 3 files\. /);
        expect(added.report).toMatch(/extra\.arch\n.*syntax/);

        await watcher.edit('extra.arch', null, / 0 errors, .* in 2 files\. /);

        watcher.interrupt();
        expect(await watcher.exited).toBe(0);
        expect(watcher.stdout + watcher.stderr).not.toContain('\x1b');
    });

    it('applies a config file written while it watches', async () => {
        const root = workspace({ 'main.arch': 'system S {\n  client c\n  service api\n  c -> api\n}\n' });
        const watcher = running = new Watcher(root, ['main.arch']);
        expect((await watcher.report(0, / 1 error, 0 warnings /)).report).toMatch(/3:11\s+error\s+.*spof/);
        const configured = await watcher.edit('archlint.config.json', JSON.stringify({ rules: { spof: 'warning' } }), / 0 errors, 1 warning /);
        expect(configured.report).toMatch(/3:11\s+warning\s+.*spof/);
        await watcher.edit('archlint.config.json', '{ "rules": { "spof": "loud" } }', /\] Watching for changes/);
        expect(watcher.stderr).toMatch(/archlint\.config\.json:1:14: rule "spof" has level "loud"/);
    });

    it('clears the screen before each report on a terminal', async () => {
        const root = workspace({ 'main.arch': MAIN, 'lib.arch': 'queue jobs\n' });
        // `script` gives the CLI a terminal; it is ended once the first report is out.
        const session = spawn('script', ['-qec', `${process.execPath} ${BIN} check --watch main.arch`, '/dev/null'], { cwd: root });
        let screen = '';
        session.stdout.on('data', (d) => (screen += d));
        for (let waited = 0; waited < 30_000 && !/Watching for changes/.test(screen); waited += 50) await new Promise((r) => setTimeout(r, 50));
        session.kill('SIGTERM');
        expect(screen.startsWith('\x1b[2J\x1b[3J\x1b[H')).toBe(true);
        expect(screen).toMatch(/Watching for changes/);
    });

    it('refuses --fix with --watch', () => {
        const root = workspace({ 'main.arch': MAIN, 'lib.arch': 'queue jobs\n' });
        const run = spawnSync(process.execPath, [BIN, 'check', '--watch', '--fix', 'main.arch'], { cwd: root, encoding: 'utf8' });
        expect(run.status).toBe(2);
        expect(run.stderr).toMatch(/--fix cannot be combined with --watch/);
    });
});
