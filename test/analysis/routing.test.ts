/**
 * Lint, the estimate and the simulation count the same requests: a read of a round-robin
 * partitioned store is one request to every shard (16 shards: 16 requests a read), and a
 * cache that ends a flow still has the hit rate its reads give it.
 */
import { describe, expect, it } from 'vitest';
import { model } from '../helpers.js';
import { analyse } from '../../language-server/analysis/model-analysis.js';
import { analyticReport } from '../../language-server/simulation/estimate/report.js';
import { runSimulation } from '../../language-server/simulation/run.js';

const scatter = (cache: string) => `system RR {
  workload { rps 1000 keys 1M zipf 1 }
  client c
  service api { replicas 2 capacity 5k rps latency 1ms }
  ${cache ? 'cache ch { capacity 10k items }' : ''}
  database db { partition round_robin shards 16 capacity 5k rps latency 1ms }
  c -> api -> ${cache ? 'ch -> ' : ''}db
}`;

describe('scatter-gather reads', () => {
    it('cost one request per shard per read in lint, the estimate and the simulation', async () => {
        const m = await model(scatter(''));
        const lint = analyse(m).traffic.loads.get('db')!;
        expect(lint.rps).toBeCloseTo(16_000, 6);
        expect(analyticReport(m).components.db.throughputRps).toBeCloseTo(16_000, 0);
        const sim = await runSimulation(m, { durationS: 20, seed: 1 });
        // 20,000 reads (σ ≈ 141), each asking all 16 shards.
        expect(Math.abs(sim.components.db.throughputRps * 20 - 320_000)).toBeLessThan(16 * 600);
        expect(analyticReport(m).shards.db.loadRps.every((l) => Math.abs(l - 1000) < 1e-6)).toBe(true);
    });

    it('multiply the misses a cache passes on, the same in the estimate and the simulation', async () => {
        const m = await model(scatter('cache'));
        const estimate = analyticReport(m);
        const sim = await runSimulation(m, { durationS: 20, seed: 1 });
        const misses = (1 - sim.caches.ch.hitRate) * 1000;
        // The estimate's hit rate is Che's (within 2 points of the simulated LRU): compare through each one's own.
        expect(estimate.components.db.throughputRps).toBeCloseTo(16 * (1 - estimate.caches.ch.hitRate) * 1000, 0);
        expect(Math.abs(sim.components.db.throughputRps / (16 * misses) - 1)).toBeLessThan(0.03);
        expect(Math.abs(sim.caches.ch.hitRate - estimate.caches.ch.hitRate)).toBeLessThan(0.02);
    });
});

describe('a cache at the end of a flow', () => {
    const text = `system Leaf {
      workload { rps 1000 keys 100k zipf 0.9 }
      client app
      service api { replicas 2 capacity 5k rps latency 1ms }
      cache sessions { capacity 5k items }
      database db { replicas 2 capacity 5k rps latency 1ms }
      flow f read : app -> api -> { sessions, db }
    }`;

    it('has the hit rate its reads give it in lint, the estimate and the simulation', async () => {
        const m = await model(text);
        const lint = analyse(m).traffic.hitRates.get('sessions');
        expect(lint).toBeGreaterThan(0.4);
        expect(analyticReport(m).caches.sessions.hitRate).toBeCloseTo(lint!, 5);
        const sim = await runSimulation(m, { durationS: 30, seed: 2 });
        expect(Math.abs(sim.caches.sessions.hitRate - lint!)).toBeLessThan(0.02);
    });
});
