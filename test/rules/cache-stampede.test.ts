/** cache-stampede: concurrent misses of the hottest key at its expiry (its read rate × the miss path's mean time). */
import { describe, expect, it } from 'vitest';
import { lint, ruleTester } from './rule-tester.js';

/**
 * 20k reads/s over 1M keys at zipf 1.1: the hottest key takes 1/H(1M, 1.1) ≈ 12.4% of them,
 * ≈ 2.48k rps; behind `cache`, a store of mean service time `ms` (capacity 10k rps × latency:
 * 10k × ms/1000 servers of ms each), so ≈ 2.48 × ms concurrent misses.
 */
const chain = (cache: string, ms = 5, workload = 'rps 20k keys 1M zipf 1.1', kind = 'read') => `system S {
  workload { ${workload} }
  client app
  service api { replicas 10 capacity 5k rps }
  cache kv { ${cache} }
  database db { replicas 2 failover 30s capacity 10k rps latency ${ms}ms }
  flow view 100% ${kind} : app -> api -> kv -> db
}`;
const TTL = chain('capacity 100k items ttl 60s replicas 3');
const TWO_TIERS = `system S {
  workload { rps 20k keys 1M zipf 1.1 }
  client app
  cache edge { ttl 3s replicas 4 latency 1ms }
  cache origin { replicas 2 latency 50ms }
  service packager { replicas 2 capacity 2k rps latency 20ms }
  flow watch 100% read : app -> edge -> origin -> packager
}`;
const CDN = `system S {
  workload { rps 20k keys 1M zipf 1.1 }
  client app
  cdn edge { hit_ratio 0.9 ttl 60s }
  service origin { replicas 4 capacity 10k rps latency 10ms }
  flow get 100% read : app -> edge -> origin
}`;
/** 1k reads/s of one key: the hottest key takes them all. */
const ONE_KEY = chain('ttl 60s', 5, 'rps 1k keys 1');
/** A miss through a CDN of hit ratio 0.5 (10ms) to a 20ms store: 10 + 0.5 x 20 = 20ms, so 1k x 20ms = 20 concurrent misses. */
const HALF_HITS = `system S {
  workload { rps 1k keys 1 }
  client app
  service api { replicas 10 capacity 5k rps }
  cache kv { ttl 60s }
  cdn mid { hit_ratio 0.5 latency 10ms }
  database db { replicas 2 failover 30s capacity 10k rps latency 20ms }
  flow view 100% read : app -> api -> kv -> mid -> db
}`;

ruleTester.run('cache-stampede', {
    valid: [
        { name: 'concurrent misses wait for one load', code: chain('capacity 100k items ttl 60s coalesce on replicas 3') },
        { name: 'entries that never expire', code: chain('capacity 100k items replicas 3') },
        { name: 'uniform keys: no key is hot', code: chain('capacity 100k items ttl 60s', 5, 'rps 20k keys 1M') },
        { name: 'a 1ms store: about 2.5 concurrent misses', code: chain('capacity 100k items ttl 60s', 1) },
        { name: 'a cache that only sees writes', code: chain('capacity 100k items ttl 60s', 5, 'rps 20k keys 1M zipf 1.1', 'write') },
        { name: 'about 12 concurrent misses under the 20 the configuration sets', code: TTL, thresholds: { 'cache-stampede.concurrentMisses': 20 } },
        { name: 'a miss path of no stated time (no capacity, no latency)', code: ONE_KEY.replace(' capacity 10k rps latency 5ms', '') },
        {
            name: 'an async call of the cache is not on the miss path',
            code: chain('capacity 100k items ttl 60s', 1).replace('  flow view', '  service audit { replicas 2 capacity 10k rps latency 1s }\n  kv -> audit : async\n  flow view'),
        },
        { name: 'a caching proxy that collapses forwarding', code: TTL.replace('cache kv { capacity 100k items ttl 60s replicas 3 }', 'proxy kv { capacity 100k items ttl 60s collapsed_forwarding on }') },
    ],
    invalid: [
        {
            name: 'about 12 concurrent misses of the hottest key, on its ttl, fixed with coalesce on',
            code: TTL, errors: [{ component: 'kv', on: 'ttl 60s' }], output: TTL.replace('{ capacity 100k items', '{ coalesce on capacity 100k items'),
        },
        {
            name: 'the miss path through another cache: its 50ms across the WAN',
            code: TWO_TIERS, errors: [{ component: 'edge', on: 'ttl 3s' }], output: TWO_TIERS.replace('cache edge { ttl 3s', 'cache edge { coalesce on ttl 3s'),
        },
        {
            name: 'a CDN in front of a service',
            code: CDN, errors: [{ component: 'edge', on: 'ttl 60s' }], output: CDN.replace('cdn edge { hit_ratio', 'cdn edge { coalesce on hit_ratio'),
        },
        {
            name: 'exactly the 5 concurrent misses of the threshold (1k reads of one key x 5ms)',
            code: ONE_KEY, errors: [{ component: 'kv', on: 'ttl 60s' }], output: chain('coalesce on ttl 60s', 5, 'rps 1k keys 1'),
        },
        {
            name: 'coalesce off is where the fix goes',
            code: chain('coalesce off capacity 100k items ttl 60s replicas 3'), errors: [{ component: 'kv', on: 'ttl 60s' }],
            output: chain('coalesce on capacity 100k items ttl 60s replicas 3'),
        },
        {
            name: 'about 2.5 concurrent misses over the 2 the configuration sets',
            code: chain('capacity 100k items ttl 60s', 1), thresholds: { 'cache-stampede.concurrentMisses': 2 }, errors: [{ component: 'kv', on: 'ttl 60s' }],
            output: chain('coalesce on capacity 100k items ttl 60s', 1),
        },
    ],
});

describe('cache-stampede message', () => {
    it('gives the miss path\'s time through a cache that passes on half its requests, and the misses it lets through', async () => {
        expect((await lint('cache-stampede', HALF_HITS)).map((d) => d.message)).toEqual([
            "kv's hottest key takes 1k rps of reads at peak; when it expires (ttl 1m), the 20ms a miss takes to come back lets about 20 concurrent misses through to what it caches.",
        ]);
    });
});
