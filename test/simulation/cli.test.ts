/** `archlint simulate` (runSimulate): the JSON contract of cli.md, the table, and exit code 2 cases. */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
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
        expect(Object.keys(report.requests)).toEqual(['offered', 'completed', 'failed']);
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
        expect(stdout).toMatch(/^Shop: simulation, 5 s, seed 1/);
        expect(stdout).toMatch(/^component\s+util/m);
        expect(stdout).toMatch(/^api\s+\d/m);
    });

    it('exits 2 with one line for unreadable files, unknown systems or scenarios, and language errors', async () => {
        const cases: [string, Partial<SimulateOptions>][] = [
            [join(root, 'missing.arch'), {}],
            [shop, { system: 'Nope' }],
            [shop, { scenario: 'nope' }],
            [shop, { duration: 'soon' }],
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
