/**
 * The CLI and LSP tests spawn the bundle (bin/archlint.js runs dist/cli.cjs), which no test
 * sees change when a source does. Before a run this redoes each build step whose inputs are
 * newer than its outputs, as make would: after `npm run build` nothing is redone, and a bare
 * `npx vitest run` (an editor's test runner) never tests a stale dist/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** One build step: the files it reads, the files it writes, and how to run it. */
interface Step {
    name: string;
    /** Files or folders (searched recursively for files whose names pass `accept`). */
    inputs: readonly string[];
    accept: (file: string) => boolean;
    outputs: readonly string[];
    /** Run in order. */
    commands: readonly (readonly string[])[];
}

const NODE = process.execPath;

const STEPS: readonly Step[] = [
    {
        name: 'generated parser',
        inputs: ['grammar', 'langium-config.json', 'language-server/model/properties.ts', 'scripts/textmate-properties.mjs'],
        accept: (file) => /\.(langium|json|ts|mjs)$/.test(file),
        outputs: ['language-server/generated/ast.ts', 'language-server/generated/grammar.ts', 'language-server/generated/module.ts', 'extension/syntaxes/arch.tmLanguage.json'],
        // The TextMate grammar langium writes lacks the property names and annotations: the script adds them.
        commands: [[NODE, 'node_modules/langium-cli/bin/langium.js', 'generate'], [NODE, 'scripts/textmate-properties.mjs']],
    },
    {
        name: 'rule docs',
        inputs: ['language-server/rules', 'scripts/gen-rule-docs.mjs'],
        accept: (file) => /\.(md|mjs)$/.test(file),
        outputs: ['language-server/rules/rule-docs.generated.ts'],
        commands: [[NODE, 'scripts/gen-rule-docs.mjs']],
    },
    {
        name: 'bundles',
        inputs: ['language-server', 'cli', 'extension', 'bin', 'scripts/bundle.mjs', 'package-lock.json'],
        accept: (file) => /\.(ts|js|mjs|json)$/.test(file),
        outputs: ['dist/cli.cjs', 'dist/cli.cjs.cache', 'dist/server.cjs', 'dist/simulation-worker.cjs', 'dist/extension.cjs', 'dist/elk.bundled.cjs'],
        commands: [[NODE, 'scripts/bundle.mjs']],
    },
];

/** The latest modification time among `path` and the accepted files below it. */
function newest(path: string, accept: (file: string) => boolean): number {
    const stat = statSync(path);
    if (!stat.isDirectory()) return stat.mtimeMs;
    let latest = 0;
    for (const entry of readdirSync(path, { withFileTypes: true })) {
        const child = join(path, entry.name);
        if (entry.isDirectory()) latest = Math.max(latest, newest(child, accept));
        else if (accept(entry.name)) latest = Math.max(latest, statSync(child).mtimeMs);
    }
    return latest;
}

/** Whether a step's outputs are missing or older than any of its inputs. */
function stale(step: Step): boolean {
    if (!step.outputs.every((file) => existsSync(file))) return true;
    const built = Math.min(...step.outputs.map((file) => statSync(file).mtimeMs));
    return step.inputs.some((input) => existsSync(input) && newest(input, step.accept) > built);
}

/** Runs every stale step in order (a later step sees what an earlier one wrote); returns their names. */
export function freshenBuild(): string[] {
    const redone: string[] = [];
    for (const step of STEPS) {
        if (!stale(step)) continue;
        for (const [command, ...args] of step.commands) execFileSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
        redone.push(step.name);
    }
    return redone;
}
