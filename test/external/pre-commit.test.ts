/**
 * The pre-commit hook through the real `pre-commit` (Debian's package, installed by .ci/run):
 * `pre-commit try-repo` installs the hook from this repository as pre-commit does for users (a
 * node environment, `npm pack`, a global install of the packed copy) and runs it on the staged
 * files of a scratch git repository: a bad model fails the commit, a good one passes, and files
 * that are not staged or not .arch are never checked.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';

const REPO = process.cwd();
const BAD = 'system S {\n  client c\n  service api\n  c -> api\n}\n';
const GOOD = 'system T {\n  client c\n  service api { replicas 2 }\n  c -> api\n}\n';

const version = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
if (version.error) throw new Error('pre-commit is not installed: `apt-get install -y pre-commit` (as .ci/run does), then run `npm run test:external`');

/** A scratch repository and pre-commit's cache, shared by the tests (the hook installs once). */
const home = tempDir('pre-commit-home-');
const scratch = tempDir('pre-commit-');

function git(...args: string[]) {
    const run = spawnSync('git', args, { cwd: scratch, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
}

function tryRepo() {
    const run = spawnSync('pre-commit', ['try-repo', REPO, 'archlint', '--color', 'never'], {
        cwd: scratch, encoding: 'utf8', env: { ...process.env, PRE_COMMIT_HOME: home },
    });
    return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

beforeAll(() => {
    git('init', '-q');
    git('config', 'user.email', 'test@archlint.test');
    git('config', 'user.name', 'test');
    writeFileSync(join(scratch, 'bad.arch'), BAD);
    writeFileSync(join(scratch, 'good.arch'), GOOD);
    writeFileSync(join(scratch, 'notes.txt'), 'system X { service }\n');
});

describe(`the pre-commit hook (${version.stdout.trim()})`, () => {
    it('fails on a staged bad model and names only it', () => {
        git('add', 'bad.arch', 'good.arch', 'notes.txt');
        const run = tryRepo();
        expect(run.code, run.output).toBe(1);
        expect(run.output).toMatch(/archlint\.+Failed/);
        expect(run.output).toMatch(/bad\.arch\n\s+3:11\s+error\s+.*spof/);
        expect(run.output).not.toContain('good.arch');
        expect(run.output).not.toContain('notes.txt');
    }, 900_000);

    it('passes when the staged models are good, whatever is left unstaged', () => {
        git('rm', '-q', '--cached', 'bad.arch');
        const run = tryRepo();
        expect(run.code, run.output).toBe(0);
        expect(run.output).toMatch(/archlint\.+Passed/);
    }, 900_000);
});
