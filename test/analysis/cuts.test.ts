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
