/** Spawns the real built CLI (`npm run build` first) and captures what it prints. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../support/temp-dir.js';

const BIN = fileURLToPath(new URL('../../bin/archlint.js', import.meta.url));

/** The result of one CLI run. */
export interface CliRun { code: number | null; stdout: string; stderr: string }

/** Runs `archlint ...args` in `cwd`, as the user `as` where given (root may run it as another user). */
export function archlint(args: string[], cwd: string, input?: string, as?: { uid: number; gid: number }): CliRun {
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' }, ...as });
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
