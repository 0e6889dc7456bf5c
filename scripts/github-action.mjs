// The GitHub Action's step (action.yml): runs `archlint check` on the inputs the action passes as
// INPUT_* variables, from the repository's checkout (the working directory). `github` format
// prints annotations; `sarif` writes the SARIF file for code scanning and names it in the
// `sarif-file` output. The exit code is archlint's: 1 on findings at or above fail-on, 2 on errors.
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ARCHLINT = fileURLToPath(new URL('../bin/archlint.js', import.meta.url));
const FORMATS = ['github', 'sarif'];
const LEVELS = ['error', 'warning', 'info'];

/** Stops the step with a workflow error annotation and exit code 2. */
function fail(message) {
    process.stdout.write(`::error title=archlint::${message}\n`);
    process.exit(2);
}

const input = (name, fallback) => (process.env[`INPUT_${name}`] ?? '').trim() || fallback;
const format = input('FORMAT', 'github');
const failOn = input('FAIL_ON', 'error');
const sarifFile = input('SARIF_FILE', 'archlint.sarif');
// One path per line or separated by spaces, as YAML block scalars and flow strings write them.
const paths = input('PATHS', '.').split(/\s+/).filter(Boolean);

if (!FORMATS.includes(format)) fail(`input format is '${format}'; use one of ${FORMATS.join(', ')}`);
if (!LEVELS.includes(failOn)) fail(`input fail-on is '${failOn}'; use one of ${LEVELS.join(', ')}`);

const args = ['check', '--format', format, '--fail-on', failOn, ...(format === 'sarif' ? ['-o', sarifFile] : []), '--', ...paths];
const run = spawnSync(process.execPath, [ARCHLINT, ...args], { stdio: 'inherit' });
if (run.status === null) fail(`archlint stopped by ${run.signal}`);

if (format === 'sarif' && run.status !== 2) {
    const sarif = JSON.parse(readFileSync(sarifFile, 'utf8'));
    const results = sarif.runs.reduce((n, r) => n + r.results.length, 0);
    process.stdout.write(`archlint: ${results} ${results === 1 ? 'finding' : 'findings'} written to ${sarifFile}\n`);
    if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `sarif-file=${resolve(sarifFile)}\n`);
}
process.exit(run.status);
