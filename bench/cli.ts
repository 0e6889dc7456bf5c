/**
 * Cold CLI runs, Node start included, each beside its limit or peer in the same run and in
 * turns: a one-line file beside `node -e 0` and `likec4 --version`, 100 files x 200 lines, a
 * 5k-component model, and the peer benchmark's architecture (gen-peer.ts) beside LikeC4 1.46
 * `validate --skip-layout` on the same architecture. The peer runs only where `npm run
 * bench:peers` installed it in .bench-peers/. CPU time and peak memory come from each Node
 * process's own resource usage, written by a script preloaded through NODE_OPTIONS as it exits.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSystem } from './generate.js';
import { generatePeerModels } from './gen-peer.js';
import { median, type BenchRow } from './common.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'archlint.js');
const LIKEC4 = join(ROOT, '.bench-peers', 'node_modules', '.bin', 'likec4');

/** A program and its arguments. */
type Command = [string, string[]];

/** Medians of cold runs of one command, with the peak resident memory of its Node processes. */
interface ColdRuns { medianMs: number; cpuMs: number; peakRssMb: number; runs: number }

/**
 * Runs `command` and ignores its exit code (findings exit 1); returns the CPU time (ms) and the
 * largest peak RSS (MB) its Node processes reported through the preloaded script.
 */
function run([command, args]: Command, cwd: string, preload: string): { cpuMs: number; peakRssMb: number } {
    const usage = join(cwd, 'usage.txt');
    rmSync(usage, { force: true });
    const env = { ...process.env, NODE_OPTIONS: `--require ${preload}`, ARCHLINT_BENCH_USAGE: usage };
    try {
        execFileSync(command, args, { cwd, stdio: 'ignore', env });
    } catch (error) {
        if ((error as { status?: number }).status === undefined) throw error;
    }
    const lines = readFileSync(usage, 'utf8').trim().split('\n').map((line) => line.split(' ').map(Number));
    return { cpuMs: lines.reduce((sum, [cpu]) => sum + cpu, 0) / 1000, peakRssMb: Math.max(...lines.map(([, rss]) => rss)) / 1024 };
}

/** Wall-clock, CPU and memory medians of cold runs of `commands`, taken in turns so that all of them see the same load. */
function interleaved(cwd: string, commands: Command[], { warmup, runs }: { warmup: number; runs: number }): ColdRuns[] {
    const preload = join(cwd, 'usage.cjs');
    writeFileSync(preload, "process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').appendFileSync(process.env.ARCHLINT_BENCH_USAGE, `${u.userCPUTime + u.systemCPUTime} ${u.maxRSS}\\n`); });\n");
    const measured = commands.map(() => ({ wall: [] as number[], cpu: [] as number[], rss: [] as number[] }));
    for (let i = 0; i < warmup + runs; i++) {
        for (const [j, command] of commands.entries()) {
            const start = performance.now();
            const { cpuMs, peakRssMb } = run(command, cwd, preload);
            if (i < warmup) continue;
            measured[j].wall.push(performance.now() - start);
            measured[j].cpu.push(cpuMs);
            measured[j].rss.push(peakRssMb);
        }
    }
    return measured.map((m) => ({ medianMs: median(m.wall), cpuMs: median(m.cpu), peakRssMb: median(m.rss), runs }));
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
    const ratio = (a: ColdRuns, b: ColdRuns) => `${(a.medianMs / b.medianMs).toFixed(2)}x (cpu ${(a.cpuMs / b.cpuMs).toFixed(2)}x)`;

    const rows: BenchRow[] = [];
    const [node, check, version] = interleaved(root, [
        [process.execPath, ['-e', '0']],
        [process.execPath, [BIN, 'check', tiny]],
        ...(hasPeer ? [[LIKEC4, ['--version']] as Command] : []),
    ], { warmup: 2, runs: 15 });
    rows.push({ name: 'limit: node -e 0', ...node });
    rows.push({ name: 'archlint check cold, a one-line file', ...check, bar: '≤ 150 ms, ≤ 2.2x node -e 0 (quality.md)', note: `${ratio(check, node)} node -e 0` });
    if (version) rows.push({ name: 'peer: likec4 1.46 --version', ...version, note: `${ratio(version, node)} node -e 0` });
    const [files] = interleaved(root, [[process.execPath, [BIN, 'check', many, '--format', 'json']]], { warmup: 1, runs: 5 });
    rows.push({ name: 'archlint check cold, 100 files x ~200 lines', ...files, bar: '≤ 2 s wall (quality.md)' });
    const [large] = interleaved(root, [[process.execPath, [BIN, 'check', big, '--format', 'json']]], { warmup: 1, runs: 5 });
    rows.push({
        name: 'archlint check cold, one 5k-component model with zones, properties and flows (~43k lines)', ...large,
        note: `${findingCount(root, big)} findings; peak RSS ${large.peakRssMb.toFixed(0)} MB`,
    });
    // `--skip-layout` would swallow the next path (toolchain.md), so the path goes first.
    const [ours, theirs] = interleaved(root, [
        [process.execPath, [BIN, 'check', peerArch, '--format', 'json']],
        ...(hasPeer ? [[LIKEC4, ['validate', peer, '--skip-layout']] as Command] : []),
    ], { warmup: 1, runs: 5 });
    rows.push({
        name: `archlint check cold, peer model: ${peerModels.elements} components in zones, ${peerModels.relations} connections`, ...ours,
        note: `${findingCount(root, peerArch)} findings; peak RSS ${ours.peakRssMb.toFixed(0)} MB`,
    });
    if (theirs) {
        rows.push({
            name: 'peer: likec4 1.46 validate --skip-layout, the same model', ...theirs,
            note: `archlint is ${ratio(theirs, ours)} faster (bar ≥ 5x); peak RSS ${theirs.peakRssMb.toFixed(0)} MB`,
        });
    } else {
        rows.push({ name: 'peer: likec4 not installed (npm run bench:peers installs it in .bench-peers/)', medianMs: NaN, runs: 0 });
    }
    rmSync(root, { recursive: true, force: true });
    return rows;
}
