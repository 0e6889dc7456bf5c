/**
 * Cold CLI runs, Node start included: 100 files x 200 lines, and one 5k-component model beside
 * LikeC4 1.46 `validate` on a model of the same element and relation count (its peer figure).
 * The peer runs only where `npm run bench:peers` installed it in .bench-peers/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSystem } from './generate.js';
import { measure, type BenchRow } from './common.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'archlint.js');
const LIKEC4 = join(ROOT, '.bench-peers', 'node_modules', '.bin', 'likec4');

/** Runs a command and ignores its exit code (findings exit 1). */
function run(command: string, args: string[], cwd: string): void {
    try {
        execFileSync(command, args, { cwd, stdio: 'ignore' });
    } catch (error) {
        if ((error as { status?: number }).status === undefined) throw error;
    }
}

/** An Arch model shaped like the LikeC4 one below: one line per element and per relation. */
function compactArchModel(elements: number): string {
    const lines = ['system Big {'];
    for (let i = 0; i < elements; i++) lines.push(`  service s${i} "Component ${i}"`);
    for (let i = 1; i < elements; i++) lines.push(`  s${i - 1} -> s${i}`);
    lines.push('}');
    return lines.join('\n');
}

/** A LikeC4 model with `elements` elements and `elements - 1` relations. */
function likec4Model(elements: number): string {
    const lines = ['specification {', '  element service', '}', 'model {'];
    for (let i = 0; i < elements; i++) lines.push(`  s${i} = service 'Component ${i}'`);
    for (let i = 1; i < elements; i++) lines.push(`  s${i - 1} -> s${i}`);
    lines.push('}', 'views {', '  view index {', '    include *', '  }', '}');
    return lines.join('\n');
}

/** Cold-start figures of `archlint check`. */
export async function bench(): Promise<BenchRow[]> {
    const root = mkdtempSync(join(tmpdir(), 'archlint-bench-'));
    const many = join(root, 'many');
    mkdirSync(many);
    for (let i = 0; i < 100; i++) writeFileSync(join(many, `s${i}.arch`), generateSystem(`S${i}`, 23));
    const big = join(root, 'big');
    mkdirSync(big);
    writeFileSync(join(big, 'big.arch'), generateSystem('Big', 5000));
    const compact = join(root, 'compact');
    mkdirSync(compact);
    writeFileSync(join(compact, 'compact.arch'), compactArchModel(5000));

    const rows: BenchRow[] = [];
    rows.push({ name: 'archlint check cold, 100 files x ~200 lines', ...(await measure(() => run(process.execPath, [BIN, 'check', many, '--format', 'json'], root), { warmup: 1, runs: 5 })), bar: '≤ 2 s wall (quality.md)' });
    rows.push({ name: 'archlint check cold, one 5k-component model with zones, properties and flows (~30k lines)', ...(await measure(() => run(process.execPath, [BIN, 'check', big, '--format', 'json'], root), { warmup: 1, runs: 5 })) });
    const ours = await measure(() => run(process.execPath, [BIN, 'check', compact, '--format', 'json'], root), { warmup: 1, runs: 5 });
    rows.push({ name: 'archlint check cold, 5k components + 5k connections (one line each)', ...ours });
    if (existsSync(LIKEC4)) {
        const peer = join(root, 'likec4');
        mkdirSync(peer);
        writeFileSync(join(peer, 'model.c4'), likec4Model(5000));
        // `--skip-layout` would swallow the next path (toolchain.md), so the path goes first.
        const theirs = await measure(() => run(LIKEC4, ['validate', peer, '--skip-layout'], root), { warmup: 1, runs: 3 });
        rows.push({ name: 'peer: likec4 1.46 validate --skip-layout, 5k elements', ...theirs, note: `archlint is ${(theirs.medianMs / ours.medianMs).toFixed(1)}x faster (bar ≥ 5x)` });
    } else {
        rows.push({ name: 'peer: likec4 not installed (npm run bench:peers installs it in .bench-peers/)', medianMs: NaN, runs: 0 });
    }
    return rows;
}
