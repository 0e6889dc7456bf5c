/**
 * Same seed, same report byte for byte; caps stop absurd models and say so; cancellation;
 * the worker-thread runner returns what an in-thread run returns.
 */
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { join } from 'node:path';
import { model } from '../helpers.js';
import { runSimulation } from '../../language-server/simulation/run.js';
import { runSimulationInWorker } from '../../language-server/simulation/runner.js';
import { tempDir } from '../support/temp-dir.js';

const everything = `system Shop {
  workload { rps 2000 keys 200k zipf 0.9 read_ratio 0.9 }
  client web
  zone a { }
  zone b { }
  loadbalancer lb { algorithm least_connections health_check every 2s timeout 1s unhealthy_after 2 }
  service api { replicas 4 capacity 800 rps latency 2ms zones [a, b] }
  cache c { capacity 20k items eviction lfu ttl 30s }
  database db { partition hash(id) shards 4 consistent vnodes 16 capacity 1000 rps latency 1ms replicas 2 zones [a, b] }
  queue events { retries 1 dead_letter dlq }
  queue dlq
  worker w { capacity 500 rps latency p50 1ms p99 8ms consumes events }
  web -> lb -> api -> c -> db
  api -> events
  scenario outage { duration 20s fail a at 5s for 5s }
}`;

describe('determinism', () => {
    it('gives the same report for the same seed, byte for byte, and another for another seed', async () => {
        const m = await model(everything);
        const [a, b, c] = await Promise.all([
            runSimulation(m, { scenario: 'outage', seed: 42 }),
            runSimulation(m, { scenario: 'outage', seed: 42 }),
            runSimulation(m, { scenario: 'outage', seed: 43 }),
        ]);
        expect(JSON.stringify(a)).toBe(JSON.stringify(b));
        expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
        expect(a.requests.failed).toBeGreaterThan(0);
        expect(a.availability).toBeGreaterThan(0.7); // least connections black-holes into dead replicas until detected
    });

    it('runs the same in a worker thread', async () => {
        const dir = tempDir('sim-');
        const workerPath = join(dir, 'worker.mjs');
        await build({ entryPoints: ['language-server/simulation/worker.ts'], bundle: true, platform: 'node', format: 'esm', outfile: workerPath, logLevel: 'error' });
        const m = await model(everything);
        const progress: number[] = [];
        const [inWorker, here] = await Promise.all([
            runSimulationInWorker(m, { scenario: 'outage', seed: 7, workerPath, onProgress: (f) => progress.push(f) }),
            runSimulation(m, { scenario: 'outage', seed: 7 }),
        ]);
        expect(JSON.stringify(inWorker)).toBe(JSON.stringify(here));
        expect(progress.at(-1)).toBe(1);

        // Cancelled on its first progress report, long before the end of its simulated time.
        const abort = new AbortController();
        const report = await runSimulationInWorker(m, { durationS: 100_000, workerPath, signal: abort.signal, onProgress: () => abort.abort() });
        expect(report.limitsHit).toContain('cancelled');
        expect(report.simulatedS).toBeLessThan(100_000);
    });
});

describe('caps', () => {
    it('stops an absurd rate at the event cap and reports it', async () => {
        const m = await model(`system S { workload { rps 1e15 } client u service api { } u -> api }`);
        const report = await runSimulation(m, { limits: { maxEvents: 1_000_000 } });
        expect(report.limitsHit).toEqual(['events']);
        expect(report.events).toBe(1_000_000);
        expect(report.simulatedS).toBeLessThan(1e-6);
    });

    it('stops a model whose backlog outgrows the in-flight cap (memory) with default limits', async () => {
        const m = await model(`system S { workload { rps 1e15 } client u service api { capacity 1k rps latency 1ms } u -> api }`);
        const report = await runSimulation(m);
        expect(report.limitsHit).toEqual(['memory']);
    });

    it('stops at the wall-time cap and when cancelled', async () => {
        const m = await model(`system S { workload { rps 1M } client u service api { capacity 2M rps latency 1ms } u -> api }`);
        expect((await runSimulation(m, { durationS: 1000, limits: { maxWallMs: 1 } })).limitsHit).toEqual(['wallTime']);
        const abort = new AbortController();
        abort.abort();
        expect((await runSimulation(m, { durationS: 1000, signal: abort.signal })).limitsHit).toEqual(['cancelled']);
    });
});
