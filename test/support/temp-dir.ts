/** Temporary folders for tests, removed after each test file (see temp-cleanup.ts). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/** A fresh folder under the system's temp folder, named `archlint-<prefix>…`. */
export function tempDir(prefix = ''): string {
    const dir = mkdtempSync(join(tmpdir(), `archlint-${prefix}`));
    made.push(dir);
    return dir;
}

/** Removes every folder `tempDir` made in this test file. */
export function removeTempDirs(): void {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
