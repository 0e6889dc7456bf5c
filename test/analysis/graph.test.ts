/**
 * The traffic graph and what hangs off it (traffic-graph.ts, key-spaces.ts, caches.ts,
 * shard-loads.ts, shard-shares.ts), checked against graphs and figures worked by hand from
 * language.md: which edges each node has, how spreaders split, the sources' shares, the key
 * space each component reads, an app_server cache's tier, and per-shard loads summed key by key.
 */
import { describe, expect, it } from 'vitest';
import { model } from '../helpers.js';
import type { ArchModel, PartitionSpec, Workload } from '../../language-server/model/types.js';
import { DEFAULT_BACKOFF_S, buildTrafficGraph, guardOf, splitWeights, storeWriteShare, type TrafficNode } from '../../language-server/analysis/traffic-graph.js';
import { frontedStores, keySpaceOf, withSpace, workloadSpace } from '../../language-server/analysis/key-spaces.js';
import { cacheHitModel, cacheTier, callersOf, isCaching } from '../../language-server/analysis/caches.js';
import { hitModel } from '../../language-server/analysis/cache-model.js';
import { shardLoads, shardReadWrite } from '../../language-server/analysis/shard-loads.js';
import { cachedShardShares } from '../../language-server/analysis/shard-shares.js';
import { mix32, unitHash } from '../../language-server/analysis/hash.js';

/** Each node's edges as `from -kind-> to`, nodes in graph order, flow nodes prefixed with their flow. */
function edges(m: ArchModel): string[] {
    const graph = buildTrafficGraph(m);
    const name = (n: TrafficNode) => (n.flow ? `${n.flow}:` : '') + n.component.name;
    return graph.order.flatMap((n) => n.out.map((e) => `${name(n)} -${e.kind}-> ${name(e.to)}`));
}

const get = (m: ArchModel, name: string) => m.components.get(name)!;

describe('buildTrafficGraph', () => {
    it('enters the connection graph at every client, splitting the workload evenly unless a client states its rps', async () => {
        const m = await model('system S { workload { rps 1000 read_ratio 0.8 } client a { rps 250 } client b client c service api a -> api b -> api c -> api }');
        const graph = buildTrafficGraph(m);
        expect(graph.sources.map((s) => [s.kind, s.name, s.share, s.readShare])).toEqual([
            ['client', 'a', 0.25, 0.8], ['client', 'b', 1 / 3, 0.8], ['client', 'c', 1 / 3, 0.8],
        ]);
        expect(graph.sources.map((s) => s.root)).toEqual(['a', 'b', 'c'].map((n) => graph.byComponent.get(n)));
        expect(graph.order.map((n) => n.component.name).sort()).toEqual(['a', 'api', 'b', 'c']);
        // A client's rps against a workload of 0 rps is no share of it: the even split stands.
        const idle = buildTrafficGraph(await model('system S { workload { rps 0 } client a { rps 5 } client b service api a -> api b -> api }'));
        expect(idle.sources.map((s) => s.share)).toEqual([0.5, 0.5]);
    });

    it('builds one tree per flow, reads and writes as the flow says, a final queue handing over to its consumers', async () => {
        const m = await model(`system S {
            workload { rps 100 read_ratio 0.6 }
            client c service api queue q worker w { consumes q } database db
            c -> api -> db
            flow get 50% read : c -> api -> db
            flow put 30% write : c -> api -> q
            flow any 20% : c -> api
            w -> db
        }`);
        const graph = buildTrafficGraph(m);
        expect(graph.sources.map((s) => [s.kind, s.name, s.share, s.readShare])).toEqual([['flow', 'get', 0.5, 1], ['flow', 'put', 0.3, 0], ['flow', 'any', 0.2, 0.6]]);
        expect(edges(m).sort()).toEqual([
            'any:c -call-> any:api',
            'get:api -call-> get:db', 'get:c -call-> get:api',
            'put:api -async-> put:q', 'put:c -call-> put:api', 'put:q -consume-> w',
            'w -call-> db',
        ]);
        const consume = graph.order.find((n) => n.flow === 'put' && n.component.name === 'q')!.out[0];
        expect(consume.call).toEqual({ count: 1, share: 1 });
    });

    it('keeps a flow step’s own annotation and the kind of the connection it follows', async () => {
        const m = await model(`system S {
            client c service api service s database db
            c -> api
            api -> s : async
            flow f 100% : c -> api -> { db [x3, 50%], s }
        }`);
        const api = buildTrafficGraph(m).order.find((n) => n.flow === 'f' && n.component.name === 'api')!;
        expect(api.out.map((e) => [e.to.component.name, e.kind, e.call.count, e.call.share])).toEqual([['db', 'call', 3, 0.5], ['s', 'async', 1, 1]]);
    });

    it('calls the lookup of a directory partition on every request, unless the path already passed it or a connection routes it', async () => {
        const m = await model(`system S {
            client c service api service lookup database db { partition directory(id) via lookup shards 4 }
            c -> api -> db
        }`);
        expect(edges(m).sort()).toEqual(['api -call-> db', 'c -call-> api', 'db -call-> lookup']);
        const routed = await model(`system S {
            client c service api service lookup database db { partition directory(id) via lookup shards 4 }
            c -> api -> lookup -> db
        }`);
        expect(edges(routed).sort()).toEqual(['api -call-> lookup', 'c -call-> api', 'lookup -call-> db']);
        const flows = await model(`system S {
            client c service api service lookup database db { partition directory(id) via lookup shards 4 }
            flow a 50% : c -> api -> lookup -> db
            flow b 50% : c -> api -> db
        }`);
        expect(edges(flows).sort()).toEqual([
            'a:api -call-> a:lookup', 'a:c -call-> a:api', 'a:lookup -call-> a:db',
            'b:api -call-> b:db', 'b:c -call-> b:api', 'b:db -call-> lookup',
            // flow a implies the connection lookup -> db, which the shared node keeps.
            'lookup -call-> db',
        ]);
    });

    it('drops the edge that closes a cycle and orders every node before those it sends to', async () => {
        const m = await model('system S { client c service a service b service d c -> a -> b -> d -> a b -> a }');
        expect(edges(m)).toEqual(['c -call-> a', 'a -call-> b', 'b -call-> d']);
        // Two clients reaching one service: it appears once, after both.
        const shared = buildTrafficGraph(await model('system S { client x client y service s x -> s y -> s }'));
        expect(shared.order.map((n) => n.component.name)).toEqual(['y', 'x', 's']);
    });

    it('routes directory lookups the way a declared connection says, adding none beside it', async () => {
        // api reaches db before lookup: the declared lookup -> db must stay, no db -> lookup be invented.
        const routed = await model(`system S {
            client c service api service lookup database db { partition directory(id) via lookup shards 4 }
            c -> api api -> db api -> lookup lookup -> db
        }`);
        expect(edges(routed)).toEqual(['c -call-> api', 'api -call-> db', 'api -call-> lookup', 'lookup -call-> db']);
        // A store that already calls its lookup keeps one edge to it.
        const declared = await model(`system S {
            client c service lookup database db { partition directory(id) via lookup shards 4 }
            c -> db db -> lookup
        }`);
        expect(edges(declared)).toEqual(['c -call-> db', 'db -call-> lookup']);
    });

    it('looks the directory up again after a sibling step called it, but not below a step that did', async () => {
        const m = await model(`system S {
            client c service api service lookup database db { partition directory(id) via lookup shards 4 }
            flow f 100% : c -> api -> { lookup, db }
        }`);
        expect(edges(m).sort()).toEqual(['f:api -call-> f:db', 'f:api -call-> f:lookup', 'f:c -call-> f:api', 'f:db -call-> lookup']);
    });

    it('gives a flow step into a queue’s consumer a plain call, whatever the step says', async () => {
        const m = await model('system S { client c service api queue q worker w { consumes q } flow f 100% : c -> api -> q -> w [x3] }');
        const q = buildTrafficGraph(m).order.find((n) => n.flow === 'f' && n.component.name === 'q')!;
        expect(q.out.map((e) => [e.to.component.name, e.kind, e.call])).toEqual([['w', 'consume', { count: 1, share: 1 }]]);
    });

    it('cuts a cycle back into a client and walks a root another root reached only once', async () => {
        expect(edges(await model('system S { client c service a c -> a a -> c }'))).toEqual(['c -call-> a']);
        const twice = buildTrafficGraph(await model('system S { client x client y service s x -> y y -> s }'));
        expect(twice.order.map((n) => n.component.name)).toEqual(['x', 'y', 's']);
    });

    it('skips a flow whose first step names no component', async () => {
        const m = await model('system S { client c service api flow f 100% : c -> api }');
        expect(buildTrafficGraph(m).sources.map((s) => s.name)).toEqual(['f']);
    });
});

describe('guardOf', () => {
    it('guards a call that states a timeout or retries, with no timeout, no retries and the default backoff where unsaid', async () => {
        const m = await model(`system S { client c service api service a service b service d service e
            c -> api
            api -> a { timeout 2s }
            api -> b { retries 3 backoff 50ms }
            api -> d
            api -> e { retries 0 }
        }`);
        const byTarget = (to: string) => m.edges.find((e) => e.from === 'api' && e.to === to);
        expect(guardOf(byTarget('a'))).toEqual({ timeoutS: 2, retries: 0, backoffS: DEFAULT_BACKOFF_S });
        expect(guardOf(byTarget('b'))).toEqual({ timeoutS: Infinity, retries: 3, backoffS: 0.05 });
        expect(guardOf(byTarget('d'))).toBeUndefined();
        expect(guardOf(byTarget('e'))).toBeUndefined();
        expect(guardOf(undefined)).toBeUndefined();
        const queued = await model('system S { client c service api queue q worker w { consumes q } c -> api api -> q : async { retries 3 } }');
        expect(guardOf(queued.edges.find((e) => e.to === 'q'))).toBeUndefined();
        expect(DEFAULT_BACKOFF_S).toBe(0.01);
        const graph = buildTrafficGraph(m);
        expect(graph.byComponent.get('api')!.out.map((e) => e.guard?.retries)).toEqual([0, 3, undefined, undefined]);
    });
});

describe('splitWeights', () => {
    const node = (m: ArchModel, name: string) => buildTrafficGraph(m).byComponent.get(name)!;

    it('lets a service call each dependency, a balancer split evenly or by its weights', async () => {
        const m = await model(`system S { client c
            loadbalancer even loadbalancer weighted { algorithm weighted_round_robin weights [3, 1] }
            loadbalancer wrong { algorithm weighted_round_robin weights [3, 1, 1] } loadbalancer ignored { weights [3, 1] }
            service a service b service api
            c -> even c -> weighted c -> wrong c -> ignored c -> api
            even -> a even -> b weighted -> a weighted -> b wrong -> a wrong -> b ignored -> a ignored -> b api -> a api -> b }`);
        expect(splitWeights(node(m, 'even'))).toEqual([0.5, 0.5]);
        expect(splitWeights(node(m, 'weighted'))).toEqual([0.75, 0.25]);
        expect(splitWeights(node(m, 'wrong'))).toEqual([0.5, 0.5]);
        expect(splitWeights(node(m, 'ignored'))).toEqual([0.5, 0.5]);
        expect(splitWeights(node(m, 'api'))).toEqual([1, 1]);
        expect(splitWeights(node(m, 'c'))).toEqual([0.2, 0.2, 0.2, 0.2, 0.2]);
    });

    it('splits weights of 0 evenly', async () => {
        const m = await model(`system S { client c loadbalancer lb { algorithm weighted_round_robin weights [0, 0] } service a service b c -> lb lb -> a lb -> b }`);
        expect(splitWeights(node(m, 'lb'))).toEqual([0.5, 0.5]);
    });

    it('shares a queue’s messages by its consumers’ capacities, evenly when any states none', async () => {
        const sized = await model(`system S { client c queue q worker w1 { consumes q capacity 100 rps replicas 3 } worker w2 { consumes q capacity 100 rps } c -> q }`);
        expect(splitWeights(node(sized, 'q'))).toEqual([0.75, 0.25]);
        const unsized = await model(`system S { client c queue q worker w1 { consumes q capacity 100 rps } worker w2 { consumes q } worker w3 { consumes q } c -> q }`);
        expect(splitWeights(node(unsized, 'q'))).toEqual([1 / 3, 1 / 3, 1 / 3]);
    });

    it('splits evenly among consumers whose capacities add up to nothing', async () => {
        const m = await model('system S { client c queue q worker w1 { consumes q capacity 100 rps } worker w2 { consumes q capacity 100 rps } c -> q }');
        const q = node(m, 'q');
        const idle = { ...q, out: q.out.map((e) => ({ ...e, to: { ...e.to, component: { ...e.to.component, capacityRps: 0 } } })) };
        expect(splitWeights(idle)).toEqual([0.5, 0.5]);
    });

    it('takes a store’s write_ratio only without flows', async () => {
        const text = 'system S { client c database db { write_ratio 0.3 } c -> db';
        const plain = await model(`${text} }`);
        expect(storeWriteShare(plain, get(plain, 'db'))).toBe(0.3);
        expect(storeWriteShare(plain, get(plain, 'c'))).toBeUndefined();
        const flows = await model(`${text} flow f 100% : c -> db }`);
        expect(storeWriteShare(flows, get(flows, 'db'))).toBeUndefined();
    });
});

describe('key spaces', () => {
    it('gives stores, caches and queues their own space, else a cache the space of the store behind it, else the workload’s', async () => {
        const m = await model(`system S {
            workload { keys 1M zipf 0.8 }
            client c service api cdn edge loadbalancer lb
            cache own { keys 1k zipf 1.2 } cache front cache plain cache chain
            database users { keys 10k zipf 1 } database other store blobs { keys 500 } queue q { keys 200 zipf 0.5 } queue q2
            c -> edge -> lb -> api
            api -> own api -> front -> users api -> plain -> other api -> chain -> front api -> blobs api -> q api -> q2
        }`);
        const space = (name: string) => keySpaceOf(m, get(m, name));
        expect(workloadSpace(m)).toEqual({ id: '', keys: 1e6, zipf: 0.8, hottest: expect.closeTo(1 / zipf(1e6, 0.8), 9) });
        expect(space('users')).toEqual({ id: 'users', keys: 1e4, zipf: 1, hottest: expect.closeTo(1 / zipf(1e4, 1), 8) });
        expect(space('own')).toMatchObject({ id: 'own', keys: 1000, zipf: 1.2 });
        expect(space('blobs')).toMatchObject({ id: 'blobs', keys: 500, zipf: 0 });
        expect(space('q')).toMatchObject({ id: 'q', keys: 200, zipf: 0.5 });
        expect(space('front')).toBe(space('users'));
        expect(space('chain')).toBe(space('users'));
        for (const name of ['plain', 'other', 'edge', 'q2']) expect(space(name), name).toBe(workloadSpace(m));
        for (const name of ['api', 'lb', 'c']) expect(space(name), name).toBeUndefined();
        expect(frontedStores(m, get(m, 'chain')).map((s) => s.name)).toEqual(['users']);
        expect(frontedStores(m, get(m, 'edge')).map((s) => s.name)).toEqual([]);
    });

    it('finds the stores a cache fronts through further caches and CDNs, not through services or async edges', async () => {
        const m = await model(`system S { client c cache a cache b cdn e service s database d1 database d2 database d3 database d4 queue q
            c -> a a -> b b -> d1 a -> d2 a -> s s -> d3 a -> e e -> d4 a -> q : async b -> a }`);
        expect(frontedStores(m, get(m, 'a')).map((s) => s.name)).toEqual(['d2', 'd1', 'd4']);
    });

    it('takes the space of the first store behind a cache that declares one, and no store behind an async edge', async () => {
        const m = await model(`system S { client c cache k cache j database plain database keyed { keys 5k } database later
            c -> k k -> plain k -> keyed c -> j j -> later : async }`);
        expect(keySpaceOf(m, get(m, 'k'))).toBe(keySpaceOf(m, get(m, 'keyed')));
        expect(frontedStores(m, get(m, 'j'))).toEqual([]);
    });

    it('puts a space’s keys and skew on a workload, or leaves it as it is', async () => {
        const w: Workload = { rps: 10, peak: 2, keys: 5, zipf: 0.1, readRatio: 0.5 };
        expect(withSpace(w, { id: 'x', keys: undefined, zipf: 1.1, hottest: 0 })).toEqual({ rps: 10, peak: 2, keys: undefined, zipf: 1.1, readRatio: 0.5 });
        expect(withSpace(w, undefined)).toBe(w);
    });
});

/** H(N, s) by brute force. */
function zipf(keys: number, s: number): number {
    let sum = 0;
    for (let k = 1; k <= keys; k++) sum += k ** -s;
    return sum;
}

describe('caches', () => {
    it('names caching components: caches, CDNs and proxies with cache settings', async () => {
        const m = await model('system S { client c cdn e cache k proxy p { eviction lru } proxy bare service s c -> e -> k -> p -> bare -> s }');
        expect(['e', 'k', 'p', 'bare', 's', 'c'].map((n) => isCaching(get(m, n)))).toEqual([true, true, true, false, false, false]);
    });

    it('puts an app_server cache in its busiest calling tier, behind that tier’s balancer, on the larger replica count', async () => {
        const m = await model(`system S { client c loadbalancer lb loadbalancer lb2 service small { replicas 2 } service big { replicas 6 }
            cache local { placement app_server } cache shared { replicas 3 } cache orphan { placement app_server replicas 2 }
            c -> lb -> big c -> lb2 -> small c -> local lb -> local big -> local small -> local big -> shared lb2 -> orphan }`);
        expect(cacheTier(m, get(m, 'local'))).toEqual({ replicas: 6, tier: get(m, 'big'), balancer: get(m, 'lb') });
        expect(cacheTier(m, get(m, 'shared'))).toEqual({ replicas: 3 });
        expect(cacheTier(m, get(m, 'orphan'))).toEqual({ replicas: 2 });
        expect(callersOf(m, 'local').map((x) => x.name)).toEqual(['c', 'lb', 'big', 'small']);
    });

    it('picks the calling tier with most replicas whatever the order of the calls, never a client or an async caller', async () => {
        const m = await model(`system S { client c service small { replicas 2 } service big { replicas 6 } service mid { replicas 3 } service one
            cache local { placement app_server } cache solo { placement app_server }
            c -> small c -> big c -> mid c -> one
            small -> local big -> local mid -> local c -> solo one -> solo big -> solo : async }`);
        expect(cacheTier(m, get(m, 'local')).tier).toBe(get(m, 'big'));
        expect(cacheTier(m, get(m, 'solo'))).toEqual({ replicas: 1, tier: get(m, 'one'), balancer: undefined });
        expect(callersOf(m, 'solo').map((x) => x.name)).toEqual(['c', 'one']);
    });

    it('keeps an app_server cache’s own replicas when they outnumber its tier’s', async () => {
        const m = await model('system S { client c service api { replicas 2 } cache local { placement app_server replicas 5 } c -> api -> local }');
        expect(cacheTier(m, get(m, 'local'))).toEqual({ replicas: 5, tier: get(m, 'api'), balancer: undefined });
    });

    it('makes a CDN hit its hottest keys at its hit ratio, and a component that caches nothing never hit', async () => {
        const m = await model('system S { client c cdn e { hit_ratio 0.9 } cdn none { hit_ratio 0 } service s c -> e -> s c -> none -> s }');
        const cdn = cacheHitModel(m, get(m, 'e'));
        expect([cdn.hitRate, cdn.itemHit(1), cdn.itemHit(1000)]).toEqual([0.9, 1, 1]);
        const empty = cacheHitModel(m, get(m, 'none'));
        expect([empty.hitRate, empty.itemHit(1)]).toEqual([0, 0]);
        const service = cacheHitModel(m, get(m, 's'));
        expect([service.hitRate, service.itemHit(1)]).toEqual([0, 0]);
    });

    it('fits a cache’s hit model with its key space, tier, balancer and the reads among the calls into it', async () => {
        const m = await model(`system S {
            workload { rps 1000 keys 10k zipf 0.9 read_ratio 0.5 }
            client c loadbalancer lb { algorithm ip_hash } service api { replicas 4 }
            cache k { placement app_server capacity 500 items ttl 10s }
            database db { keys 2k zipf 1.1 }
            flow r 60% read : c -> lb -> api -> k -> db
            flow w 30% write : c -> lb -> api -> k
            flow m 10% : c -> lb -> api -> k
        }`);
        // Reads through k: 600 + 0 + 100 × 0.5 = 650 of 1000 calls.
        const expected = hitModel({ policy: 'lru', capacityItems: 500, keys: 2000, zipf: 1.1, ttlS: 10, rps: 200, replicas: 4, placement: 'app_server', balancer: 'ip_hash', readRatio: 0.65 });
        expect(cacheHitModel(m, get(m, 'k'), 200).hitRate).toBeCloseTo(expected.hitRate, 12);
        const roundRobin = hitModel({ policy: 'lru', capacityItems: 500, keys: 2000, zipf: 1.1, ttlS: 10, rps: 200, replicas: 4, placement: 'app_server', balancer: 'round_robin', readRatio: 0.65 });
        expect(cacheHitModel(m, get(m, 'k'), 200, 'round_robin').hitRate).toBeCloseTo(roundRobin.hitRate, 12);
        expect(roundRobin.hitRate).not.toBeCloseTo(expected.hitRate, 3);
        const noReads = hitModel({ policy: 'lru', capacityItems: 500, keys: 2000, zipf: 1.1, ttlS: 10, rps: 200, replicas: 4, placement: 'app_server', balancer: 'ip_hash', readRatio: 0.5 });
        expect(noReads.hitRate).not.toBeCloseTo(expected.hitRate, 3);
    });

    it('takes the workload’s keys, skew and read ratio where nothing narrows them', async () => {
        const m = await model(`system S { workload { keys 3k zipf 0.7 read_ratio 0.8 } client c service api cache k { capacity 300 items } c -> api -> k }`);
        const expected = hitModel({ policy: 'lru', capacityItems: 300, keys: 3000, zipf: 0.7, replicas: 1, placement: 'distributed', readRatio: 0.8 });
        expect(cacheHitModel(m, get(m, 'k')).hitRate).toBeCloseTo(expected.hitRate, 12);
        expect(expected.hitRate).not.toBeCloseTo(hitModel({ policy: 'lru', capacityItems: 300, keys: 3000, zipf: 0.7, readRatio: 1 }).hitRate, 3);
    });
});

describe('shard loads', () => {
    const text = (extra: string) => `system S { workload { keys 200 zipf 1 } client c service api database db { partition ${extra} } c -> api -> db }`;

    /** Per-shard shares of 200 Zipf(s) keys placed by `shard`, summed key by key. */
    function byKey(shards: number, s: number, shard: (k: number) => number): number[] {
        const out = new Array<number>(shards).fill(0);
        const norm = zipf(200, s);
        for (let k = 1; k <= 200; k++) out[shard(k)] += k ** -s / norm;
        return out;
    }

    it('spreads direct reads by key skew, missed reads uniformly and writes where the scheme puts them', async () => {
        const m = await model(text('range(t) shards 4 key monotonic'));
        const { reads, writes } = shardReadWrite(m, get(m, 'db'), { readRps: 1000, writeRps: 100, missedReadRps: 400 });
        const skewed = byKey(4, 1, (k) => Math.floor(unitHash(k) * 4));
        const uniform = byKey(4, 0, (k) => Math.floor(unitHash(k) * 4));
        reads.forEach((r, i) => expect(r, `reads on ${i}`).toBeCloseTo(600 * skewed[i] + 400 * uniform[i], 9));
        expect(writes).toEqual([0, 0, 0, 100]);
        shardLoads(m, get(m, 'db'), { readRps: 1000, writeRps: 100, missedReadRps: 400 }).forEach((l, i) => expect(l).toBeCloseTo(reads[i] + writes[i], 9));
    });

    it('leaves out what does not arrive: only misses, only writes, or nothing', async () => {
        const m = await model(text('hash(id) shards 3'));
        const uniform = byKey(3, 0, (k) => mix32(k) % 3);
        const misses = shardReadWrite(m, get(m, 'db'), { readRps: 300, writeRps: 0, missedReadRps: 300 });
        misses.reads.forEach((r, i) => expect(r).toBeCloseTo(300 * uniform[i], 9));
        expect(misses.writes).toEqual([0, 0, 0]);
        const writes = shardReadWrite(m, get(m, 'db'), { readRps: 0, writeRps: 50, missedReadRps: 0 });
        const skewed = byKey(3, 1, (k) => mix32(k) % 3);
        writes.writes.forEach((w, i) => expect(w).toBeCloseTo(50 * skewed[i], 9));
        expect(writes.reads).toEqual([0, 0, 0]);
        // Nothing arriving still leaves every shard there, each idle.
        expect(shardReadWrite(m, get(m, 'db'), { readRps: 0, writeRps: 0, missedReadRps: 0 })).toEqual({ reads: [0, 0, 0], writes: [0, 0, 0] });
    });

    it('gives an unpartitioned store one shard taking everything', async () => {
        const m = await model('system S { client c database db c -> db }');
        expect(shardReadWrite(m, get(m, 'db'), { readRps: 10, writeRps: 5, missedReadRps: 3 })).toEqual({ reads: [10], writes: [5] });
        expect(shardLoads(m, get(m, 'db'), { readRps: 10, writeRps: 5, missedReadRps: 3 })).toEqual([15]);
    });
});

describe('cachedShardShares', () => {
    const spec = (p: Partial<PartitionSpec>): PartitionSpec => ({ schemes: [{ scheme: 'hash', key: 'id' }], shards: 4, consistent: false, vnodes: 1, ...p });
    const load = (w: Partial<Workload>): Workload => ({ rps: 100, peak: 1, keys: 200, zipf: 1, readRatio: 1, ...w });

    it('mixes reads and writes where writes route apart (monotonic range, round robin), the read ratio clamped', () => {
        const range = spec({ schemes: [{ scheme: 'range', key: 't' }], keyTrait: 'monotonic' });
        const norm = zipf(200, 1);
        const reads = [0, 0, 0, 0];
        for (let k = 1; k <= 200; k++) reads[Math.floor(unitHash(k) * 4)] += 1 / k / norm;
        const mixed = cachedShardShares(range, load({ readRatio: 0.25 }));
        mixed.forEach((x, i) => expect(x).toBeCloseTo(0.25 * reads[i] + (i === 3 ? 0.75 : 0), 12));
        cachedShardShares(range, load({ readRatio: 7 })).forEach((x, i) => expect(x).toBeCloseTo(reads[i], 12));
        expect(cachedShardShares(range, load({ readRatio: -1 }))).toEqual([0, 0, 0, 1]);
        const robin = cachedShardShares(spec({ schemes: [{ scheme: 'round_robin', key: 'id' }] }), load({ readRatio: 0.5 }));
        robin.forEach((x) => expect(x).toBeCloseTo(0.25, 12));
    });

    it('ignores the read ratio where reads and writes of a key land together, and the key’s name', () => {
        const norm = zipf(200, 1);
        const expected = [0, 0, 0, 0];
        for (let k = 1; k <= 200; k++) expected[Math.floor(unitHash(k) * 4)] += 1 / k / norm;
        // A range key that is not monotonic routes writes like reads.
        const range = spec({ schemes: [{ scheme: 'range', key: 'a' }] });
        for (const readRatio of [0, 0.3, 1]) cachedShardShares(range, load({ readRatio })).forEach((x, i) => expect(x).toBeCloseTo(expected[i], 12));
        cachedShardShares(spec({ schemes: [{ scheme: 'range', key: 'b' }] }), load({ readRatio: 0.3 })).forEach((x, i) => expect(x).toBeCloseTo(expected[i], 12));
        const hashed = [0, 0, 0, 0];
        for (let k = 1; k <= 200; k++) hashed[mix32(k) % 4] += 1 / k / norm;
        cachedShardShares(spec({ keyTrait: 'monotonic' }), load({ readRatio: 0 })).forEach((x, i) => expect(x).toBeCloseTo(hashed[i], 12));
    });

    it('routes a composite spec’s writes apart when any level does (hash groups, then a monotonic range inside)', () => {
        // 4 shards: 2 groups of 2. Writes: group mix32(k) mod 2, the newest (last) shard of that group.
        const composite = spec({ schemes: [{ scheme: 'hash', key: 'u' }, { scheme: 'range', key: 't' }], keyTrait: 'monotonic' });
        const norm = zipf(200, 1);
        const expected = [0, 0, 0, 0];
        for (let k = 1; k <= 200; k++) expected[(mix32(k) % 2) * 2 + 1] += 1 / k / norm;
        cachedShardShares(composite, load({ readRatio: 0 })).forEach((x, i) => expect(x, `shard ${i}`).toBeCloseTo(expected[i], 12));
    });

    it('never confuses two specs whose fields run together', () => {
        // vnodes 1 with 10 keys against vnodes 11 with 0 keys: "1" + "10" and "11" + "0" read alike without separators.
        cachedShardShares(spec({ vnodes: 1 }), load({ keys: 10 }));
        const one = cachedShardShares(spec({ vnodes: 11 }), load({ keys: 0 }));
        // 0 keys count as 1: every request on key 1's shard.
        expect(one).toEqual([0, 1, 2, 3].map((i) => (i === mix32(1) % 4 ? 1 : 0)));
    });

    it('keeps specs that differ in any field apart', () => {
        const base = cachedShardShares(spec({}), load({}));
        const variants = [
            cachedShardShares(spec({ shards: 5 }), load({})),
            cachedShardShares(spec({ schemes: [{ scheme: 'range', key: 'id' }] }), load({})),
            cachedShardShares(spec({ consistent: true, vnodes: 8 }), load({})),
            cachedShardShares(spec({ consistent: true, vnodes: 16 }), load({})),
            cachedShardShares(spec({ schemes: [{ scheme: 'range', key: 'id' }], keyTrait: 'natural' }), load({})),
            cachedShardShares(spec({}), load({ keys: 300 })),
            cachedShardShares(spec({}), load({ zipf: 0 })),
        ];
        for (const v of variants) expect(v).not.toEqual(base);
        expect(variants[2]).not.toEqual(variants[3]);
        // A returned array is the caller's own: changing it changes no later answer.
        base[0] = 99;
        expect(cachedShardShares(spec({}), load({}))[0]).not.toBe(99);
    });

    it('keeps answering right after the memo fills and starts over', () => {
        const norm = zipf(200, 1);
        for (let i = 0; i < 1100; i++) cachedShardShares(spec({ shards: 2 + (i % 1100) }), load({ keys: 10 }));
        const expected = [0, 0, 0, 0];
        for (let k = 1; k <= 200; k++) expected[mix32(k) % 4] += 1 / k / norm;
        cachedShardShares(spec({}), load({})).forEach((x, i) => expect(x).toBeCloseTo(expected[i], 12));
    });
});
