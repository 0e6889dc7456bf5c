/** Issue 10, part 2, at the command line: no input crashes the CLI, prints a stack, or corrupts a file. */
import { chmodSync, existsSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { archlint, copyOfCli, workspace } from './run-cli.js';

/** The unprivileged user on Debian and most Linux systems. */
const NOBODY = { uid: 65534, gid: 65534 };

/** A model with two single-replica services, each fixed by `replicas 2`. */
const SPOFS = 'system S {\n  client c\n  service a { capacity 1k rps }\n  service b { capacity 1k rps }\n  c -> a -> b\n}\n';

/** Exit 2 with exactly one line on stderr, no stack and no "internal error". */
function expectOneLineFailure(run: { code: number | null; stderr: string; stdout: string }, message: RegExp): void {
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr.trimEnd().split('\n'), run.stderr).toHaveLength(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
}

describe('--fix', () => {
    it.each([['CR LF', '\r\n'], ['CR', '\r'], ['LF', '\n']])('with %s line endings fixes in place and keeps the line endings', (_name, eol) => {
        const root = workspace({ 'm.arch': SPOFS.replace(/\n/g, eol) });
        archlint(['check', '--fix', 'm.arch'], root);
        const fixed = readFileSync(join(root, 'm.arch'), 'utf8');
        expect(fixed).toBe(SPOFS.replace(/\{ capacity/g, '{ replicas 2 capacity').replace(/\n/g, eol));
    });

    it('reaches a fixed point in one run, and two fixes of one component make one block', () => {
        // The balancer gets two fixes (replicas, algorithm) that both open its block.
        const lb = 'system L {\n  client c { protocol websocket }\n  loadbalancer lb\n  service a { replicas 2 }\n  c -> lb : websocket\n  lb -> a : websocket\n}\n';
        const root = workspace({ 'm.arch': SPOFS, 'lb.arch': lb });
        archlint(['check', '--fix', '.'], root);
        expect(readFileSync(join(root, 'lb.arch'), 'utf8')).toMatch(/\n {2}loadbalancer lb \{ (replicas 2 algorithm least_connections|algorithm least_connections replicas 2) \}\n/);
        const once = ['m.arch', 'lb.arch'].map((f) => readFileSync(join(root, f), 'utf8'));
        archlint(['check', '--fix', '.'], root);
        expect(['m.arch', 'lb.arch'].map((f) => readFileSync(join(root, f), 'utf8'))).toEqual(once);
        expect(JSON.parse(archlint(['check', '--format', 'json', '.'], root).stdout).files.flatMap((f: { diagnostics: { fixes?: unknown }[] }) => f.diagnostics.filter((d) => d.fixes))).toEqual([]);
    });

    it('keeps a byte order mark', () => {
        const root = workspace({ 'm.arch': `\uFEFF${SPOFS}` });
        archlint(['check', '--fix', 'm.arch'], root);
        expect(readFileSync(join(root, 'm.arch'), 'utf8')).toMatch(/^\uFEFFsystem S \{\n[^]*replicas 2/);
    });

    it('changes no file when one cannot be written, and says which in one line', () => {
        const root = workspace({ 'a.arch': SPOFS, 'b.arch': SPOFS.replace('system S', 'system T') });
        chmodSync(join(root, 'b.arch'), 0o444);
        // Root may write a read-only file, so as root the CLI runs as `nobody` (from a copy it can reach), for whom a.arch stays writable.
        const asRoot = process.getuid?.() === 0;
        if (asRoot) {
            chmodSync(root, 0o777);
            chmodSync(join(root, 'a.arch'), 0o666);
        }
        const run = asRoot
            ? archlint(['check', '--fix', '.'], root, undefined, NOBODY, join(copyOfCli(), 'bin', 'archlint.js'))
            : archlint(['check', '--fix', '.'], root);
        expectOneLineFailure(run, /--fix changed no file: cannot write .*b\.arch \(EACCES\)/);
        expect(readFileSync(join(root, 'a.arch'), 'utf8')).toBe(SPOFS);
    });
});

describe('imports', () => {
    it.each([
        ['/etc/passwd', [], /only \.arch files can be imported/],
        ['./notes.txt', [], /only \.arch files can be imported/],
        ['/dev/zero', [], /only \.arch files can be imported/],
        ['../outside.arch', [], /outside the workspace/],
        ['./device.arch', [], /outside the workspace/],
        ['./device.arch', ['--allow-outside-imports'], /not a regular file/],
    ])('import "%s" %j is one error on the import, not a crash or a read', (path, flags, message) => {
        const root = workspace({ 'main.arch': `import "${path}"\nsystem S { client c service a { replicas 2 } c -> a }\n`, 'notes.txt': 'hello' });
        // A link inside the workspace to a device outside it.
        symlinkSync('/dev/zero', join(root, 'device.arch'));
        const run = archlint([...flags, 'check', '--format', 'json', 'main.arch'], root);
        expect(run.code).toBe(1);
        const diagnostics = JSON.parse(run.stdout).files[0].diagnostics.filter((d: { severity: string }) => d.severity === 'error');
        expect(diagnostics).toHaveLength(1);
        expect(diagnostics[0]).toMatchObject({ rule: 'unknown-reference', range: { start: { line: 0, character: 7 } } });
        expect(diagnostics[0].message).toMatch(message);
    });

    it('may leave the workspace when allowed', () => {
        const root = workspace({ 'ws/main.arch': 'import "../lib.arch"\nsystem S { client c c -> logs }\n', 'lib.arch': 'queue logs\n' });
        expect(archlint(['check', 'main.arch'], join(root, 'ws')).code).toBe(1);
        expect(archlint(['--allow-outside-imports', 'check', 'main.arch'], join(root, 'ws'))).toMatchObject({ code: 0, stdout: '' });
    });
});

describe('unreadable, huge and hostile input', () => {
    it('check /dev/zero is one line, not a read of the device', () => {
        expectOneLineFailure(archlint(['check', '/dev/zero'], workspace({})), /cannot read \/dev\/zero: not a regular file/);
    });

    it('a 20 MB file is refused with the limit in one line', () => {
        const root = workspace({});
        writeFileSync(join(root, 'huge.arch'), `system S {\n${'  service a\n'.repeat(20 * 1024 * 1024 / 12)}}\n`);
        for (const command of [['check'], ['simulate'], ['render']]) {
            expectOneLineFailure(archlint([...command, 'huge.arch'], root), /cannot read .*huge\.arch: 20\.0 MB, over the 2\.0 MB/);
        }
    });

    it.each([['zones', 'zone z { '], ['flow groups', '']])('300 nested %s: check, simulate and render give one clear error', (_what, opener) => {
        const body = opener
            ? `client c\n ${opener.repeat(300)}service a${' }'.repeat(300)}\n c -> a`
            : `client c service a service b\n flow f : c -> ${'{ a -> '.repeat(300)}b${' }'.repeat(300)}`;
        const root = workspace({ 'deep.arch': `system S {\n ${body}\n}\n` });
        const check = archlint(['check', 'deep.arch'], root);
        expect(check.code).toBe(1);
        expect(check.stdout).toMatch(/deeper than 64 levels/);
        expect(check.stderr).toBe('');
        for (const command of ['simulate', 'render']) expectOneLineFailure(archlint([command, 'deep.arch'], root), /deep\.arch:3:\d+: Nested deeper than 64 levels/);
    });

    it('prints no control character from a model on the terminal', () => {
        const root = workspace({ 'evil.arch': 'import "./\u001b]0;pwned\u0007.arch"\nsystem S "\u001b[2J" {\n  service a \u001b[31m\n}\n' });
        const run = archlint(['check', 'evil.arch'], root);
        expect(run.stdout).toMatch(/\\x1b/);
        expect(run.stdout + run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    });

    it('render -o x.pdf is refused before anything is written', () => {
        const root = workspace({ 'm.arch': SPOFS });
        expectOneLineFailure(archlint(['render', 'm.arch', '-o', 'x.pdf'], root), /render writes \.svg, \.png, \.json files/);
        expect(existsSync(join(root, 'x.pdf'))).toBe(false);
    });
});

describe('configuration errors are one line', () => {
    it.each([
        ['bad JSON', '{', /bad\.json: not valid JSON/],
        ['an unknown rule', JSON.stringify({ rules: { spoff: 'off' } }), /unknown rule "spoff" in "rules"\. Did you mean 'spof'\?/],
        ['an unknown level', JSON.stringify({ rules: { spof: 'loud' } }), /rule "spof" has level "loud"; use one of off, info, warning, error/],
        ['an unknown threshold', JSON.stringify({ thresholds: { 'hot-key.utilisaton': 2 } }), /unknown threshold "hot-key\.utilisaton".*Did you mean 'hot-key\.utilisation'\?/],
        ['a folder', undefined, /it is a folder/],
    ])('%s', (_name, config, message) => {
        const root = workspace({ 'm.arch': SPOFS, ...(config === undefined ? { 'bad.json/x': '' } : { 'bad.json': config }) });
        expectOneLineFailure(archlint(['check', '--config', 'bad.json', 'm.arch'], root), message);
    });

    it('a threshold the rules know is used', () => {
        const root = workspace({ 'm.arch': 'system S {\n  workload { rps 1400 }\n  client c\n  service a { replicas 2 capacity 1k rps }\n  c -> a\n}\n', 'low.json': JSON.stringify({ thresholds: { 'capacity-headroom.utilisation': 0.6 } }) });
        expect(archlint(['check', 'm.arch'], root).stdout).toBe('');
        expect(archlint(['check', '--config', 'low.json', 'm.arch'], root).stdout).toMatch(/capacity-headroom/);
    });
});

describe('links and words', () => {
    it('SARIF links every rule to its page in the repository over https', () => {
        const sarif = JSON.parse(archlint(['check', '--format', 'sarif', 'm.arch'], workspace({ 'm.arch': SPOFS })).stdout);
        const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
        const rules = sarif.runs[0].tool.driver.rules as Array<{ id: string; helpUri: string }>;
        for (const rule of rules) expect(rule.helpUri).toBe(`${pkg.repository.url}/blob/main/language-server/rules/${rule.id}.md`);
        for (const rule of rules) expect(existsSync(new URL(`../../language-server/rules/${rule.id}.md`, import.meta.url))).toBe(true);
    });

    it('counts in the right number: 1 warning, 1 request per second', () => {
        const root = workspace({ 'm.arch': 'system S {\n  client c { protocol polling }\n  service a { replicas 2 }\n  c -> a : polling every 1s\n}\n' });
        const run = archlint(['check', '--max-warnings', '0', '--fail-on', 'error', 'm.arch'], root);
        expect(run.stdout).toMatch(/1 request per second per client/);
        const lb = workspace({ 'm.arch': 'system S {\n  client c\n  loadbalancer lb { replicas 2 }\n  service a { replicas 2 }\n  c -> lb -> a\n}\n' });
        expect(archlint(['check', '--max-warnings', '0', 'm.arch'], lb).stderr).toBe('archlint: 1 warning, more than --max-warnings 0.\n');
        expect(statSync(join(lb, 'm.arch')).size).toBeGreaterThan(0);
    });
});
