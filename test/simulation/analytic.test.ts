/**
 * The analytic estimate (what lint uses) against the simulation: within 10% below
 * utilisation 0.8 for utilisation, throughput, per-component and end-to-end mean latency,
 * cache hit rate and shard load.
 */
import { describe, expect, it } from 'vitest';
import { model } from '../helpers.js';
import { analyticReport } from '../../language-server/simulation/estimate/report.js';
import { runSimulation } from '../../language-server/simulation/run.js';

const models: Record<string, string> = {
    'a chain behind round robin': `system S { workload { rps 3k } client u
      loadbalancer lb { algorithm round_robin }
      service api { replicas 4 capacity 1000 rps latency 1ms }
      database db { replicas 2 capacity 2500 rps latency 0.5ms consistency eventual }
      u -> lb -> api -> db }`,
    'least connections with lognormal service': `system S { workload { rps 2.5k } client u
      loadbalancer lb { algorithm least_connections }
      service api { replicas 4 capacity 1000 rps latency p50 0.8ms p99 3ms }
      u -> lb -> api }`,
    'a read-only cache in front of a store': `system S { workload { rps 2k keys 100k zipf 0.9 } client u
      service api { replicas 2 capacity 2000 rps latency 1ms }
      cache c { capacity 5k items eviction lru }
      database db { capacity 1500 rps latency 2ms concurrency 4 }
      u -> api -> c -> db }`,
    'flows, shards and a queue': `system S { workload { rps 1k keys 1M zipf 1.0 } client u
      service api { replicas 2 capacity 1000 rps latency 1ms }
      database db { partition hash(id) shards 8 consistent vnodes 64 capacity 300 rps latency 2ms }
      queue q { retries 3 }
      worker w { capacity 500 rps latency 1ms consumes q }
      flow reads 80% read : u -> api -> db
      flow writes 20% write : u -> api -> { db, q } }`,
};

const close = (sim: number, ana: number, what: string) =>
    expect(Math.abs(ana - sim) / Math.max(sim, 1e-9), `${what}: simulated ${sim}, analytic ${ana}`).toBeLessThanOrEqual(0.1);

describe('analytic vs simulated', () => {
    for (const [name, text] of Object.entries(models)) {
        it(name, async () => {
            const m = await model(text);
            const sim = await runSimulation(m, { durationS: 150, warmupS: 5, seed: 4 });
            const ana = analyticReport(m);
            expect(ana.mode).toBe('analytic');
            close(sim.latencyMs.mean, ana.latencyMs.mean, 'end-to-end mean');
            close(sim.throughputRps, ana.throughputRps, 'throughput');
            for (const [c, s] of Object.entries(sim.components)) {
                const a = ana.components[c];
                expect(s.utilisation).toBeLessThan(0.8);
                if (s.throughputRps > 0) close(s.throughputRps, a.throughputRps, `${c} throughput`);
                if (s.utilisation > 0) close(s.utilisation, a.utilisation, `${c} utilisation`);
                if (s.latencyMs.mean > 0.05) close(s.latencyMs.mean, a.latencyMs.mean, `${c} mean latency`);
            }
            for (const [c, s] of Object.entries(sim.caches)) close(s.hitRate, ana.caches[c].hitRate, `${c} hit rate`);
            for (const [c, s] of Object.entries(sim.shards)) close(s.maxOverMean, ana.shards[c].maxOverMean, `${c} busiest shard`);
            for (const [f, s] of Object.entries(sim.flows)) close(s.latencyMs.mean, ana.flows[f].latencyMs.mean, `flow ${f}`);
        });
    }
});
