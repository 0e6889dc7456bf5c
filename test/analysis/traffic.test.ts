import { describe, expect, it } from 'vitest';
import { model } from '../helpers.js';
import { capacityUtilisation, computeLoads, shardLoads } from '../../language-server/analysis/traffic.js';
import { analyse } from '../../language-server/analysis/model-analysis.js';
import { buildTrafficGraph } from '../../language-server/analysis/traffic-graph.js';
import { hottestKeyShare } from '../../language-server/analysis/partition.js';

/**
 * Che's approximation of an LRU cache's hit rate, by brute force over every key: the
 * characteristic time T solves Σ (1 − e^(−p_i·T)) = C, and the hit rate is Σ p_i (1 − e^(−p_i·T)),
 * with p_i ∝ i^(−s) (Che, Tung and Wang 2002).
 */
function cheByBruteForce(capacity: number, keys: number, zipf: number): number {
    const p = new Float64Array(keys);
    let total = 0;
    for (let i = 0; i < keys; i++) total += (p[i] = (i + 1) ** -zipf);
    for (let i = 0; i < keys; i++) p[i] /= total;
    const sum = (f: (pi: number) => number) => {
        let acc = 0;
        for (let i = 0; i < keys; i++) acc += f(p[i]);
        return acc;
    };
    const occupancy = (t: number) => sum((pi) => -Math.expm1(-pi * t));
    // Bisection on log T: occupancy grows with T from 0 towards the key count.
    let lo = 0, hi = Math.log(capacity / p[keys - 1]) + 10;
    for (let step = 0; step < 40; step++) {
        const mid = (lo + hi) / 2;
        if (occupancy(Math.exp(mid)) < capacity) lo = mid; else hi = mid;
    }
    const t = Math.exp((lo + hi) / 2);
    return sum((pi) => pi * -Math.expm1(-pi * t));
}

const rpsOf = async (text: string, options?: Parameters<typeof computeLoads>[1]) => {
    const loads = computeLoads(await model(text), options);
    return (name: string) => loads.get(name)?.rps;
};

describe('offered load', () => {
    it('applies peak, load and an rps override', async () => {
        const text = 'system S { workload { rps 1k peak 3x } client c service a c -> a }';
        expect((await rpsOf(text))('a')).toBeCloseTo(3000);
        expect((await rpsOf(text, { peak: false }))('a')).toBeCloseTo(1000);
        expect((await rpsOf(text, { load: 2 }))('a')).toBeCloseTo(6000);
        expect((await rpsOf(text, { rpsOverride: 500, peak: false }))('a')).toBeCloseTo(500);
    });

    it('gives each flow its share and marks reads and writes', async () => {
        const m = await model(`system S {
            workload { rps 1k }
            client c service api database db
            flow r 80% read : c -> api -> db
            flow w write : c -> api -> db
        }`);
        const loads = computeLoads(m);
        expect(loads.get('db')).toMatchObject({ rps: 1000 });
        expect(loads.get('db')?.readRps).toBeCloseTo(800);
        expect(loads.get('db')?.writeRps).toBeCloseTo(200);
    });

    it('uses only flows where flows are declared', async () => {
        const at = await rpsOf(`system S {
            workload { rps 100 }
            client c service a service b
            c -> a -> b
            flow f : c -> a
        }`);
        expect(at('a')).toBeCloseTo(100);
        expect(at('b')).toBeUndefined();
    });

    it('splits a client over its entry points and a balancer over its targets, and a service calls each', async () => {
        const at = await rpsOf(`system S {
            workload { rps 1k }
            client c loadbalancer lb1 loadbalancer lb2 service a service b database db database logs
            c -> lb1 -> a
            c -> lb2 -> a
            lb2 -> b
            a -> db
            a -> logs
        }`);
        expect(at('lb1')).toBeCloseTo(500);
        expect(at('b')).toBeCloseTo(250);
        expect(at('a')).toBeCloseTo(750);
        expect(at('db')).toBeCloseTo(750);
        expect(at('logs')).toBeCloseTo(750);
    });

    it('weights a weighted round robin balancer', async () => {
        const at = await rpsOf(`system S {
            workload { rps 400 }
            client c loadbalancer lb { algorithm weighted_round_robin weights [3, 1] } service a service b
            c -> lb -> a
            lb -> b
        }`);
        expect(at('a')).toBeCloseTo(300);
        expect(at('b')).toBeCloseTo(100);
    });

    it('gives a client its own rps and splits the workload over the rest', async () => {
        const at = await rpsOf('system S { workload { rps 1k } client a { rps 100 } client b service x service y a -> x b -> y }');
        expect(at('x')).toBeCloseTo(100);
        expect(at('y')).toBeCloseTo(500);
    });

    it('lets a CDN and a cache end their hits', async () => {
        const m = await model(`system S {
            workload { rps 1k keys 100k zipf 1.0 }
            client c cdn edge { hit_ratio 0.9 } service api cache kv { capacity 1k items } database db
            flow f read : c -> edge -> api -> kv -> db
        }`);
        const loads = computeLoads(m);
        expect(loads.get('api')?.rps).toBeCloseTo(100);
        const hit = cheByBruteForce(1_000, 100_000, 1.0);
        expect(loads.get('db')?.rps).toBeCloseTo(100 * (1 - hit));
        expect(loads.get('db')?.missedReadRps).toBeCloseTo(100 * (1 - hit));
    });

    it('passes writes through a cache', async () => {
        const m = await model(`system S {
            workload { rps 1k read_ratio 0.5 }
            client c service api cache kv { capacity 1M items } database db
            c -> api -> kv -> db
        }`);
        expect(computeLoads(m).get('db')?.writeRps).toBeCloseTo(500);
    });

    it('turns an async call into enqueued writes and splits a queue over its consumers by capacity', async () => {
        const at = await rpsOf(`system S {
            workload { rps 900 }
            client c service api queue q
            worker w1 { consumes q capacity 200 rps replicas 2 }
            worker w2 { consumes q capacity 200 rps }
            database stats
            c -> api -> q
            w1 -> stats
        }`);
        expect(at('q')).toBeCloseTo(900);
        expect(at('w1')).toBeCloseTo(600);
        expect(at('w2')).toBeCloseTo(300);
        expect(at('stats')).toBeCloseTo(600);
    });

    it('continues a flow that ends at a queue into its consumers', async () => {
        const m = await model(`system S {
            workload { rps 100 }
            client c service api queue q worker w { consumes q } database db
            w -> db
            flow f write : c -> api -> q
        }`);
        const loads = computeLoads(m);
        expect(loads.get('w')?.rps).toBeCloseTo(100);
        expect(loads.get('db')?.writeRps).toBeCloseTo(100);
    });

    it('sends every request of a directory-partitioned store to its directory', async () => {
        const at = await rpsOf(`system S {
            workload { rps 100 }
            client c service dir database db { partition directory(id) via dir shards 4 }
            c -> db
        }`);
        expect(at('dir')).toBeCloseTo(100);
    });

    it('terminates on cycles and self-loops without double counting', async () => {
        const at = await rpsOf('system S { workload { rps 100 } client c service a service b c -> a -> b -> a a -> a }');
        expect(at('a')).toBeCloseTo(100);
        expect(at('b')).toBeCloseTo(100);
    });

    it('computes utilisation over replicas, and over the busiest shard when partitioned', async () => {
        const m = await model(`system S {
            workload { rps 1k keys 1M }
            client c service api { replicas 4 capacity 500 rps }
            database db { partition range(t) shards 4 key monotonic capacity 500 rps }
            flow f write : c -> api -> db
        }`);
        const loads = computeLoads(m);
        expect(loads.get('api')?.utilisation).toBeCloseTo(0.5);
        expect(loads.get('db')?.busiestShard?.index).toBe(3);
        expect(loads.get('db')?.busiestShard?.rps).toBeCloseTo(1000);
        expect(loads.get('db')?.busiestShard?.share).toBeCloseTo(1);
        expect(loads.get('db')?.utilisation).toBeCloseTo(2);
    });

    it('leaves the hottest key of reads at the cache in front, not at the store', async () => {
        const text = (cache: string) => `system S {
            workload { rps 10k keys 1M zipf 1.1 }
            client c service api ${cache} database db
            flow f read : c -> api -> ${cache ? 'kv -> ' : ''}db
        }`;
        const bare = computeLoads(await model(text(''))).get('db')!;
        expect(bare.hotKeyRps).toBeCloseTo(10_000 * hottestKeyShare(1e6, 1.1));
        const cached = computeLoads(await model(text('cache kv { capacity 100k items }'))).get('db')!;
        expect(cached.hotKeyRps).toBeLessThan(bare.hotKeyRps / 100);
    });

    it('spreads missed reads evenly over shards but skewed direct traffic unevenly', async () => {
        const m = await model('system S { workload { keys 1M zipf 1.2 } database db { partition hash(k) shards 8 consistent vnodes 512 } }');
        const db = m.components.get('db')!;
        const skewed = shardLoads(m, db, { readRps: 1000, writeRps: 0, missedReadRps: 0 });
        const missed = shardLoads(m, db, { readRps: 1000, writeRps: 0, missedReadRps: 1000 });
        expect(skewed.reduce((a, b) => a + b)).toBeCloseTo(1000);
        expect(Math.max(...skewed)).toBeGreaterThan(Math.max(...missed));
        expect(Math.max(...missed)).toBeLessThan(1000 / 8 * 1.25);
    });

    it('splits reads, writes and the hottest key at every hop: an async call enqueues all of it as writes', async () => {
        // 100 uniform keys: the hottest key takes 1% of every stream.
        const loads = computeLoads(await model(`system S {
            workload { rps 900 read_ratio 0.8 keys 100 zipf 0 }
            client c service api queue q worker w { consumes q } database db
            c -> api -> q
            w -> db
        }`));
        expect(loads.get('api')).toMatchObject({ readRps: 720, writeRps: 180, missedReadRps: 0 });
        expect(loads.get('api')?.hotKeyReadRps).toBeCloseTo(7.2);
        expect(loads.get('api')?.hotKeyWriteRps).toBeCloseTo(1.8);
        expect(loads.get('api')?.hotKeyRps).toBeCloseTo(9);
        for (const name of ['q', 'w', 'db']) {
            expect(loads.get(name), name).toMatchObject({ rps: 900, readRps: 0, writeRps: 900 });
            expect(loads.get(name)?.hotKeyRps, name).toBeCloseTo(9);
        }
    });

    it('carries a cache\'s misses and their hot key on through later hops and an [xN] call', async () => {
        // LRU over 100 uniform keys in 50 items: Che gives every key the same hit rate, 50/100.
        const m = await model(`system S {
            workload { rps 1k keys 100 zipf 0 }
            client c service api cache kv { capacity 50 items invalidation none } service svc database db
            flow f read : c -> api -> kv -> svc -> { db [x4], audit [write] }
        }`.replace('database db', 'database db database audit'));
        const loads = computeLoads(m);
        // A [write] step turns the misses it is sent into writes.
        expect(loads.get('audit')).toMatchObject({ readRps: 0, missedReadRps: 0 });
        expect(loads.get('audit')?.writeRps).toBeCloseTo(500, 3);
        expect(analyse(m).traffic.hitRates.get('kv')).toBeCloseTo(0.5, 6);
        expect(loads.get('svc')?.readRps).toBeCloseTo(500, 3);
        expect(loads.get('svc')?.missedReadRps).toBeCloseTo(500, 3);
        expect(loads.get('svc')?.hotKeyReadRps).toBeCloseTo(5, 5);
        expect(loads.get('db')?.readRps).toBeCloseTo(2000, 3);
        expect(loads.get('db')?.missedReadRps).toBeCloseTo(2000, 3);
        expect(loads.get('db')?.hotKeyReadRps).toBeCloseTo(20, 5);
    });

    it('refits a TTL cache to the read rate it sees: each key hits λ·ttl / (1 + λ·ttl)', async () => {
        // 1,000 reads/s over 100 uniform keys that all fit: 10 reads of a key per 1 s TTL, so 10/11 hit.
        const m = await model(`system S {
            workload { rps 1k keys 100 zipf 0 }
            client c service api cache kv { capacity 1k items ttl 1s invalidation none } database db
            flow f read : c -> api -> kv -> db
        }`);
        expect(analyse(m).traffic.hitRates.get('kv')).toBeCloseTo(10 / 11, 9);
        expect(computeLoads(m).get('db')?.rps).toBeCloseTo(1000 / 11, 6);
        expect(computeLoads(m).get('db')?.hotKeyRps).toBeCloseTo(10 / 11, 6);
    });

    it('refits a TTL cache behind another cache to the misses it is sent', async () => {
        // kv1 keeps half of 100 uniform keys; its 500 misses/s (5 per key) meet kv2's 1 s TTL: 5/6 hit.
        const m = await model(`system S {
            workload { rps 1k keys 100 zipf 0 }
            client c service api cache kv1 { capacity 50 items invalidation none }
            cache kv2 { capacity 1k items ttl 1s invalidation none } database db
            flow f read : c -> api -> kv1 -> kv2 -> db
        }`);
        expect(analyse(m).traffic.hitRates.get('kv2')).toBeCloseTo(5 / 6, 6);
        expect(computeLoads(m).get('db')?.rps).toBeCloseTo(500 / 6, 3);
    });

    it('makes the misses entering a store with its own key space fresh reads of its keys', async () => {
        // kv keeps half of the workload's 100 keys; users' 10 uniform keys give its hottest key 10% of 500/s.
        const users = computeLoads(await model(`system S {
            workload { rps 1k keys 100 zipf 0 }
            client c service api cache kv { capacity 50 items invalidation none } service svc database users { keys 10 zipf 0 }
            c -> api -> kv -> svc -> users
        }`)).get('users')!;
        expect(users.readRps).toBeCloseTo(500, 3);
        expect(users.missedReadRps).toBe(0);
        expect(users.hotKeyReadRps).toBeCloseTo(50, 5);
    });

    it('serves a cache\'s misses their hottest key from the key space it fronts, not the workload\'s', async () => {
        // kv fronts users (100 uniform keys) and keeps half of them; the workload's billion keys do not count.
        const loads = computeLoads(await model(`system S {
            workload { rps 1k read_ratio 0.5 keys 1B zipf 0 }
            client c service api cache kv { capacity 50 items invalidation none } database users { keys 100 zipf 0 }
            c -> api -> kv -> users
        }`));
        expect(loads.get('kv')?.hotKeyReadRps).toBeCloseTo(5);
        expect(loads.get('users')?.readRps).toBeCloseTo(250, 3);
        expect(loads.get('users')?.hotKeyReadRps).toBeCloseTo(2.5, 5);
        expect(loads.get('users')?.hotKeyWriteRps).toBeCloseTo(5);
    });

    it('makes a read of a round-robin partitioned store ask every shard, and judges capacity per shard or over all', async () => {
        const m = await model(`system S {
            workload { rps 100 read_ratio 0.5 }
            client c service api database db { partition round_robin shards 4 capacity 100 rps replicas 2 }
            c -> api -> db
        }`);
        const db = computeLoads(m).get('db')!;
        // 50 reads/s ask all 4 shards (200 requests), 50 writes/s go to one each: 62.5 per shard.
        expect(db).toMatchObject({ rps: 250, readRps: 200, writeRps: 50 });
        // Equally busy shards: the first is named.
        expect(db.busiestShard).toEqual({ index: 0, rps: 62.5, share: 0.25 });
        expect(db.utilisation).toBeCloseTo(62.5 / 200);
        expect(capacityUtilisation(m.components.get('db')!, db)).toEqual({ utilisation: 250 / 800, capacityRps: 800 });
        // A service without capacity or partition has neither utilisation, shards nor replicas to judge.
        const api = computeLoads(m).get('api')!;
        expect(capacityUtilisation(m.components.get('api')!, api)).toBeUndefined();
        expect([api.utilisation, api.busiestShard, api.replication]).toEqual([undefined, undefined, undefined]);
    });

    it('never judges a client\'s utilisation, even where it states a capacity', async () => {
        const m = await model('system S { workload { rps 1k } client c { capacity 100 rps } service a c -> a }');
        const c = computeLoads(m).get('c')!;
        expect(c.rps).toBeCloseTo(1000);
        expect(c.utilisation).toBeUndefined();
        expect(capacityUtilisation(m.components.get('c')!, c)).toBeUndefined();
    });

    it('cuts the edge that closes a cycle so the graph stays a DAG', async () => {
        const graph = buildTrafficGraph(await model('system S { client c service a service b c -> a -> b -> a }'));
        const names = graph.order.map((n) => n.component.name);
        expect(names).toEqual(['c', 'a', 'b']);
        expect(graph.order[2].out).toEqual([]);
    });
});

describe('store loads at the edges', () => {
    it('gives a single-replica store its replica load, and a replicated cache with a leader its copies', async () => {
        const loads = computeLoads(await model(`system S { workload { rps 400 read_ratio 0.75 } client c service api
            database db { capacity 1k rps } cache kv { replicas 2 leader single capacity 1k rps } c -> api -> db api -> kv }`));
        // db: 300 reads and 100 writes on its one replica against 1000 rps each → 0.4.
        expect(loads.get('db')!.replication).toMatchObject({ readReplicas: 1, readRpsPerReplica: 300, writeRpsPerShard: 100, utilisation: 0.4 });
        expect(loads.get('kv')!.replication).toBeDefined();
        expect(loads.get('api')!.replication).toBeUndefined();
    });

    it('splits a store’s own traffic by its write_ratio even when nothing reaching it reads', async () => {
        const db = computeLoads(await model(`system S { workload { rps 1000 read_ratio 0 keys 10 } client c
            database db { write_ratio 0.3 } c -> db }`)).get('db')!;
        expect(db.writeRps).toBeCloseTo(300, 9);
        expect(db.readRps).toBeCloseTo(700, 9);
        // The 700 reads follow the workload's keys: the hottest of 10 uniform keys takes 1/10.
        expect(db.hotKeyReadRps).toBeCloseTo(70, 9);
    });

    it('names shard 0 the busiest of an idle partitioned store, with an even share', async () => {
        const db = computeLoads(await model(`system S { workload { rps 0 } client c
            database db { capacity 100 rps partition hash(id) shards 4 } c -> db }`)).get('db')!;
        expect(db.busiestShard).toEqual({ index: 0, rps: 0, share: 0.25 });
        expect(db.utilisation).toBe(0);
    });
});

describe('key spaces meeting downstream', () => {
    // Writes only: each cache passes its 1000 writes on; `[read]` recasts them as reads of their space's keys,
    // whose hottest key takes 1/10 (cache ca's 10 keys), or 1/100 (the workload's 100) once streams of two spaces mix.
    const text = (edges: string) => `system S { workload { rps 1000 read_ratio 0 keys 100 } client c service api
        cache ca { keys 10 } cache cb { keys 1000 } service s1 service s2 service t
        c -> api ${edges} s1 -> s2 [read] }`;

    it('keeps a stream’s key space when it meets more of the same space', async () => {
        const s2 = computeLoads(await model(text('api -> ca ca -> s1 ca -> t t -> s1'))).get('s2')!;
        expect(s2.readRps).toBeCloseTo(2000, 9);
        expect(s2.hotKeyRps).toBeCloseTo(200, 9);
    });

    it('counts a mix of two spaces against the workload’s keys', async () => {
        const s2 = computeLoads(await model(text('api -> ca api -> cb ca -> s1 cb -> s1'))).get('s2')!;
        expect(s2.readRps).toBeCloseTo(2000, 9);
        expect(s2.hotKeyRps).toBeCloseTo(20, 9);
    });
});
