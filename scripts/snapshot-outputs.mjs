// Writes what `archlint check --format json`, `simulate --analytic --format json`, a short
// seeded `simulate --format json`, `render --json` and every `export` format print for each
// model, one file per model and command, so that a refactoring can be shown to change nothing:
// snapshot before, snapshot after, `diff -r`. Runs the compiled sources in out/ (`npx tsc -p
// tsconfig.json` first) in one process, as the CLI's commands run them.
//
//   node scripts/snapshot-outputs.mjs OUT_DIR [MODEL_DIR_OR_FILE...]
//
// Models: samples/**, test/**/*.arch and whatever else is named (a folder of extracted models, say).
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = (path) => import(join(root, 'out', path));
const { runCheck } = await out('cli/commands/check.js');
const { runSimulate } = await out('cli/commands/simulate.js');
const { runRender } = await out('cli/commands/render.js');
const { runExport } = await out('cli/commands/export.js');
const { runCommand } = await out('cli/run-command.js');

const [target, ...extra] = process.argv.slice(2);
if (!target) {
    console.error('usage: node scripts/snapshot-outputs.mjs OUT_DIR [MODEL_DIR_OR_FILE...]');
    process.exit(2);
}

function archFiles(path) {
    if (statSync(path).isFile()) return path.endsWith('.arch') ? [path] : [];
    return readdirSync(path).sort().flatMap((name) => (name === 'node_modules' ? [] : archFiles(join(path, name))));
}

const files = [...archFiles(join(root, 'samples')), ...archFiles(join(root, 'test')), ...extra.flatMap(archFiles)];
mkdirSync(target, { recursive: true });

async function capture(command, action) {
    let stdout = '', stderr = '';
    const io = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false, color: false };
    const code = await runCommand(command, action, io);
    return `exit ${code}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`;
}

for (const file of files) {
    const name = relative(root, file).replace(/^\.\.\//, '').replace(/[/\\]/g, '__');
    const systems = [...readFileSync(file, 'utf8').matchAll(/^\s*system\s+(\w+)/gm)].map((m) => m[1]);
    const outputs = { check: await capture('check', (io) => runCheck([file], { format: 'json', failOn: 'error', fix: false, quiet: false }, io, '0')) };
    for (const system of systems.length ? systems : [undefined]) {
        const suffix = system && systems.length > 1 ? `.${system}` : '';
        outputs[`analytic${suffix}`] = await capture('simulate', (io) => runSimulate(file, { system, analytic: true, format: 'json' }, io));
        outputs[`simulate${suffix}`] = await capture('simulate', (io) => runSimulate(file, { system, duration: '3s', seed: 7, format: 'json' }, io));
        outputs[`render${suffix}`] = await capture('render', (io) => runRender(file, { system, json: true, theme: 'light' }, io));
        for (const format of ['mermaid', 'd2', 'plantuml', 'likec4']) {
            outputs[`${format}${suffix}`] = await capture('export', (io) => runExport(file, { system, format, direction: 'right' }, io));
        }
    }
    for (const [command, text] of Object.entries(outputs)) writeFileSync(join(target, `${name}.${command}`), text.split(root).join('<root>/'));
}
console.log(`${files.length} models written to ${target}`);
