/** Spawns the real built CLI (`npm run build` first) and captures what it prints. */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../support/temp-dir.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'archlint.js');

/** The result of one CLI run. */
export interface CliRun { code: number | null; stdout: string; stderr: string }

/** Runs `archlint ...args` in `cwd`, as the user `as` where given (root may run it as another user), with the CLI at `bin`. */
export function archlint(args: string[], cwd: string, input?: string, as?: { uid: number; gid: number }, bin = BIN): CliRun {
    const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' }, ...as });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary folder holding `files` (relative path -> text). */
export function workspace(files: Record<string, string>): string {
    const root = tempDir();
    for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
    }
    return root;
}

/**
 * A copy of the built CLI (bin, bundle and package.json; no code cache) in a fresh folder that
 * every user may read: for a run as another user, who may not reach this checkout (a clone in
 * a private temporary folder), or for a test that damages the cache. Returns the folder.
 */
export function copyOfCli(): string {
    const copy = tempDir('cli-');
    // The bundle finds its version in the package.json beside the language-server folder.
    for (const dir of ['bin', 'dist', 'language-server']) mkdirSync(join(copy, dir));
    for (const file of ['package.json', 'bin/archlint.js', 'dist/cli.cjs']) copyFileSync(join(ROOT, file), join(copy, file));
    chmodSync(copy, 0o755);
    return copy;
}
