/**
 * Cold CLI runs, Node start included, each beside its limit or peer in the same run: a one-line
 * file beside `node -e 0`, 100 files x 200 lines, a 5k-component model, and the peer
 * benchmark's architecture (gen-peer.ts) beside LikeC4 1.46 `validate --skip-layout` on the
 * same architecture. The peer runs only where `npm run bench:peers` installed it in
 * .bench-peers/. Peak memory of the large checks comes from the child's own resource usage.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSystem } from './generate.js';
import { generatePeerModels } from './gen-peer.js';
import { measure, type BenchRow } from './common.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'archlint.js');
const LIKEC4 = join(ROOT, '.bench-peers', 'node_modules', '.bin', 'likec4');

/** Runs a command and ignores its exit code (findings exit 1). */
function run(command: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv): void {
    try {
        execFileSync(command, args, { cwd, stdio: 'ignore', env });
    } catch (error) {
        if ((error as { status?: number }).status === undefined) throw error;
    }
}

/** Peak resident memory of `archlint check <path>` in MB, read by a preloaded script as the process exits. */
function peakRssMb(root: string, path: string): number {
    const preload = join(root, 'peak-rss.cjs');
    const out = join(root, 'peak-rss.txt');
    writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, String(process.resourceUsage().maxRSS)));`);
    rmSync(out, { force: true });
    run(process.execPath, ['--require', preload, BIN, 'check', path, '--format', 'json'], root);
    return Number(readFileSync(out, 'utf8')) / 1024;
}

/** Cold-start figures of `archlint check`. */
export async function bench(): Promise<BenchRow[]> {
    const root = mkdtempSync(join(tmpdir(), 'archlint-bench-'));
    const tiny = join(root, 'tiny.arch');
    writeFileSync(tiny, 'system Tiny { service api }\n');
    const many = join(root, 'many');
    mkdirSync(many);
    for (let i = 0; i < 100; i++) writeFileSync(join(many, `s${i}.arch`), generateSystem(`S${i}`, 23));
    const big = join(root, 'big.arch');
    writeFileSync(big, generateSystem('Big', 5000));
    const peerModels = generatePeerModels(5000);
    const peerArch = join(root, 'peer.arch');
    writeFileSync(peerArch, peerModels.arch);

    const rows: BenchRow[] = [];
    // Interleaved, so that both see the same load.
    const node: number[] = [], check: number[] = [];
    const timed = (into: number[], command: string, args: string[]) => {
        const start = performance.now();
        run(command, args, root);
        into.push(performance.now() - start);
    };
    for (let i = 0; i < 2; i++) timed([], process.execPath, [BIN, 'check', tiny]);
    for (let i = 0; i < 15; i++) {
        timed(node, process.execPath, ['-e', '0']);
        timed(check, process.execPath, [BIN, 'check', tiny]);
    }
    const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
    rows.push({ name: 'limit: node -e 0', medianMs: median(node), runs: node.length });
    rows.push({
        name: 'archlint check cold, a one-line file', medianMs: median(check), runs: check.length,
        bar: '≤ 150 ms, ≤ 2.2x node -e 0 (quality.md)', note: `${(median(check) / median(node)).toFixed(2)}x node -e 0`,
    });
    rows.push({ name: 'archlint check cold, 100 files x ~200 lines', ...(await measure(() => run(process.execPath, [BIN, 'check', many, '--format', 'json'], root), { warmup: 1, runs: 5 })), bar: '≤ 2 s wall (quality.md)' });
    rows.push({
        name: 'archlint check cold, one 5k-component model with zones, properties and flows (~30k lines)',
        ...(await measure(() => run(process.execPath, [BIN, 'check', big, '--format', 'json'], root), { warmup: 1, runs: 5 })),
        note: `peak RSS ${peakRssMb(root, big).toFixed(0)} MB (bar ≤ 200 MB)`,
    });
    const ours = await measure(() => run(process.execPath, [BIN, 'check', peerArch, '--format', 'json'], root), { warmup: 1, runs: 5 });
    rows.push({
        name: `archlint check cold, peer model: ${peerModels.elements} components in zones, ${peerModels.relations} connections`, ...ours,
        note: `peak RSS ${peakRssMb(root, peerArch).toFixed(0)} MB (bar ≤ 200 MB)`,
    });
    if (existsSync(LIKEC4)) {
        const peer = join(root, 'likec4');
        mkdirSync(peer);
        writeFileSync(join(peer, 'model.c4'), peerModels.likec4);
        // `--skip-layout` would swallow the next path (toolchain.md), so the path goes first.
        const theirs = await measure(() => run(LIKEC4, ['validate', peer, '--skip-layout'], root), { warmup: 1, runs: 3 });
        rows.push({ name: 'peer: likec4 1.46 validate --skip-layout, the same model', ...theirs, note: `archlint is ${(theirs.medianMs / ours.medianMs).toFixed(1)}x faster (bar ≥ 5x)` });
    } else {
        rows.push({ name: 'peer: likec4 not installed (npm run bench:peers installs it in .bench-peers/)', medianMs: NaN, runs: 0 });
    }
    rmSync(root, { recursive: true, force: true });
    return rows;
}
