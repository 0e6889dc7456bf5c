import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { archlint, workspace } from './run-cli.js';
import { RULES } from '../../language-server/rules/registry.js';

const CLEAN = 'system S {\n  service a { replicas 2 }\n}\n';
const BROKEN = 'system S {\n  service a { latency 4kg }\n  a -> ghost\n}\n';
const UNKNOWN_PROPERTY = 'system S {\n  service a { hit_ratio 0.5 }\n}\n';

describe('archlint check', () => {
    it('exits 0 and prints nothing on a clean file', () => {
        const root = workspace({ 'ok.arch': CLEAN });
        const run = archlint(['check', 'ok.arch'], root);
        expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });
    });

    it('prints stylish findings and exits 1 on errors', () => {
        const root = workspace({ 'bad.arch': BROKEN });
        const run = archlint(['check', 'bad.arch'], root);
        expect(run.code).toBe(1);
        expect(run.stdout).toContain('bad.arch');
        expect(run.stdout).toMatch(/2:23\s+error\s+.*bad-unit/);
        expect(run.stdout).toMatch(/3:8\s+error\s+.*unknown-reference/);
        expect(run.stdout).toContain('2 problems (2 errors, 0 warnings, 0 infos)');
    });

    it('prints the JSON of cli.md with 0-based ranges', () => {
        const root = workspace({ 'bad.arch': BROKEN });
        const run = archlint(['check', '--format', 'json', 'bad.arch'], root);
        expect(run.code).toBe(1);
        const report = JSON.parse(run.stdout);
        expect(report.summary).toEqual({ errors: 2, warnings: 0, infos: 0, files: 1 });
        expect(report.files[0].path).toBe('bad.arch');
        expect(report.files[0].diagnostics[0]).toEqual({
            rule: 'bad-unit', severity: 'error', message: expect.any(String),
            range: { start: { line: 1, character: 22 }, end: { line: 1, character: 25 } },
        });
    });

    it('prints SARIF 2.1.0 with every rule and 1-based regions', () => {
        const root = workspace({ 'bad.arch': BROKEN });
        const run = archlint(['check', '--format', 'sarif', 'bad.arch'], root);
        expect(run.code).toBe(1);
        const log = JSON.parse(run.stdout);
        expect(log.version).toBe('2.1.0');
        const driver = log.runs[0].tool.driver;
        expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.id));
        expect(driver.rules.every((r: { helpUri: string; shortDescription: { text: string } }) => r.helpUri && r.shortDescription.text)).toBe(true);
        const result = log.runs[0].results[0];
        expect(result).toMatchObject({ ruleId: 'bad-unit', level: 'error' });
        expect(driver.rules[result.ruleIndex].id).toBe('bad-unit');
        expect(result.locations[0].physicalLocation).toEqual({
            artifactLocation: { uri: 'bad.arch', uriBaseId: '%SRCROOT%' },
            region: { startLine: 2, startColumn: 23, endLine: 2, endColumn: 26 },
        });
    });

    it('prints GitHub annotations', () => {
        const root = workspace({ 'bad.arch': BROKEN });
        const run = archlint(['check', '--format', 'github', 'bad.arch'], root);
        expect(run.code).toBe(1);
        const lines = run.stdout.trim().split('\n');
        expect(lines).toHaveLength(2);
        expect(lines[0]).toMatch(/^::error file=bad\.arch,line=2,col=23,endLine=2,endColumn=26,title=bad-unit::.+/);
    });

    it('honours per-rule severities from archlint.config.json found upward, and --fail-on', () => {
        const root = workspace({
            'archlint.config.json': JSON.stringify({ rules: { 'unknown-property': 'warning' } }),
            'designs/deep/x.arch': UNKNOWN_PROPERTY,
        });
        const relaxed = archlint(['check', '--format', 'json', 'designs'], root);
        expect(relaxed.code).toBe(0);
        expect(JSON.parse(relaxed.stdout).summary).toMatchObject({ errors: 0, warnings: 1 });
        expect(archlint(['check', '--fail-on', 'warning', 'designs'], root).code).toBe(1);
        expect(archlint(['check', '--max-warnings', '0', 'designs'], root).code).toBe(1);
        expect(archlint(['check', '--max-warnings', '1', 'designs'], root).code).toBe(0);
    });

    it('turns a rule off from an explicit --config', () => {
        const root = workspace({ 'off.json': JSON.stringify({ rules: { 'unknown-property': 'off' } }), 'x.arch': UNKNOWN_PROPERTY });
        expect(archlint(['check', '--config', 'off.json', 'x.arch'], root)).toMatchObject({ code: 0, stdout: '' });
    });

    it('reports only errors with --quiet', () => {
        const root = workspace({ '.archlintrc.json': JSON.stringify({ rules: { 'unknown-property': 'warning' } }), 'x.arch': UNKNOWN_PROPERTY });
        expect(archlint(['--quiet', 'check', 'x.arch'], root)).toMatchObject({ code: 0, stdout: '' });
    });

    it('writes the report to -o', () => {
        const root = workspace({ 'bad.arch': BROKEN });
        const run = archlint(['check', '--format', 'json', '-o', 'report.json', 'bad.arch'], root);
        expect(run).toMatchObject({ code: 1, stdout: '' });
        expect(JSON.parse(readFileSync(join(root, 'report.json'), 'utf8')).summary.errors).toBe(2);
    });

    it('expands folders recursively and globs', () => {
        const root = workspace({ 'a/one.arch': CLEAN, 'a/b/two.arch': BROKEN, 'a/b/notes.txt': 'x', 'node_modules/dep.arch': BROKEN });
        const all = JSON.parse(archlint(['check', '--format', 'json', '.'], root).stdout);
        expect(all.files.map((f: { path: string }) => f.path)).toEqual(['a/b/two.arch', 'a/one.arch']);
        const glob = JSON.parse(archlint(['check', '--format', 'json', 'a/**/t*.arch'], root).stdout);
        expect(glob.files.map((f: { path: string }) => f.path)).toEqual(['a/b/two.arch']);
    });

    it('follows imports relative to the importing file', () => {
        const root = workspace({ 'main.arch': 'import "./lib/q.arch"\nsystem S { service a\n a -> logs }\n', 'lib/q.arch': 'queue logs\n' });
        expect(archlint(['check', 'main.arch'], root)).toMatchObject({ code: 0, stdout: '' });
    });

    const usageErrors = () => workspace({
        'ok.arch': CLEAN, 'empty/readme.txt': '', 'broken.json': '{', 'unknown-rule.json': JSON.stringify({ rules: { 'no-such-rule': 'off' } }),
    });

    it.each([
        [['check', 'missing.arch'], /^archlint check: cannot read 'missing.arch'/],
        [['check', 'empty'], /^archlint check: no \.arch files match 'empty'/],
        [['check', '--config', 'broken.json', 'ok.arch'], /^archlint check: broken\.json: not valid JSON/],
        [['check', '--config', 'unknown-rule.json', 'ok.arch'], /^archlint check: unknown-rule\.json(:\d+:\d+)?: unknown rule "no-such-rule"/],
    ])('exits 2 with one line on stderr on I/O and configuration errors: %j', (args, message) => {
        const run = archlint(args, usageErrors());
        expect(run.code).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr.endsWith('\n')).toBe(true);
        expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(message)]);
    });

    it.each([
        [['check', '--format', 'xml', 'ok.arch'], /argument 'xml' is invalid/],
        [['check', '--max-warnings', 'many', 'ok.arch'], /expected a whole number/],
        [['nonsense'], /unknown command/],
    ])('exits 2 on usage errors, saying what is wrong first: %j', (args, message) => {
        const run = archlint(args, usageErrors());
        expect(run.code).toBe(2);
        expect(run.stderr.split('\n')[0]).toMatch(message);
        expect(run.stderr).not.toMatch(/internal error/);
    });
});

describe('archlint explain', () => {
    it('prints a rule doc', () => {
        const run = archlint(['explain', 'import-cycle'], process.cwd());
        expect(run.code).toBe(0);
        expect(run.stdout).toContain('import-cycle');
    });

    it('lists every rule', () => {
        const run = archlint(['explain', '--list'], process.cwd());
        expect(run.code).toBe(0);
        for (const rule of RULES) expect(run.stdout).toContain(rule.id);
    });

    it('exits 2 on an unknown rule', () => {
        const run = archlint(['explain', 'no-such-rule'], process.cwd());
        expect(run.code).toBe(2);
        expect(run.stderr).toContain("unknown rule 'no-such-rule'");
    });
});

describe('archlint check --fix', () => {
    const SPOF = [
        'system S {',
        '  workload { rps 100 }',
        '  client web',
        '  loadbalancer lb { replicas 2 health_check every 5s timeout 1s unhealthy_after 3 }',
        '  service api { replicas 1 capacity 1k rps latency 2ms }',
        '  web -> lb -> api',
        '}',
        '',
    ].join('\n');

    it('reports fixes in JSON with the edit that applies them', () => {
        const root = workspace({ 'x.arch': SPOF });
        const report = JSON.parse(archlint(['check', '--format', 'json', 'x.arch'], root).stdout);
        const spof = report.files[0].diagnostics.find((d: { rule: string }) => d.rule === 'spof');
        expect(spof).toMatchObject({ component: 'api', range: { start: { line: 4, character: 16 }, end: { line: 4, character: 26 } } });
        expect(spof.fixes[0].edits).toEqual([{ uri: expect.stringMatching(/x\.arch$/), range: spof.range, newText: 'replicas 2' }]);
    });

    it('applies the fixes in place and reports what is left', () => {
        const root = workspace({ 'x.arch': SPOF });
        const run = archlint(['check', '--fix', 'x.arch'], root);
        expect(run).toMatchObject({ code: 0, stdout: '' });
        expect(readFileSync(join(root, 'x.arch'), 'utf8')).toBe(SPOF.replace('api { replicas 1', 'api { replicas 2'));
    });
});
