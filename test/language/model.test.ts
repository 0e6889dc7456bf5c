import { describe, expect, it } from 'vitest';
import { componentOf, model } from '../helpers.js';

describe('model: defaults', () => {
    it('applies the documented defaults', async () => {
        const m = await model('system S { client c service a cache k database d queue q loadbalancer l c -> l -> a }');
        const a = m.components.get('a')!;
        expect(a.replicas).toBe(1);
        expect(a.capacityRps).toBeUndefined();
        expect(a.concurrency).toBe(Infinity);
        expect(a.latency).toBeUndefined();
        expect(m.workload).toEqual({ rps: 0, peak: 1, keys: undefined, zipf: 0, readRatio: 1, payloadBytes: undefined });
        expect(componentOf(m, 'k', 'cache').cache).toMatchObject({ placement: 'distributed', write: 'write_around', eviction: 'lru', invalidation: 'on_write' });
        expect(componentOf(m, 'd', 'database').store).toMatchObject({ acid: false, consistency: 'strong', durability: 'normal' });
        expect(componentOf(m, 'q', 'queue').queue).toMatchObject({ delivery: 'at_least_once', retries: 0, retriesDeclared: false });
        expect(componentOf(m, 'l', 'loadbalancer').loadBalancer).toMatchObject({ algorithm: 'round_robin', mode: 'active_active', healthCheck: undefined });
    });

    it('derives concurrency from capacity x latency, at least 1', async () => {
        const m = await model(`system S {
            service one { capacity 1000 rps latency 1ms }
            service many { capacity 3k rps latency 4ms }
            service fast { capacity 10 rps latency 1ms }
            service given { capacity 100 rps concurrency 4 latency 10ms }
            service nolatency { capacity 500 rps } }`);
        const c = (n: string) => m.components.get(n)!;
        expect(c('one').concurrency).toBe(1);
        expect(c('many').concurrency).toBe(12);
        expect(c('fast').concurrency).toBe(1);
        expect(c('given').concurrency).toBe(4);
        expect(c('nolatency').concurrency).toBe(1);
        expect(c('nolatency').latency).toEqual({ kind: 'exponential', meanS: 0.002 });
    });

    it('fits a lognormal to p50 and p99', async () => {
        const m = await model('system S { service a { latency p50 3ms p99 20ms } service b { latency 2ms const } }');
        const latency = m.components.get('a')!.latency!;
        if (latency.kind !== 'lognormal') throw new Error(latency.kind);
        expect(latency.p50S).toBeCloseTo(0.003, 9);
        expect(Math.exp(latency.mu + 2.3263478740 * latency.sigma)).toBeCloseTo(0.02, 9);
        expect(latency.meanS).toBeCloseTo(Math.exp(latency.mu + latency.sigma ** 2 / 2), 12);
        expect(m.components.get('b')!.latency).toEqual({ kind: 'const', meanS: 0.002 });
    });

    it('turns a cache size and item size into items, and reads capacity as items on caches', async () => {
        const m = await model('system S { cache a { size 64GB item 1KB } cache b { capacity 20M items } cache c { capacity 50k rps } }');
        expect(componentOf(m, 'a', 'cache').cache.capacityItems).toBe(64_000_000);
        expect(componentOf(m, 'b', 'cache').cache.capacityItems).toBe(20_000_000);
        expect(componentOf(m, 'c', 'cache').cache.capacityItems).toBeUndefined();
        expect(m.components.get('c')!.capacityRps).toBe(50_000);
    });

    it('gives each kind only its own fields: a proxy caches only with cache settings', async () => {
        const m = await model('system S { proxy plain { ttl 5s collapsed_forwarding on } proxy caching { eviction lfu ttl 1m } cdn edge { ttl 1h } }');
        expect(componentOf(m, 'plain', 'proxy')).toMatchObject({ ttlS: 5, collapsedForwarding: true, cache: undefined });
        expect(componentOf(m, 'caching', 'proxy')).toMatchObject({ ttlS: 60, cache: { eviction: 'lfu', placement: 'distributed' } });
        expect(componentOf(m, 'edge', 'cdn')).toMatchObject({ hitRatio: 0, ttlS: 3600 });
        expect(Object.keys(componentOf(m, 'edge', 'cdn'))).not.toContain('cache');
    });

    it('leaves a property the kind does not have out of the model (validation reports it)', async () => {
        const { parse } = await import('../helpers.js');
        const { models } = await parse('system S { service a { ttl 5s hit_ratio 0.5 } }');
        const a = componentOf(models[0], 'a', 'service');
        expect(a).not.toHaveProperty('ttlS');
        expect(a).not.toHaveProperty('hitRatio');
        expect(a).toMatchObject({ consumes: [], stateful: false });
    });

    it('lists every kind the table documents', async () => {
        const { COMPONENT_KINDS, KINDS } = await import('../../language-server/model/properties.js');
        expect(KINDS).toEqual(Object.keys(COMPONENT_KINDS));
    });

    it('normalises partitions', async () => {
        const m = await model('system S { service dir database a { partition hash(id) shards 32 consistent vnodes 256 key monotonic } database b { partition list(region) then hash(user) shards 8 } database c { partition directory(id) via dir shards 4 } }');
        expect(componentOf(m, 'a', 'database').partition).toEqual({ schemes: [{ scheme: 'hash', key: 'id' }], shards: 32, consistent: true, vnodes: 256, via: undefined, keyTrait: 'monotonic' });
        expect(componentOf(m, 'b', 'database').partition!.schemes).toEqual([{ scheme: 'list', key: 'region' }, { scheme: 'hash', key: 'user' }]);
        expect(componentOf(m, 'b', 'database').partition!.vnodes).toBe(1);
        expect(componentOf(m, 'c', 'database').partition!.via).toBe('dir');
    });

    it('records zones, nesting and spread', async () => {
        const m = await model('system S { zone eu { zone a { service x } zone b { } } service y { zones [a, b] } }');
        expect(m.rootZones).toEqual(['eu']);
        expect(m.zones.get('eu')!.zones).toEqual(['a', 'b']);
        expect(m.zones.get('a')!.parent).toBe('eu');
        expect(m.components.get('x')!.zonePath).toEqual(['eu', 'a']);
        expect(m.components.get('x')!.zones).toEqual(['a']);
        expect(m.components.get('y')!.zones).toEqual(['a', 'b']);
    });

    it('reads the workload, and sums client rates when it has none', async () => {
        const m = await model('system S { workload { rps 20k peak 3x keys 500M zipf 1.05 read_ratio 95% payload 2KB } }');
        expect(m.workload).toEqual({ rps: 20_000, peak: 3, keys: 5e8, zipf: 1.05, readRatio: 0.95, payloadBytes: 2000 });
        const n = await model('system S { client a { rps 300 } client b { rps 200 } }');
        expect(n.workload.rps).toBe(500);
    });
});

describe('model: edges and flows', () => {
    it('expands chains, protocols and options into edges', async () => {
        const m = await model(`system S { service a service b service c queue q worker w { consumes q }
            a -> b -> c : grpc { timeout 2s retries 3 }
            a -> q
            c -> a : polling every 500ms }`);
        const edge = (id: string) => m.edges.find((e) => e.id === id)!;
        expect(edge('a->b')).toMatchObject({ kind: 'call', protocol: 'grpc', timeoutS: 2, retries: 3, implied: false });
        expect(edge('b->c')).toMatchObject({ kind: 'call', protocol: 'grpc' });
        expect(edge('a->q')).toMatchObject({ kind: 'async', implied: false });
        expect(edge('c->a')).toMatchObject({ protocol: 'polling', pollIntervalS: 0.5 });
        expect(edge('q->w')).toMatchObject({ kind: 'consume', implied: true });
        expect(edge('a->b').source.range).toEqual({ start: { line: 1, character: 12 }, end: { line: 1, character: 18 } });
        expect(edge('b->c').source.range).toEqual({ start: { line: 1, character: 17 }, end: { line: 1, character: 23 } });
    });

    it('expands flows into call trees and hops, and adds the connections they imply', async () => {
        const m = await model(`system S { workload { rps 1000 } service a service b service c service d service e queue q
            a -> b
            flow one 60% read : a -> b -> { c, d -> e }
            flow two write : a -> q
            flow three : a -> c }`);
        const [one, two, three] = m.flows;
        expect(one).toMatchObject({ name: 'one', share: 0.6, rps: 600, access: 'read' });
        const shape = (hops: typeof one.hops) => hops.map(({ from, to, kind }) => ({ from, to, kind }));
        expect(shape(one.hops)).toEqual([
            { from: 'a', to: 'b', kind: 'call' }, { from: 'b', to: 'c', kind: 'call' },
            { from: 'b', to: 'd', kind: 'call' }, { from: 'd', to: 'e', kind: 'call' },
        ]);
        expect(one.root.calls[0].calls.map((s) => s.component)).toEqual(['c', 'd']);
        expect(two.share).toBeCloseTo(0.2, 12);
        expect(three.share).toBeCloseTo(0.2, 12);
        expect(shape(two.hops)).toEqual([{ from: 'a', to: 'q', kind: 'async' }]);
        expect(m.edges.find((e) => e.id === 'a->b')!.implied).toBe(false);
        expect(m.edges.filter((e) => e.implied).map((e) => e.id)).toEqual(['b->c', 'b->d', 'd->e', 'a->q', 'a->c']);
    });

    it('reads scenarios with component and zone failures', async () => {
        const m = await model('system S { zone z { service a } scenario s { duration 2m load 1.5x seed 42 fail z at 30s for 60s fail a at 10s } }');
        expect(m.scenarios[0]).toMatchObject({ name: 's', durationS: 120, load: 1.5, seed: 42 });
        expect(m.scenarios[0].failures.map(({ target, targetKind, atS, forS }) => ({ target, targetKind, atS, forS }))).toEqual([
            { target: 'z', targetKind: 'zone', atS: 30, forS: 60 },
            { target: 'a', targetKind: 'component', atS: 10, forS: Infinity },
        ]);
    });

    it('keeps each element’s source range', async () => {
        const m = await model('system S {\n  service api { replicas 2 }\n}');
        const api = m.components.get('api')!;
        expect(api.source.range).toEqual({ start: { line: 1, character: 10 }, end: { line: 1, character: 13 } });
        expect(api.properties.replicas.range).toEqual({ start: { line: 1, character: 16 }, end: { line: 1, character: 26 } });
    });

    it('drops invalid values instead of passing them on', async () => {
        const { parse } = await import('../helpers.js');
        const { models } = await parse('system S { workload { read_ratio 1.5 } cache c { eviction lruu } service a { replicas 0 } }');
        expect(models[0].workload.readRatio).toBe(1);
        expect(componentOf(models[0], 'c', 'cache').cache.eviction).toBe('lru');
        expect(models[0].components.get('a')!.replicas).toBe(1);
    });
});
