/**
 * Scenarios against what they must produce: failed requests bounded by the health check's
 * detection window (interval × unhealthy_after), write-back losses when the cache dies,
 * queues that grow while consumers are down and dead-letter after their retries.
 */
import { describe, expect, it } from 'vitest';
import { model } from '../helpers.js';
import { analyticReport } from '../../language-server/simulation/estimate/report.js';
import { popularityBuckets } from '../../language-server/analysis/zipf.js';
import { runSimulation } from '../../language-server/simulation/run.js';
import { WRITE_BACK_DELAY_S } from '../../language-server/simulation/behaviours.js';

const balanced = (healthCheck: string) => `system S {
  workload { rps 500 }
  client u
  zone a { }
  zone b { }
  loadbalancer lb { algorithm round_robin ${healthCheck} }
  service api { replicas 2 capacity 1000 rps latency 1ms zones [a, b] }
  u -> lb -> api
  scenario zone_a_down { duration 100s fail a at 20s for 40s }
}`;

describe('health checks and failures', () => {
    it('fails a dead replica\'s share of requests until the health check notices', async () => {
        const m = await model(balanced('health_check every 5s timeout 1s unhealthy_after 3'));
        const report = await runSimulation(m, { scenario: 'zone_a_down', seed: 3 });
        // Round robin sends half the traffic to the dead replica for 5 s × 3 + 1 s = 16 s.
        const expectedFailed = 0.5 * 500 * 16;
        expect(Math.abs(report.requests.failed / expectedFailed - 1)).toBeLessThan(0.05);
        expect(Math.abs(report.availability - (1 - 16 / 2 / 100))).toBeLessThan(0.005);
        expect(Math.abs(analyticReport(m, { scenario: 'zone_a_down' }).availability - report.availability)).toBeLessThan(0.005);
    });

    it('fails the dead replica\'s share for the whole outage without a health check', async () => {
        const m = await model(balanced(''));
        const report = await runSimulation(m, { scenario: 'zone_a_down', seed: 3 });
        expect(Math.abs(report.availability - (1 - 40 / 2 / 100))).toBeLessThan(0.005);
        expect(Math.abs(analyticReport(m, { scenario: 'zone_a_down' }).availability - report.availability)).toBeLessThan(0.005);
    });

    it('fails every request through a component that is wholly down', async () => {
        const report = await runSimulation(await model(`system S { workload { rps 200 } client u
          service api { capacity 1000 rps latency 1ms } u -> api
          scenario s { duration 50s fail api at 10s for 10s } }`), { scenario: 's' });
        expect(Math.abs(report.availability - 0.8)).toBeLessThan(0.01);
        expect(report.components.api.failed).toBe(report.requests.failed);
    });
});

describe('write-back caches', () => {
    const text = (scenario: string) => `system S {
      workload { rps 1000 keys 100k zipf 0.8 read_ratio 0.5 }
      client u
      service api { capacity 5000 rps latency 1ms }
      cache c { write write_back capacity 10k items }
      database db { capacity 5000 rps latency 1ms }
      u -> api -> c -> db
      ${scenario}
    }`;

    it('loses the writes still dirty when the cache fails', async () => {
        const report = await runSimulation(await model(text('scenario crash { duration 60s fail c at 30s for 10s }')), { scenario: 'crash', seed: 5 });
        // Dirty at the crash: the distinct keys written during the last flush delay (500 writes/s).
        const writes = 500 * WRITE_BACK_DELAY_S;
        const { count, prob } = popularityBuckets(100_000, 0.8);
        let distinct = 0;
        for (let b = 0; b < count.length; b++) distinct += count[b] * -Math.expm1(writes * Math.log1p(-prob[b]));
        expect(Math.abs(report.caches.c.lostWrites / distinct - 1)).toBeLessThan(0.15);
        expect(report.availability).toBe(1); // a dead cache fails open: reads and writes go to the store
    });

    it('loses nothing without a failure and flushes every write downstream', async () => {
        const report = await runSimulation(await model(text('')), { durationS: 60, seed: 5 });
        expect(report.caches.c.lostWrites).toBe(0);
        const reads = 500 * (1 - report.caches.c.hitRate);
        // The store sees read misses plus coalesced flushes (at most one per dirty key per delay).
        expect(report.components.db.throughputRps).toBeGreaterThan(reads + 300);
        expect(report.components.db.throughputRps).toBeLessThan(reads + 500);
    });
});

describe('queues', () => {
    // The worker's capacity is its declared rate (one server of 1/capacity seconds).
    const text = (failure: string, worker = 200) => `system S {
      workload { rps 100 }
      client u
      service api { capacity 1000 rps latency 1ms }
      queue q { retries 2 dead_letter dlq }
      queue dlq
      worker w { capacity ${worker} rps consumes q }
      database db { capacity 1000 rps latency 1ms }
      u -> api -> q
      w -> db
      scenario s { duration 100s ${failure} }
    }`;

    it('grows while its consumer is down and drains at the spare capacity', async () => {
        const report = await runSimulation(await model(text('fail w at 20s for 30s')), { scenario: 's', seed: 2 });
        const q = report.queues.q;
        expect(Math.abs(q.maxDepth / 3000 - 1)).toBeLessThan(0.05);
        // Draining at 200 − 100 = 100/s takes ~30 s: empty again by 80 s.
        const slice = (t: number) => q.depthOverTime[Math.floor((t / 100) * q.depthOverTime.length)];
        expect(slice(45)).toBeGreaterThan(2000);
        expect(slice(90)).toBeLessThan(20);
        expect(q.deadLettered).toBe(0);
        expect(report.availability).toBe(1); // enqueueing never waits for the consumer
    });

    it('dead-letters messages that fail past their retries', async () => {
        // Ample consumer capacity: every delivery is tried at once, 1 s apart.
        const report = await runSimulation(await model(text('fail db at 20s for 30s', 1000)), { scenario: 's', seed: 2 });
        // Messages enqueued from 20 s until 2 redeliveries (1 s apart) before recovery fail for good.
        expect(Math.abs(report.queues.q.deadLettered / (100 * 28) - 1)).toBeLessThan(0.05);
        expect(report.queues.dlq.depth).toBe(report.queues.q.deadLettered);
    });
});
