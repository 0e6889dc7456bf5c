/**
 * The GitHub Action, run here the way the runner runs it: action.yml's `archlint check` step,
 * with its `env:` filled from the inputs a workflow gives (or the defaults action.yml declares),
 * `GITHUB_ACTION_PATH` at this repository and `GITHUB_OUTPUT` in a temporary file, in a checkout
 * holding a bad and a good model. Only the steps before it (setup-node, npm ci) are left out:
 * they install what `npm ci` already installed here.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { workspace } from '../cli/run-cli.js';

interface Step { id?: string; uses?: string; run?: string; shell?: string; env?: Record<string, string> }
interface Action {
    runs: { using: string; steps: Step[] };
    inputs: Record<string, { default?: string }>;
    outputs: Record<string, { value: string }>;
}

const REPO = process.cwd();
const action = load(readFileSync(join(REPO, 'action.yml'), 'utf8')) as Action;
const BAD = 'system S {\n  client c\n  service api\n  c -> api\n}\n';
const GOOD = 'system T {\n  client c\n  service api { replicas 2 }\n  c -> api\n}\n';
const WARNS = 'system W {\n  client c\n  service api { replicas 2 }\n  database db { replicas 2 indexes [a, b, c, d] write_ratio 0.9 }\n  c -> api\n  api -> db\n}\n';

/** Runs the action's check step with `inputs` in a checkout of `files`. */
function runAction(inputs: Record<string, string>, files: Record<string, string> = { 'models/bad.arch': BAD, 'models/good.arch': GOOD }) {
    const step = action.runs.steps.find((s) => s.id === 'check')!;
    const root = workspace(files);
    const output = join(root, '.github-output');
    writeFileSync(output, '');
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(step.env ?? {})) {
        env[name] = value.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, input: string) => inputs[input] ?? action.inputs[input]?.default ?? '');
    }
    const run = spawnSync(step.shell!, ['-c', step.run!], {
        cwd: root, encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_ACTION_PATH: REPO, GITHUB_OUTPUT: output, ...env },
    });
    const outputs = Object.fromEntries(readFileSync(output, 'utf8').split('\n').filter(Boolean).map((line) => line.split(/=(.*)/s).slice(0, 2)));
    return { code: run.status, stdout: run.stdout, stderr: run.stderr, outputs, root };
}

describe('action.yml', () => {
    it('is a composite action that installs archlint and then runs the check step with the inputs', () => {
        expect(action.runs.using).toBe('composite');
        expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['format', 'paths', 'fail-on']));
        expect(action.inputs.format.default).toBe('github');
        expect(action.runs.steps.map((s) => s.uses ?? s.id ?? s.run)).toEqual(['actions/setup-node@v4', expect.stringMatching(/^npm ci --prefix "\$GITHUB_ACTION_PATH"/), 'check']);
        expect(action.outputs['sarif-file'].value).toBe('${{ steps.check.outputs.sarif-file }}');
    });

    it('annotates findings by default and fails on errors', () => {
        const run = runAction({});
        expect(run.code).toBe(1);
        expect(run.stdout.trim().split('\n')).toEqual([
            expect.stringMatching(/^::error file=models\/bad\.arch,line=3,col=11,endLine=3,endColumn=14,title=spof::api has 1 replica/),
        ]);
        expect(run.outputs).toEqual({});
    });

    it('passes on a clean model', () => {
        expect(runAction({ paths: 'models/good.arch' })).toMatchObject({ code: 0, stdout: '' });
    });

    it('writes SARIF for code scanning and names the file in the sarif-file output', () => {
        const run = runAction({ format: 'sarif' });
        expect(run.code).toBe(1);
        expect(run.outputs).toEqual({ 'sarif-file': join(run.root, 'archlint.sarif') });
        const sarif = JSON.parse(readFileSync(run.outputs['sarif-file'], 'utf8'));
        expect(sarif.version).toBe('2.1.0');
        expect(sarif.runs[0].results.map((r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri]))
            .toEqual([['spof', 'models/bad.arch']]);
        expect(run.stdout).toContain('archlint: 1 finding written to archlint.sarif');
    });

    it('fails on warnings only when fail-on says so, and takes several paths', () => {
        const files = { 'a.arch': WARNS, 'b/c.arch': GOOD };
        expect(runAction({ paths: 'a.arch\nb', 'fail-on': 'error' }, files)).toMatchObject({ code: 0 });
        const strict = runAction({ paths: 'a.arch b', 'fail-on': 'info' }, files);
        expect(strict.code).toBe(1);
        expect(strict.stdout).toMatch(/^::notice file=a\.arch,.*title=index-write-heavy::/m);
    });

    it('stops with one error annotation and exit 2 on a bad input or path', () => {
        expect(runAction({ format: 'xml' })).toMatchObject({ code: 2, stdout: "::error title=archlint::input format is 'xml'; use one of github, sarif\n" });
        expect(runAction({ 'fail-on': 'never' }).stdout).toMatch(/input fail-on is 'never'/);
        const missing = runAction({ paths: 'nowhere' });
        expect(missing.code).toBe(2);
        expect(missing.stderr).toMatch(/cannot read 'nowhere'/);
    });
});
