/** Per-component runtimes (setup.ts) of small models: stations, pools, shards, queues, CDN boundaries and warmed caches, worked by hand. */
import { describe, expect, it } from 'vitest';
import { model } from '../helpers.js';
import { compileProgram } from '../../language-server/simulation/program.js';
import { buildRuntimes, DEPTH_POINTS, MAX_SIMULATED_ITEMS, type Runtime } from '../../language-server/simulation/setup.js';
import { PolicyCache } from '../../language-server/simulation/cache-sim.js';
import { Rng } from '../../language-server/simulation/random.js';

/** The runtimes of the one system of `text`, by component name. */
async function runtimes(text: string, rps = 100, seed = 1): Promise<Record<string, Runtime>> {
    const m = await model(text);
    const index = new Map([...m.components.keys()].map((name, i) => [name, i]));
    const rts = buildRuntimes(m, compileProgram(m, index), new Rng(seed), { rps });
    return Object.fromEntries(rts.map((rt) => [rt.component.name, rt]));
}

/** Keys 1..n a cache holds at time `t`. */
function held(cache: PolicyCache, n: number, t = 0): number {
    let count = 0;
    for (let key = 1; key <= n; key++) if (cache.lookup(key, t)) count++;
    return count;
}

describe('buildRuntimes: stations and pools', () => {
    it('gives a tier without a balancer one shared pool of replicas × servers, and one behind a balancer a pool per replica', async () => {
        const rt = await runtimes(`system S {
  workload { rps 100 }
  client u
  loadbalancer lb { algorithm least_connections mode active_passive health_check every 2s timeout 1s unhealthy_after 3 }
  service api { replicas 3 capacity 300 rps latency 20ms }
  service solo { replicas 2 capacity 100 rps latency 30ms }
  u -> lb -> api -> solo
}`);
        // api: 300 rps × 20 ms = 6 servers per replica (Little's law), one pool each behind the balancer.
        const api = rt.api;
        expect([api.units, api.live, api.balanced, api.serversPerUnit, api.copies]).toEqual([3, 3, true, 6, false]);
        expect(api.stations.length).toBe(1);
        expect(api.stations[0].pools.map((p) => [p.servers, p.replica])).toEqual([[6, 0], [6, 1], [6, 2]]);
        expect([api.stations[0].algorithm, api.stations[0].activePassive]).toEqual(['least_connections', true]);
        // Health check: 3 failed probes 2 s apart plus the 1 s timeout to detect; one interval to readmit.
        expect([api.detectS, api.readmitS]).toEqual([7, 2]);
        expect(Array.from(api.downs)).toEqual([0, 0, 0]);
        expect([api.leader, api.writable, api.excluded, api.downSince]).toEqual([0, true, false, 0]);
        // solo: 100 rps × 30 ms = 3 servers per replica, 6 in one shared pool; no balancer, no health check.
        const solo = rt.solo;
        expect([solo.balanced, solo.serversPerUnit, solo.detectS, solo.readmitS]).toEqual([false, 3, undefined, undefined]);
        expect(solo.stations[0].pools.map((p) => [p.servers, p.replica])).toEqual([[6, -1]]);
        expect([solo.stations[0].algorithm, solo.stations[0].activePassive]).toEqual([undefined, false]);
        for (const r of [api, solo]) {
            expect([r.completions, r.reads, r.writes, r.arrivals, r.retries, r.timeouts, r.failed, r.hits, r.misses, r.lostWrites, r.collapsed, r.hist.count])
                .toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        }
    });

    it('a balanced tier of one replica shares one pool; weights reach the station', async () => {
        const rt = await runtimes(`system S {
  workload { rps 100 }
  client u
  loadbalancer lb { algorithm weighted_round_robin weights [3, 1] }
  service one { capacity 100 rps latency 10ms }
  service two { replicas 2 capacity 100 rps latency 10ms }
  u -> lb
  lb -> one
  lb -> two
}`);
        expect([rt.one.balanced, rt.one.stations[0].pools.length]).toEqual([false, 1]);
        expect([rt.two.balanced, rt.two.stations[0].pools.length]).toEqual([true, 2]);
        expect(rt.two.stations[0].weights).toEqual([3, 1]);
    });

    it('gives a partitioned store a station per shard, numbered, each one pool; copies a pool per replica; writes slower by capacity over write_capacity', async () => {
        const rt = await runtimes(`system S {
  workload { rps 100 }
  client u
  loadbalancer lb { }
  database db { partition hash(id) shards 4 capacity 1000 rps latency 1ms }
  database copies { replicas 3 sync 1 capacity 400 rps write_capacity 100 rps latency 5ms }
  u -> lb -> db
  lb -> copies
}`);
        const db = rt.db;
        expect(db.stations.map((s) => s.shard)).toEqual([0, 1, 2, 3]);
        expect(db.router?.shards).toBe(4);
        // Partitioned (one copy of each shard): no pool per replica even behind a balancer.
        expect([db.balanced, db.copies]).toEqual([false, false]);
        expect(db.stations.every((s) => s.pools.length === 1 && s.writeScale === 1)).toBe(true);
        const c = rt.copies;
        expect([c.copies, c.balanced, c.replication.syncFollowers]).toEqual([true, true, 1]);
        expect(c.stations[0].pools.map((p) => p.replica)).toEqual([0, 1, 2]);
        expect(c.stations[0].writeScale).toBe(4);
        expect(c.router).toBeUndefined();
    });

    it('marks the queue a consumer pulls from on its stations, once however many routes lead there', async () => {
        const rt = await runtimes(`system S {
  workload { rps 100 }
  client u
  service a { }
  service b { }
  queue q { }
  worker w { consumes q }
  u -> a -> q : async
  a -> b -> q : async
}`);
        // Components: u 0, a 1, b 2, q 3, w 4.
        expect(rt.w.stations[0].sources).toEqual([3]);
        expect(rt.a.stations[0].sources).toEqual([]);
    });
});

describe('buildRuntimes: queues', () => {
    it('builds a queue empty with its delivery, retries, dead letter and depth cap', async () => {
        const rt = await runtimes(`system S {
  workload { rps 100 }
  client u
  service a { }
  queue q { delivery at_least_once retries 4 dead_letter dlq max_depth 1k }
  queue dlq
  queue once { delivery at_most_once }
  worker w { consumes q }
  u -> a -> q : async
  a -> once : async
}`);
        const q = rt.q.queue!;
        expect([q.redeliver, q.retries, q.deadLetter, q.capacity]).toEqual([true, 4, 3, 1000]);
        expect([q.depth, q.endDepth, q.maxDepth, q.deadLettered, q.lost, q.dropped, q.lastSlice, q.line.length]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
        expect(Array.from(q.series)).toEqual(new Array(DEPTH_POINTS).fill(0));
        const once = rt.once.queue!;
        expect([once.redeliver, once.deadLetter, once.capacity]).toEqual([false, -1, Infinity]);
        expect(rt.a.queue).toBeUndefined();
    });
});

describe('buildRuntimes: CDN and proxies', () => {
    it('serves a uniform key space\'s hit ratio as the first ranks, and a fraction of the next', async () => {
        // 1,000 equally likely keys: a hit ratio of 25.05% is ranks 1..250 (25%) and half of rank 251 (0.1% each).
        const rt = await runtimes(`system S {
  workload { rps 100 keys 1000 }
  client u
  cdn edge { hit_ratio 0.2505 }
  service origin { }
  u -> edge -> origin
}`);
        expect(rt.edge.cdnRank).toBe(250);
        expect(rt.edge.cdnFraction).toBeCloseTo(0.5, 9);
    });

    it('serves a skewed key space\'s hit ratio by Zipf mass', async () => {
        // 4 keys, s = 1: masses 12/25, 6/25, 4/25, 3/25 (H4 = 25/12). A 60% hit ratio is rank 1 (48%) and
        // half of rank 2 (the 12% left of its 24%).
        const rt = await runtimes(`system S {
  workload { rps 100 keys 4 zipf 1 }
  client u
  cdn edge { hit_ratio 0.6 }
  service origin { }
  u -> edge -> origin
}`);
        expect(rt.edge.cdnRank).toBe(1);
        expect(rt.edge.cdnFraction).toBeCloseTo(0.5, 9);
    });

    it('serves every key at a hit ratio of 1 and none at 0', async () => {
        const text = (ratio: number) => `system S {
  workload { rps 100 keys 10 zipf 0.5 }
  client u
  cdn edge { hit_ratio ${ratio} }
  service origin { }
  u -> edge -> origin
}`;
        const all = (await runtimes(text(1))).edge, none = (await runtimes(text(0))).edge;
        expect([all.cdnRank, all.cdnFraction]).toEqual([10, 0]);
        expect([none.cdnRank, none.cdnFraction]).toEqual([0, 0]);
    });

    it('keeps a collapse table only at a proxy with collapsed forwarding', async () => {
        const rt = await runtimes(`system S {
  workload { rps 100 }
  client u
  proxy p { collapsed_forwarding on capacity 100 items }
  proxy plain { }
  service s { }
  u -> p -> plain -> s
}`);
        expect(rt.p.collapse).toBeInstanceOf(Map);
        expect(rt.plain.collapse).toBeUndefined();
        expect(rt.s.collapse).toBeUndefined();
    });
});

describe('buildRuntimes: caches', () => {
    it('runs a cache that fits by its policy, warmed full: 200 draws of 10 keys leave every key in a 100-item cache', async () => {
        const rt = await runtimes(`system S {
  workload { rps 100 keys 10 }
  client u
  cache c { capacity 100 items eviction lfu invalidation ttl_only write write_back }
  database db { }
  u -> c -> db
}`);
        const c = rt.c;
        expect([c.cacheMode, c.appServer, c.caches!.length, c.write, c.invalidateOnWrite]).toEqual(['simulated', false, 1, 'write_back', false]);
        const cache = c.caches![0] as PolicyCache;
        expect([cache.capacity, cache.policy, cache.ttl]).toEqual([100, 'lfu', Infinity]);
        // Each key is missed by all 200 draws with probability 0.9^200 ≈ 7e-10.
        expect(held(cache, 10)).toBe(10);
        expect(cache.size).toBe(10);
    });

    it('warms a cache smaller than its key space full', async () => {
        const rt = await runtimes(`system S {
  workload { rps 100 keys 100000 }
  client u
  cache c { capacity 50 items }
  database db { }
  u -> c -> db
}`);
        const cache = rt.c.caches![0] as PolicyCache;
        // 100 uniform draws of 100,000 keys: at least 50 distinct all but surely.
        expect(cache.size).toBe(50);
        expect(rt.c.invalidateOnWrite).toBe(true);
    });

    it('warms a cache under a TTL to steady state: a key is held λT/(1+λT) of the time, its age uniform over the TTL', async () => {
        // 1,000 uniform keys read at 1,000 rps: λ = 1/s per key; TTL 1 s: each key held with probability 1/2.
        const rt = await runtimes(`system S {
  workload { rps 1000 keys 1000 read_ratio 1 }
  client u
  cache c { capacity 2000 items ttl 1s }
  database db { }
  u -> c -> db
}`, 1000, 3);
        const cache = rt.c.caches![0] as PolicyCache;
        // Binomial(1000, 1/2): standard deviation ≈ 16.
        const now = held(cache, 1000, 0);
        expect(Math.abs(now - 500), String(now)).toBeLessThan(64);
        // Ages uniform over [0, 1 s): at 0.5 s half of them are still fresh. Binomial(~500, 1/2): sd ≈ 11.
        const later = held(cache, 1000, 0.5);
        expect(Math.abs(later - now / 2), `${later} of ${now}`).toBeLessThan(45);
        expect(held(cache, 1000, 1.0001)).toBe(0);
    });

    it('splits the TTL warm-up over app-server instances: each sees its share of the reads', async () => {
        // Two instances (the tier's two replicas, round robin): λ = 1/2 per key each, TTL 2 s: held 1/2.
        const rt = await runtimes(`system S {
  workload { rps 1000 keys 1000 read_ratio 1 }
  client u
  loadbalancer lb { }
  service api { replicas 2 }
  cache c { placement app_server capacity 2000 items ttl 2s }
  database db { }
  u -> lb -> api -> c -> db
}`, 1000, 5);
        expect([rt.c.appServer, rt.c.caches!.length]).toEqual([true, 2]);
        expect(rt.api.stations[0].setsReplica).toBe(true);
        expect(rt.db.stations[0].setsReplica).toBe(false);
        for (const cache of rt.c.caches as PolicyCache[]) {
            const n = held(cache, 1000);
            expect(Math.abs(n - 500), String(n)).toBeLessThan(64);
        }
    });

    it('under ip_hash pins each key to one instance, which sees all its reads', async () => {
        // λ = 1/s per key in its one instance, TTL 1 s: held 1/2 there, never in the other.
        const rt = await runtimes(`system S {
  workload { rps 1000 keys 1000 read_ratio 1 }
  client u
  loadbalancer lb { algorithm ip_hash }
  service api { replicas 2 }
  cache c { placement app_server capacity 2000 items ttl 1s }
  database db { }
  u -> lb -> api -> c -> db
}`, 1000, 6);
        const [a, b] = rt.c.caches as PolicyCache[];
        let both = 0, total = 0;
        for (let key = 1; key <= 1000; key++) {
            const inA = a.lookup(key, 0), inB = b.lookup(key, 0);
            if (inA && inB) both++;
            if (inA || inB) total++;
        }
        expect(both).toBe(0);
        expect(Math.abs(total - 500), String(total)).toBeLessThan(64);
    });

    it('warms pinned instances by key hash without a TTL: no key in two instances', async () => {
        const rt = await runtimes(`system S {
  workload { rps 1000 keys 100 }
  client u
  loadbalancer lb { algorithm ip_hash }
  service api { replicas 2 }
  cache c { placement app_server capacity 1000 items }
  database db { }
  u -> lb -> api -> c -> db
}`);
        const [a, b] = rt.c.caches as PolicyCache[];
        let both = 0, either = 0;
        for (let key = 1; key <= 100; key++) {
            if (a.lookup(key, 0) && b.lookup(key, 0)) both++;
            if (a.lookup(key, 0) || b.lookup(key, 0)) either++;
        }
        // 4,000 draws of 100 keys: every key is drawn, into its one instance.
        expect([both, either]).toEqual([0, 100]);
    });

    it('warms unpinned instances in turn: both hold the keys', async () => {
        const rt = await runtimes(`system S {
  workload { rps 1000 keys 100 }
  client u
  loadbalancer lb { }
  service api { replicas 2 }
  cache c { placement app_server capacity 1000 items }
  database db { }
  u -> lb -> api -> c -> db
}`);
        for (const cache of rt.c.caches as PolicyCache[]) expect(held(cache, 100)).toBe(100);
    });

    it('uses the analytic per-key model when the instances would hold more than 2^20 items', async () => {
        expect(MAX_SIMULATED_ITEMS).toBe(1 << 20);
        // 10 keys under a TTL: the warm-up walks the keys, not the capacity, so even 2^20 items warm at once.
        const text = (items: number) => `system S {
  workload { rps 1000 keys 10 }
  client u
  loadbalancer lb { }
  service api { replicas 2 }
  cache c { placement app_server capacity ${items} items ttl 10s }
  database db { }
  u -> lb -> api -> c -> db
}`;
        // Two instances of 2^19 items fit exactly; one item more each does not.
        const fits = await runtimes(text(1 << 19));
        expect([fits.c.cacheMode, fits.c.caches!.length]).toEqual(['simulated', 2]);
        const over = await runtimes(text((1 << 19) + 1));
        expect([over.c.cacheMode, over.c.caches!.length]).toEqual(['analytic', 2]);
    });
});
