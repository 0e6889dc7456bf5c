import { describe, expect, it } from 'vitest';
import { model } from '../helpers.js';
import { findSinglePointsOfFailure } from '../../language-server/analysis/traffic.js';
import { analyse } from '../../language-server/analysis/model-analysis.js';

const spofs = async (text: string) => findSinglePointsOfFailure(await model(text)).map((s) => s.component);

describe('single points of failure are cuts, not `replicas 1`', () => {
    it('a lone replica that another path bypasses is no SPOF; what both paths need is', async () => {
        expect(await spofs('system S { client c service a service b database db c -> a -> db c -> b -> db }')).toEqual(['db']);
    });

    it('single-replica tiers behind one balancer are alternatives', async () => {
        expect(await spofs('system S { client c loadbalancer lb { replicas 2 } service a service b c -> lb -> a lb -> b }')).toEqual([]);
    });

    it('a client is an origin and a CDN an edge network: neither is a SPOF', async () => {
        expect(await spofs('system S { client c cdn edge service api { replicas 2 } c -> edge -> api }')).toEqual([]);
    });

    it('a service needs every dependency it calls', async () => {
        expect(await spofs('system S { client c service api { replicas 2 } database users database orders c -> api -> users api -> orders }'))
            .toEqual(['users', 'orders']);
    });

    it('an async branch only cuts its own consumers', async () => {
        const m = await model(`system S {
            client c service api { replicas 2 } queue q { replicas 3 } worker w { consumes q } database stats
            c -> api -> q
            w -> stats { }
        }`);
        const found = findSinglePointsOfFailure(m);
        expect(found.map((s) => s.component)).toEqual(['w', 'stats']);
        for (const spof of found) expect(spof.units.map((u) => [u.kind, u.via])).toEqual([['async', 'q']]);
    });

    it('within a flow, a balancer fork is a choice and a service fork is a sequence', async () => {
        expect(await spofs(`system S {
            client c loadbalancer lb { replicas 2 } service a service b service api { replicas 2 } database x database y
            flow f : c -> lb -> { a, b }
            flow g : c -> api -> { x, y }
        }`)).toEqual(['x', 'y']);
    });

    it('names every flow a SPOF cuts', async () => {
        const m = await model(`system S {
            client c service gateway service a { replicas 2 } service b { replicas 2 }
            flow redirect : c -> gateway -> a
            flow shorten : c -> gateway -> b
        }`);
        expect(findSinglePointsOfFailure(m)).toEqual([{ component: 'gateway', units: [expect.objectContaining({ name: 'redirect' }), expect.objectContaining({ name: 'shorten' })] }]);
    });

    it('a directory service is needed by every request to its store', async () => {
        expect(await spofs('system S { client c service dir database db { replicas 2 partition directory(k) via dir shards 4 } c -> db }')).toEqual(['dir']);
    });

    it('cycles and self-loops do not hide or invent cuts', async () => {
        expect(await spofs('system S { client c service a service b { replicas 2 } c -> a -> b -> a b -> b }')).toEqual(['a']);
    });

    it('finds every step of a 1000-step chain a cut: within the work budget', async () => {
        const names = Array.from({ length: 1000 }, (_, i) => `s${i}`);
        const m = await model(`system S { client c ${names.map((n) => `service ${n}`).join(' ')} c -> ${names.join(' -> ')} }`);
        expect(analyse(m).cuts.complete).toBe(true);
        expect(findSinglePointsOfFailure(m).map((s) => s.component).sort()).toEqual([...names].sort());
    });

    it('gives up cleanly on an absurd 3000-step chain: over its work budget, it reports nothing', async () => {
        const names = Array.from({ length: 3000 }, (_, i) => `s${i}`);
        const m = await model(`system S { client c ${names.map((n) => `service ${n}`).join(' ')} c -> ${names.join(' -> ')} }`);
        expect(analyse(m).cuts.complete).toBe(false);
        expect(findSinglePointsOfFailure(m)).toEqual([]);
    });
});

describe('zone cuts', () => {
    const zoneCuts = async (text: string) =>
        analyse(await model(text)).cuts.zoneCuts.map((z) => `${z.zone}:${z.unit.name}:${z.frontier.join('+')}`);

    it('finds the zone every path enters, at the component where it enters', async () => {
        expect(await zoneCuts(`system S {
            zone a { } zone b { }
            client c loadbalancer lb { replicas 2 zones [a] } service api { replicas 4 zones [a, b] }
            c -> lb -> api
        }`)).toEqual(['a:c:lb']);
    });

    it('a component spread over zones, or a choice of paths in different zones, is no zone cut', async () => {
        expect(await zoneCuts(`system S {
            client c
            zone a { service x { replicas 2 } }
            zone b { service y { replicas 2 } }
            loadbalancer lb { replicas 2 zones [a, b] }
            c -> lb -> x
            lb -> y
        }`)).toEqual([]);
    });

    it('two alternatives in the same zone are cut together', async () => {
        expect(await zoneCuts(`system S {
            client c loadbalancer lb { replicas 2 }
            zone a { service x { replicas 2 } service y { replicas 2 } }
            zone b { service z { replicas 2 } }
            c -> lb -> x
            lb -> y
            c -> z
        }`)).toEqual([]);
        expect(await zoneCuts(`system S {
            client c loadbalancer lb { replicas 2 }
            zone a { service x { replicas 2 } service y { replicas 2 } }
            zone b { database d { replicas 2 } }
            c -> lb -> x
            lb -> y
        }`)).toEqual(['a:c:x+y']);
    });

    it('an enclosing zone that holds components fails with everything inside it', async () => {
        expect(await zoneCuts(`system S {
            client c
            zone eu { loadbalancer lb { replicas 2 } zone eu_1 { service x { replicas 2 } } zone eu_2 { service y { replicas 2 } } }
            c -> lb -> x
            lb -> y
        }`)).toEqual(['eu:c:lb']);
    });
});

describe('cut analysis details', () => {
    const cutsOf = async (text: string) => analyse(await model(text)).cuts;

    it('makes one async unit per queue however many units reach it, named after the first', async () => {
        const cuts = await cutsOf(`system S { client c1 client c2 service api { replicas 2 } queue q { replicas 2 } worker w { consumes q }
            c1 -> api c2 -> api api -> q }`);
        expect(cuts.units.map((u) => [u.kind, u.name, u.via ?? ''])).toEqual([['client', 'c1', ''], ['client', 'c2', ''], ['async', 'c1', 'q']]);
        expect([...cuts.required[2]].sort()).toEqual(['q', 'w']);
    });

    it('lets a queue hand its messages to any one consumer, and a balancer with nothing behind it needs itself', async () => {
        expect(await spofs('system S { client c service api { replicas 2 } queue q { replicas 2 } worker w1 { consumes q } worker w2 { consumes q } c -> api -> q }')).toEqual([]);
        expect(await spofs('system S { client c loadbalancer lb c -> lb }')).toEqual(['lb']);
    });

    it('counts merging a node’s dependencies against the work budget: 1000 callers of a 1000-step chain are too many, 500 are not', async () => {
        // A chain s0 → … → s999 costs Σ i ≈ 500k insertions; each caller pᵢ → s0 adds 1001, and the api calling
        // every pᵢ merges M sets of 1001. M = 1000: ≈ 2.5M > 2M. M = 500: ≈ 1.5M; counting one-child nodes
        // as merges too (another 500k for the chain and 500k for the callers) would pass 2M.
        const chain = Array.from({ length: 1000 }, (_, i) => `s${i}`);
        const text = (callers: number) => {
            const p = Array.from({ length: callers }, (_, i) => `caller${i}`);
            return `system S { client c service api ${[...chain, ...p].map((n) => `service ${n}`).join(' ')}
                c -> api ${p.map((n) => `api -> ${n} ${n} -> s0`).join(' ')} s0 -> ${chain.slice(1).join(' -> ')} }`;
        };
        expect((await cutsOf(text(1000))).complete).toBe(false);
        expect((await cutsOf(text(500))).complete).toBe(true);
    });

    it('adds each zone of a nested chain the node is not already cut by', async () => {
        // api lies in inner (inside outer), db in outer: the unit needs both zones, each entered at api.
        const cuts = await cutsOf(`system S { client c
            zone outer { zone inner { service api { replicas 2 } } database db { replicas 2 } }
            c -> api -> db }`);
        expect(cuts.zoneCuts.map((z) => `${z.zone}:${z.unit.name}:${z.frontier.join('+')}`)).toEqual(['outer:c:api', 'inner:c:api']);
    });

    it('enters a zone only along synchronous calls, and names no zone for components outside every zone', async () => {
        const cuts = await cutsOf(`system S { client c service api { replicas 2 }
            zone z { database db { replicas 2 } queue q { replicas 2 } }
            c -> api -> db api -> q }`);
        expect(cuts.zoneCuts.map((z) => `${z.zone}:${z.unit.name}:${z.frontier.join('+')}`)).toEqual(['z:c:db', 'z:c:q']);
    });

    it('names a balancer shared only when every synchronous unit needs it, whatever async branches need', async () => {
        const a = analyse(await model(`system S { client c loadbalancer lb service api { replicas 2 } queue q { replicas 2 } worker w { replicas 2 consumes q }
            c -> lb -> api -> q }`));
        expect(a.cuts.units.map((u) => u.kind)).toEqual(['client', 'async']);
        expect(a.shared.get('lb')).toEqual({ role: 'balancer', units: [a.cuts.units[0]] });
        expect(analyse(await model('system S { loadbalancer lb service a { replicas 2 } lb -> a }')).shared.size).toBe(0);
    });
});
