/**
 * The v2 rules against closed forms over random models (fast-check): whether each fires is
 * decided here from the model's numbers alone, never from the analysis the rules use.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lint } from './rule-tester.js';

const fires = async (id: string, code: string) => (await lint(id, code)).length > 0;

describe('v2 rules against closed forms', () => {
    it('write-bottleneck: an unpartitioned store\'s writes (rps × peak × write share) against 80% of one replica\'s write capacity, whatever its replicas and leader', async () => {
        const cases = fc.record({
            rps: fc.integer({ min: 100, max: 50_000 }),
            peak: fc.constantFrom(1, 1.5, 2, 3),
            writePct: fc.integer({ min: 1, max: 60 }),
            writeCapacity: fc.integer({ min: 100, max: 20_000 }),
            replicas: fc.integer({ min: 1, max: 9 }),
            leader: fc.constantFrom('single', 'multi', 'none'),
        });
        await fc.assert(fc.asyncProperty(cases, async (c) => {
            const writes = c.rps * c.peak * c.writePct / 100;
            const ratio = writes / c.writeCapacity;
            fc.pre(Math.abs(ratio - 0.8) > 0.01 * 0.8);
            const code = `system S {
  workload { rps ${c.rps} peak ${c.peak}x }
  client app
  database db { replicas ${c.replicas} leader ${c.leader} capacity 1M rps write_capacity ${c.writeCapacity} rps }
  flow save ${c.writePct}% write : app -> db
  flow view ${100 - c.writePct}% read : app -> db
}`;
            expect(await fires('write-bottleneck', code)).toBe(ratio >= 0.8);
        }), { numRuns: 40 });
    });

    // The store's capacity (n × 1000 rps) times its latency is a whole number of servers, so its mean service time is the latency.
    it('cache-stampede: the hottest of K keys at zipf s takes 1/H(K, s) of the reads, times the store\'s service time, against 5', async () => {
        const cases = fc.record({
            rps: fc.integer({ min: 100, max: 100_000 }),
            keys: fc.integer({ min: 10, max: 5_000 }),
            zipf: fc.constantFrom(0.6, 0.8, 1, 1.2),
            ms: fc.integer({ min: 1, max: 50 }),
        });
        await fc.assert(fc.asyncProperty(cases, async (c) => {
            let h = 0;
            for (let k = 1; k <= c.keys; k++) h += k ** -c.zipf;
            const misses = (c.rps / h) * (c.ms / 1000);
            fc.pre(Math.abs(misses - 5) > 0.02 * 5);
            const code = `system S {
  workload { rps ${c.rps} keys ${c.keys} zipf ${c.zipf} }
  client app
  cache kv { ttl 60s }
  database db { replicas 2 failover 30s capacity ${Math.ceil(c.rps / 100)}k rps latency ${c.ms}ms }
  flow view 100% read : app -> kv -> db
}`;
            expect(await fires('cache-stampede', code)).toBe(misses >= 5);
        }), { numRuns: 40 });
    });

    it('manual-failover and failover-data-loss follow from the leader, the replicas, failover, sync followers and durability alone', async () => {
        const cases = fc.record({
            replicas: fc.integer({ min: 1, max: 5 }),
            leader: fc.constantFrom('', 'leader single', 'leader multi', 'leader none'),
            failover: fc.boolean(),
            sync: fc.constantFrom('async', 'sync', 'sync 1'),
            durability: fc.constantFrom('', 'durability critical', 'acid on'),
        });
        await fc.assert(fc.asyncProperty(cases, async (c) => {
            const sync = c.replicas === 1 ? '' : c.sync;
            const single = c.leader === '' || c.leader === 'leader single';
            const failover = single && c.failover ? 'failover 30s' : '';
            const code = `system S {
  workload { rps 1k read_ratio 0.9 }
  client app
  database db { replicas ${c.replicas} ${sync} ${c.leader} ${failover} ${c.durability} }
  app -> db
}`;
            const followers = c.replicas > 1;
            expect(await fires('manual-failover', code)).toBe(single && followers && !failover);
            expect(await fires('failover-data-loss', code)).toBe(single && followers && sync === 'async' && c.durability !== '');
        }), { numRuns: 60 });
    });
});
