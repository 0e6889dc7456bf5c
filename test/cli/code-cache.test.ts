/**
 * bin/archlint.js starts the bundle from the V8 code cache the build wrote beside it. Whatever
 * that file holds (nothing, another bundle's cache, damage), a check must print the same as a
 * start without it. Runs a copy of the built CLI, so that the real cache is never touched.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyOfCli } from './run-cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** A model with a language error and design findings, so that the rules' code runs too. */
const MODEL_TEXT = 'system S {\n  workload { rps 5k }\n  client c\n  service api { capacity 1k rps latency 4ms }\n  database db\n  c -> api -> db\n  api -> ghost\n}\n';

let copy: string;
let cache: string;
let intact: Buffer;

/** Checks the sample with the copied CLI; returns what it printed and whether it used the cache. */
function check(): { code: number | null; stdout: string; stderr: string; cache: string | undefined } {
    const run = spawnSync(process.execPath, [join(copy, 'bin', 'archlint.js'), 'check', '--format', 'json', join(copy, 'model.arch')], {
        encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ARCHLINT_DEBUG_CODE_CACHE: '1' },
    });
    const status = /^code cache: (\w+)\n/.exec(run.stderr);
    return { code: run.status, stdout: run.stdout, stderr: run.stderr.replace(/^code cache: \w+\n/, ''), cache: status?.[1] };
}

beforeAll(() => {
    copy = copyOfCli();
    writeFileSync(join(copy, 'model.arch'), MODEL_TEXT);
    cache = join(copy, 'dist', 'cli.cjs.cache');
    intact = readFileSync(join(ROOT, 'dist', 'cli.cjs.cache'));
});

describe('the code cache', () => {
    it('is used when intact, and a start without it prints the same', () => {
        writeFileSync(cache, intact);
        const withCache = check();
        rmSync(cache);
        const without = check();
        expect(withCache.cache).toBe('used');
        expect(without.cache).toBe('none');
        expect(without.code).toBe(1);
        expect(without.stdout).toContain('unknown-reference');
        expect(without.stdout).toContain('capacity-exceeded');
        expect(withCache).toEqual({ ...without, cache: 'used' });
    });

    const damages: Record<string, (bytes: Buffer) => Buffer> = {
        'bytes flipped through its body': (bytes) => {
            const damaged = Buffer.from(bytes);
            for (let i = 4096; i < damaged.length; i += 997) damaged[i] ^= 0x5a;
            return damaged;
        },
        'cut in half': (bytes) => bytes.subarray(0, bytes.length >> 1),
        'empty': () => Buffer.alloc(0),
        'text': () => Buffer.from('not a code cache\n'),
        'a header without a body': (bytes) => bytes.subarray(0, 64),
    };
    for (const [name, damage] of Object.entries(damages)) {
        it(`damaged (${name}) is rejected and the check prints the same`, () => {
            rmSync(cache, { force: true });
            const expected = check();
            writeFileSync(cache, damage(intact));
            expect(check()).toEqual({ ...expected, cache: 'rejected' });
        });
    }

    it('made for another bundle is rejected and the check prints the same', () => {
        writeFileSync(cache, intact);
        appendFileSync(join(copy, 'dist', 'cli.cjs'), '\n// another build\n');
        try {
            rmSync(cache);
            const expected = check();
            writeFileSync(cache, intact);
            expect(check()).toEqual({ ...expected, cache: 'rejected' });
        } finally {
            copyFileSync(join(ROOT, 'dist', 'cli.cjs'), join(copy, 'dist', 'cli.cjs'));
        }
    });
});
