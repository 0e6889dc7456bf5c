/** Finds this package's root folder, from compiled (out/) and bundled (dist/) code alike. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding archlint's package.json above `moduleUrl`, or undefined (e.g. in a CJS bundle). */
export function packageRoot(moduleUrl: string | undefined): string | undefined {
    if (!moduleUrl?.startsWith('file:')) return undefined;
    for (let dir = dirname(fileURLToPath(moduleUrl)); dirname(dir) !== dir; dir = dirname(dir)) {
        if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'language-server'))) return dir;
    }
    return undefined;
}
