#!/usr/bin/env node
/**
 * Starts the bundled CLI (dist/cli.cjs) with the V8 code cache the build made of it
 * (scripts/bundle.mjs): compiling ~1 MB of JavaScript on every start cost a third of a check
 * of a small file. The cache carries a checksum that V8 verifies, so a cache that is missing,
 * made by another Node version or damaged only means compiling as usual (V8 crashes on a
 * damaged cache it does not verify).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Script, constants } from 'node:vm';

const bundle = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.cjs');
const cache = `${bundle}.cache`;
// Set by the build only: the run whose compiled functions the cache keeps.
const writeCache = process.env.ARCHLINT_WRITE_CODE_CACHE === '1';

/**
 * Runs `step` with V8's code cache checksums on: made and verified under the same flags (V8
 * rejects a cache made under others), and off again for Node's own modules' caches.
 */
function withChecksums(step) {
    setFlagsFromString('--verify-snapshot-checksum');
    try {
        return step();
    } finally {
        setFlagsFromString('--no-verify-snapshot-checksum');
    }
}

const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(bundle, 'utf8')}\n})`;
const cachedData = !writeCache && existsSync(cache) ? readFileSync(cache) : undefined;
const script = withChecksums(() => new Script(source, { filename: bundle, cachedData, importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER }));
if (process.env.ARCHLINT_DEBUG_CODE_CACHE === '1') {
    process.stderr.write(`code cache: ${cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'used'}\n`);
}
if (writeCache) {
    process.once('exit', () => {
        const partial = `${cache}.${process.pid}`;
        writeFileSync(partial, withChecksums(() => script.createCachedData()));
        renameSync(partial, cache);
    });
}
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
