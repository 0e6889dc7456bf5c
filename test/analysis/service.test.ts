/**
 * One replica's service (analysis/service.ts), a balancer's failure detection (failover.ts),
 * judged utilisation (capacity.ts) and the edge index (edge-index.ts), worked by hand from
 * language.md: servers = concurrency, else capacity × latency rounded (at least 1); each
 * server's mean service time servers / capacity; detection = every × unhealthy_after + timeout.
 */
import { describe, expect, it } from 'vitest';
import { lone, model } from '../helpers.js';
import type { ArchComponent } from '../../language-server/model/types.js';
import { capacityOf, serviceOf } from '../../language-server/analysis/service.js';
import { balancerOf, detectionS, failoverOf } from '../../language-server/analysis/failover.js';
import { judgedUtilisation } from '../../language-server/analysis/capacity.js';
import { edgesFrom, edgesTo } from '../../language-server/analysis/edge-index.js';
import { capacityUtilisation, utilisationOf, type ComponentLoad } from '../../language-server/analysis/traffic.js';
import { replicaLoad } from '../../language-server/analysis/replication.js';

describe('serviceOf', () => {
    it('serves without limit where no capacity is declared: concurrency servers (else unlimited) of the declared latency', async () => {
        expect(serviceOf(await lone('service', 'latency 4ms'))).toEqual({ servers: Infinity, latency: { kind: 'exponential', meanS: 0.004 }, stretch: 1, impliedServers: undefined });
        expect(serviceOf(await lone('service', 'latency 4ms concurrency 8')).servers).toBe(8);
    });

    it('takes capacity × latency servers, rounded to the nearest (at least 1), and stretches the latency to match capacity', async () => {
        // 1000 rps × 2.4ms = 2.4 → 2 servers of 2ms each (stretch 2 / 2.4).
        const two = serviceOf(await lone('service', 'capacity 1k rps latency 2.4ms'));
        expect(two.servers).toBe(2);
        expect(two.impliedServers).toBeCloseTo(2.4, 12);
        expect(two.latency).toEqual({ kind: 'exponential', meanS: expect.closeTo(0.002, 12) });
        expect(two.stretch).toBeCloseTo(2 / 2.4, 12);
        // 100 rps × 1ms = 0.1 → 1 server of 10ms (stretch 10).
        const one = serviceOf(await lone('service', 'capacity 100 rps latency 1ms'));
        expect(one.servers).toBe(1);
        expect(one.latency?.meanS).toBeCloseTo(0.01, 12);
        expect(one.stretch).toBeCloseTo(10, 12);
        // 1000 rps × 4ms = exactly 4 servers: the declared latency as it is.
        const exact = await lone('service', 'capacity 1k rps latency 4ms');
        expect(serviceOf(exact)).toEqual({ servers: 4, latency: exact.latency, stretch: 1, impliedServers: 4 });
    });

    it('keeps a declared concurrency and a constant latency’s shape', async () => {
        const five = serviceOf(await lone('service', 'capacity 1k rps latency 4ms concurrency 5'));
        expect(five.servers).toBe(5);
        expect(five.impliedServers).toBe(4);
        expect(five.latency?.meanS).toBeCloseTo(0.005, 12);
        expect(five.stretch).toBeCloseTo(1.25, 12);
        // 500 rps × 3ms = 1.5 → 2 servers of 4ms, still constant.
        const constant = serviceOf(await lone('service', 'capacity 500 rps latency 3ms const'));
        expect(constant.servers).toBe(2);
        expect(constant.latency).toEqual({ kind: 'const', meanS: expect.closeTo(0.004, 12) });
    });

    it('stretches every time of a lognormal and shifts μ by ln(stretch), σ kept', async () => {
        const c = await lone('service', 'capacity 1k rps latency p50 3ms p99 20ms');
        const declared = c.latency;
        if (declared?.kind !== 'lognormal') throw new Error('expected a lognormal latency');
        const { servers, latency, stretch } = serviceOf(c);
        expect(servers).toBe(Math.max(1, Math.round(1000 * declared.meanS)));
        const factor = servers / 1000 / declared.meanS;
        expect(stretch).toBeCloseTo(factor, 12);
        expect(latency).toEqual({
            kind: 'lognormal', meanS: expect.closeTo(declared.meanS * factor, 12), p50S: expect.closeTo(0.003 * factor, 12),
            p99S: expect.closeTo(0.02 * factor, 12), mu: expect.closeTo(Math.log(0.003 * factor), 9), sigma: declared.sigma,
        });
    });

    it('makes a capacity without latency one exponential server of 1 / capacity', async () => {
        expect(serviceOf(await lone('service', 'capacity 250 rps'))).toEqual({ servers: 1, latency: { kind: 'exponential', meanS: 0.004 }, stretch: 1, impliedServers: undefined });
        expect(serviceOf(await lone('service', 'capacity 250 rps concurrency 3')).latency).toEqual({ kind: 'exponential', meanS: 0.012 });
    });

    it('serves a declared latency of 0 as one exponential server of 1 / capacity', async () => {
        expect(serviceOf(await lone('service', 'capacity 500 rps latency 0ms'))).toEqual({ servers: 1, latency: { kind: 'exponential', meanS: 0.002 }, stretch: 1, impliedServers: 0 });
    });

    it('reads a capacity of 0 as none', async () => {
        const zero = { ...(await lone('service', 'capacity 1k rps latency 4ms')), capacityRps: 0 } as ArchComponent;
        expect(serviceOf(zero).servers).toBe(Infinity);
        expect(serviceOf(zero).stretch).toBe(1);
    });
});

describe('capacityOf', () => {
    it('is servers × replicas over the mean service time: capacity × replicas when declared', async () => {
        expect(capacityOf(await lone('service', 'replicas 3 capacity 1k rps latency 2.4ms'))).toBeCloseTo(3000, 9);
        expect(capacityOf(await lone('service', 'replicas 2 latency 4ms concurrency 8'))).toBeCloseTo(4000, 9);
        expect(capacityOf(await lone('service', 'latency 4ms'))).toBe(Infinity);
        expect(capacityOf(await lone('service', 'replicas 2'))).toBe(Infinity);
    });
});

describe('failover windows', () => {
    const text = `system S {
        client c
        loadbalancer plain
        loadbalancer lb { health_check every 2s timeout 1s unhealthy_after 3 }
        service a service b service d
        c -> plain -> a
        c -> lb -> b
        c -> d
    }`;

    it('excludes after unhealthy_after probes plus the last timeout and readmits one probe later', async () => {
        const m = await model(text);
        expect(detectionS({ intervalS: 2, timeoutS: 1, unhealthyAfter: 3 })).toBe(7);
        expect(failoverOf(m, 'b')).toEqual({ detectS: 7, readmitS: 2 });
        expect(balancerOf(m, 'b')?.healthCheck).toEqual({ intervalS: 2, timeoutS: 1, unhealthyAfter: 3 });
    });

    it('finds the balancer among the callers, whichever calls first', async () => {
        const m = await model(`system S { client c service api loadbalancer lb { health_check every 1s timeout 1s unhealthy_after 2 } service b
            c -> api c -> lb api -> b lb -> b }`);
        expect(failoverOf(m, 'b')).toEqual({ detectS: 3, readmitS: 1 });
    });

    it('has no window without a health check or without a balancer in front', async () => {
        const m = await model(text);
        expect(balancerOf(m, 'a')).toBeDefined();
        expect(failoverOf(m, 'a')).toBeUndefined();
        expect(balancerOf(m, 'd')).toBeUndefined();
        expect(failoverOf(m, 'd')).toBeUndefined();
        expect(balancerOf(m, 'lb')).toBeUndefined();
    });
});

describe('judgedUtilisation', () => {
    const load = (rps: number, readRps: number, writeRps: number, writeUtilisation?: number): ComponentLoad => ({
        rps, readRps, writeRps, missedReadRps: 0, hotKeyRps: 0, hotKeyReadRps: 0, hotKeyWriteRps: 0,
        replication: writeUtilisation === undefined ? undefined : { ...replicaLoad({ kind: 'service', replicas: 1 } as ArchComponent, [0], [0]), writeUtilisation },
    });

    it('judges a tier over all its replicas and nothing without capacity', async () => {
        expect(judgedUtilisation(await lone('service', 'replicas 4 capacity 500 rps'), load(1000, 1000, 0), 1)).toEqual({ utilisation: 0.5, capacityRps: 2000 });
        expect(judgedUtilisation(await lone('service', 'replicas 4'), load(1000, 1000, 0), 1)).toBeUndefined();
    });

    it('judges a store on its mean shard’s busiest replica, reads and writes together', async () => {
        const db = await lone('database', 'replicas 3 reads followers capacity 1k rps partition hash(id) shards 2');
        // Per shard: 1200 / 2 reads over 2 followers = 300 each, 400 / 2 = 200 writes on every replica → 0.3 + 0.2.
        const figures = judgedUtilisation(db, load(1600, 1200, 400, 0.2), 0.8)!;
        expect(figures.utilisation).toBeCloseTo(0.5, 12);
        expect(figures.capacityRps).toBe(6000);
        expect(figures.writesApart).toBe(false);
        expect(figures.replicas).toMatchObject({ readRpsPerReplica: 300, writeRpsPerShard: 200 });
    });

    it('leaves the writes to write-bottleneck once they reach the threshold on one replica', async () => {
        const db = await lone('database', 'replicas 3 reads followers capacity 1k rps');
        // 600 reads over 2 followers = 0.3; 900 writes = 0.9 of a replica, judged apart at 0.9.
        const apart = judgedUtilisation(db, load(1500, 600, 900, 0.9), 0.9)!;
        expect(apart.writesApart).toBe(true);
        expect(apart.utilisation).toBeCloseTo(0.3, 12);
        expect(judgedUtilisation(db, load(1500, 600, 900, 0.9), 0.91)!.utilisation).toBeCloseTo(1.2, 12);
        expect(judgedUtilisation(db, load(1500, 600, 900), 0)!.writesApart).toBe(true);
    });
});

describe('utilisation against capacity', () => {
    const load = (rps: number, busiest?: number): ComponentLoad => ({
        rps, readRps: rps, writeRps: 0, missedReadRps: 0, hotKeyRps: 0, hotKeyReadRps: 0, hotKeyWriteRps: 0,
        busiestShard: busiest === undefined ? undefined : { index: 0, rps: busiest, share: 0.5 },
    });
    const zeroCapacity = async (body: string) => ({ ...(await lone('service', `capacity 1k rps ${body}`)), capacityRps: 0 }) as ArchComponent;

    it('divides a tier’s load by capacity × replicas (a partitioned store’s by its busiest shard for utilisationOf, all shards for capacityUtilisation)', async () => {
        const tier = await lone('service', 'replicas 3 capacity 100 rps');
        expect(utilisationOf(tier, load(150))).toBe(0.5);
        expect(capacityUtilisation(tier, load(150))).toEqual({ utilisation: 0.5, capacityRps: 300 });
        const store = await lone('database', 'replicas 2 capacity 100 rps partition hash(id) shards 4');
        expect(utilisationOf(store, load(400, 100))).toBe(0.5);
        expect(capacityUtilisation(store, load(400, 100))).toEqual({ utilisation: 0.5, capacityRps: 800 });
    });

    it('judges no client and nothing without capacity; 0 rps of capacity is overloaded by any traffic', async () => {
        const m = await model('system S { client c { capacity 10 rps } service api c -> api }');
        expect(utilisationOf(m.components.get('c')!, load(100))).toBeUndefined();
        expect(capacityUtilisation(m.components.get('c')!, load(100))).toBeUndefined();
        expect(utilisationOf(m.components.get('api')!, load(100))).toBeUndefined();
        const zero = await zeroCapacity('');
        expect(utilisationOf(zero, load(5))).toBe(Infinity);
        expect(utilisationOf(zero, load(0))).toBe(0);
        expect(capacityUtilisation(zero, load(5))).toEqual({ utilisation: Infinity, capacityRps: 0 });
        expect(capacityUtilisation(zero, load(0))).toEqual({ utilisation: 0, capacityRps: 0 });
    });
});

describe('edge index', () => {
    it('lists the edges from and to a component in model order, none for an unknown name', async () => {
        const m = await model('system S { client c service a service b database db c -> a c -> b a -> db b -> db a -> b }');
        const ends = (edges: readonly { from: string; to: string }[]) => edges.map((e) => `${e.from}->${e.to}`);
        expect(ends(edgesFrom(m, 'a'))).toEqual(['a->db', 'a->b']);
        expect(ends(edgesTo(m, 'db'))).toEqual(['a->db', 'b->db']);
        expect(ends(edgesTo(m, 'b'))).toEqual(['c->b', 'a->b']);
        expect(edgesFrom(m, 'db')).toEqual([]);
        expect(edgesTo(m, 'nothing')).toEqual([]);
        expect(edgesFrom(m, 'a')).toBe(edgesFrom(m, 'a'));
    });
});
