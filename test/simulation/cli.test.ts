/** `archlint simulate` (runSimulate): the JSON contract of cli.md, the table, and exit code 2 cases. */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { runSimulate, type SimulateOptions } from '../../cli/commands/simulate.js';
import { runCommand } from '../../cli/run-command.js';
import type { CommandIO } from '../../cli/io.js';
import { workspace } from '../cli/run-cli.js';

const MODEL = `system Shop {
  workload { rps 500 keys 10k zipf 0.9 }
  client web
  service api { replicas 2 capacity 1000 rps latency 1ms }
  cache c { capacity 1k items }
  database db { partition hash(id) shards 4 capacity 1000 rps latency 1ms }
  queue q
  worker w { capacity 1000 rps latency 1ms consumes q }
  flow browse 90% read : web -> api -> c -> db
  flow order 10% write : web -> api -> { db, q }
  scenario rush { duration 5s load 2x seed 9 }
}
system Other { client x }
`;

async function run(file: string, options: Partial<SimulateOptions>) {
    let stdout = '', stderr = '';
    const io: CommandIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTTY: false, color: false };
    const code = await runCommand('simulate', (o) => runSimulate(file, { format: 'json', duration: '5s', ...options }, o), io);
    return { code, stdout, stderr };
}

describe('archlint simulate', () => {
    const root = workspace({ 'shop.arch': MODEL, 'broken.arch': 'system B { service api { replicas two } }' });
    const shop = join(root, 'shop.arch');

    it('prints the JSON shape of cli.md', async () => {
        const { code, stdout } = await run(shop, {});
        expect(code).toBe(0);
        const report = JSON.parse(stdout);
        expect(Object.keys(report).slice(0, 16)).toEqual([
            'system', 'scenario', 'seed', 'durationS', 'mode', 'requests', 'throughputRps', 'availability', 'latencyMs',
            'flows', 'components', 'caches', 'shards', 'queues', 'limitsHit', 'simulatedS',
        ]);
        expect(report).toMatchObject({ system: 'Shop', scenario: null, seed: 1, durationS: 5, mode: 'simulation', limitsHit: [] });
        expect(Object.keys(report.requests)).toEqual(['offered', 'completed', 'failed', 'inFlight']);
        expect(Object.keys(report.latencyMs)).toEqual(['mean', 'p50', 'p95', 'p99']);
        expect(Object.keys(report.flows)).toEqual(['browse', 'order']);
        expect(Object.keys(report.flows.browse)).toEqual(expect.arrayContaining(['throughputRps', 'latencyMs']));
        expect(Object.keys(report.components.api)).toEqual(expect.arrayContaining(['utilisation', 'throughputRps', 'latencyMs']));
        expect(report.components.web).toBeUndefined();
        expect(report.caches.c.hitRate).toBeGreaterThan(0);
        expect(report.shards.db.loadRps).toHaveLength(4);
        expect(Object.keys(report.queues.q)).toEqual(expect.arrayContaining(['maxDepth', 'deadLettered']));
        expect(report.requests.offered).toBeGreaterThan(2000);
    });

    it('applies a scenario, a seed, a rate and the analytic mode', async () => {
        const scenario = JSON.parse((await run(shop, { scenario: 'rush', duration: undefined })).stdout);
        expect(scenario).toMatchObject({ scenario: 'rush', seed: 9, durationS: 5 });
        expect(scenario.throughputRps).toBeGreaterThan(900);
        const faster = JSON.parse((await run(shop, { rps: 100, seed: 3 })).stdout);
        expect(faster.seed).toBe(3);
        expect(faster.throughputRps).toBeLessThan(150);
        const analytic = JSON.parse((await run(shop, { analytic: true })).stdout);
        expect(analytic.mode).toBe('analytic');
        expect(Object.keys(analytic)).toEqual(Object.keys(JSON.parse((await run(shop, {})).stdout)));
        const other = JSON.parse((await run(shop, { system: 'Other' })).stdout);
        expect(other.system).toBe('Other');
    });

    it('prints a readable table', async () => {
        const { code, stdout } = await run(shop, { format: 'table' });
        expect(code).toBe(0);
        expect(stdout).toMatch(/^Shop: simulation, 5 s, seed 1, load 500 rps \(peak 1x\)$/m);
        expect(stdout).toMatch(/^component\s+util/m);
        expect(stdout).toMatch(/^api\s+\d/m);
        expect(stdout).not.toMatch(/STOPPED EARLY/);
    });

    it('takes --load mean|peak|Nx and --warmup, and states them in the header', async () => {
        const peak = join(root, 'peak.arch');
        writeFileSync(peak, 'system P { workload { rps 400 peak 3x } client u service api { capacity 5k rps latency 1ms } u -> api }');
        const json = async (options: Partial<SimulateOptions>) => JSON.parse((await run(peak, options)).stdout);
        expect((await json({})).load).toEqual({ basis: 'peak', factor: 3, rps: 1200 });
        expect((await json({ load: 'peak' })).load).toEqual({ basis: 'peak', factor: 3, rps: 1200 });
        expect((await json({ load: 'mean' })).load).toEqual({ basis: 'mean', factor: 1, rps: 400 });
        expect((await json({ load: '2x' })).load).toEqual({ basis: 'factor', factor: 2, rps: 800 });
        expect((await json({ load: '2x', analytic: true })).components.api.utilisation).toBeCloseTo(800 / 5000, 6);
        const warm = await json({ warmup: '1s' });
        expect(warm.warmupS).toBe(1);
        expect(Math.abs(warm.requests.offered - 4 * 1200)).toBeLessThan(400);
        const { stdout } = await run(peak, { format: 'table', load: 'mean', warmup: '1s' });
        expect(stdout.split('\n')[0]).toBe('P: simulation, 5 s, seed 1, load 400 rps (mean), first 1 s left out');
    });

    it('says in the header when a cap cut the run short, and counts what was in flight', async () => {
        const big = join(root, 'big.arch');
        writeFileSync(big, 'system B { workload { rps 1000 } client u service api { capacity 1k rps latency 1ms } u -> api }');
        const { code, stdout } = await run(big, { format: 'table', rps: 1e12 });
        expect(code).toBe(0);
        const lines = stdout.split('\n');
        expect(lines[1]).toMatch(/^STOPPED EARLY: only [0-9.e-]+ s of 5 s simulated \(memory cap\)/);
        expect(lines[2]).toMatch(/in flight at the end [0-9,]+ \(not completed\), availability 0\.\d+%$/);
    });

    it('exits 2 with one line for unreadable files, unknown systems or scenarios, and language errors', async () => {
        const cases: [string, Partial<SimulateOptions>][] = [
            [join(root, 'missing.arch'), {}],
            [shop, { system: 'Nope' }],
            [shop, { scenario: 'nope' }],
            [shop, { duration: 'soon' }],
            [shop, { load: 'lots' }],
            [shop, { warmup: 'soon' }],
            [shop, { warmup: '5s' }],
            [join(root, 'broken.arch'), {}],
        ];
        for (const [file, options] of cases) {
            const { code, stdout, stderr } = await run(file, options);
            expect(code).toBe(2);
            expect(stdout).toBe('');
            expect(stderr.trimEnd().split('\n')).toHaveLength(1);
            expect(stderr).toMatch(/^archlint simulate: /);
        }
    });
});
