/**
 * Cold CLI runs, Node start included, each beside its limit or peer in the same run and in
 * turns: a one-line file beside `node -e 0` and `likec4 --version`, 100 files x 200 lines, a
 * 5k-component model, and the peer benchmark's architecture (gen-peer.ts) beside LikeC4 1.46
 * `validate --skip-layout` on the same architecture. The peer runs only where `npm run bench:peers` installed it in
 * .bench-peers/. Peak memory of the large checks comes from the child's own resource usage.
 */
import { execFileSync, spawnSync } from 'node:child_process';
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

/** A program and its arguments. */
type Command = [string, string[]];

/** Wall-clock medians of cold runs of `commands`, taken in turns so that all of them see the same load. */
function interleaved(cwd: string, commands: Command[], { warmup, runs }: { warmup: number; runs: number }): Array<{ medianMs: number; runs: number }> {
    const times = commands.map((): number[] => []);
    for (let i = 0; i < warmup + runs; i++) {
        for (const [j, [command, args]] of commands.entries()) {
            const start = performance.now();
            run(command, args, cwd);
            if (i >= warmup) times[j].push(performance.now() - start);
        }
    }
    return times.map((t) => ({ medianMs: [...t].sort((a, b) => a - b)[Math.floor(t.length / 2)], runs }));
}

/** The number of findings `archlint check` reports on `path`. */
function findingCount(cwd: string, path: string): number {
    const result = spawnSync(process.execPath, [BIN, 'check', path, '--format', 'json'], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
    const { summary } = JSON.parse(result.stdout) as { summary: { errors: number; warnings: number; infos: number } };
    return summary.errors + summary.warnings + summary.infos;
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

    const hasPeer = existsSync(LIKEC4);
    const peer = join(root, 'likec4');
    mkdirSync(peer);
    writeFileSync(join(peer, 'model.c4'), peerModels.likec4);

    const rows: BenchRow[] = [];
    const oneLine = interleaved(root, [
        [process.execPath, ['-e', '0']],
        [process.execPath, [BIN, 'check', tiny]],
        ...(hasPeer ? [[LIKEC4, ['--version']] as Command] : []),
    ], { warmup: 2, runs: 15 });
    const [node, check, version] = oneLine;
    rows.push({ name: 'limit: node -e 0', ...node });
    rows.push({
        name: 'archlint check cold, a one-line file', ...check,
        bar: '≤ 150 ms, ≤ 2.2x node -e 0 (quality.md)', note: `${(check.medianMs / node.medianMs).toFixed(2)}x node -e 0`,
    });
    if (version) rows.push({ name: 'peer: likec4 1.46 --version', ...version, note: `${(version.medianMs / node.medianMs).toFixed(2)}x node -e 0` });
    rows.push({ name: 'archlint check cold, 100 files x ~200 lines', ...(await measure(() => run(process.execPath, [BIN, 'check', many, '--format', 'json'], root), { warmup: 1, runs: 5 })), bar: '≤ 2 s wall (quality.md)' });
    rows.push({
        name: 'archlint check cold, one 5k-component model with zones, properties and flows (~30k lines)',
        ...(await measure(() => run(process.execPath, [BIN, 'check', big, '--format', 'json'], root), { warmup: 1, runs: 5 })),
        note: `peak RSS ${peakRssMb(root, big).toFixed(0)} MB (bar ≤ 200 MB)`,
    });
    // `--skip-layout` would swallow the next path (toolchain.md), so the path goes first.
    const [ours, theirs] = interleaved(root, [
        [process.execPath, [BIN, 'check', peerArch, '--format', 'json']],
        ...(hasPeer ? [[LIKEC4, ['validate', peer, '--skip-layout']] as Command] : []),
    ], { warmup: 1, runs: 5 });
    rows.push({
        name: `archlint check cold, peer model: ${peerModels.elements} components in zones, ${peerModels.relations} connections`, ...ours,
        note: `${findingCount(root, peerArch)} findings; peak RSS ${peakRssMb(root, peerArch).toFixed(0)} MB (bar ≤ 200 MB)`,
    });
    if (theirs) {
        rows.push({ name: 'peer: likec4 1.46 validate --skip-layout, the same model', ...theirs, note: `archlint is ${(theirs.medianMs / ours.medianMs).toFixed(1)}x faster (bar ≥ 5x)` });
    } else {
        rows.push({ name: 'peer: likec4 not installed (npm run bench:peers installs it in .bench-peers/)', medianMs: NaN, runs: 0 });
    }
    rmSync(root, { recursive: true, force: true });
    return rows;
}
