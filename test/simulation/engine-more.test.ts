/**
 * More of the event loop (engine.ts), aimed at what engine.test.ts left alive under mutation:
 * the clock past an empty heap and after a cap, spikes at the window's end, arrivals into
 * shards and copies, key skew, and the rate caches are warmed for. Same method: every figure
 * worked by hand or drawn again from the seed here.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../language-server/simulation/random.js';
import { ENTER } from '../../language-server/simulation/program.js';
import { MEASURED } from '../../language-server/simulation/requests.js';
import { spec } from './fake-kernel.js';
import { SEED, build, checkedReplicas, drain, rt } from './engine-harness.js';

const single = `system S {
  client u
  service api { latency 10ms const concurrency 1 }
  u -> api
}`;

describe('more of the clock', () => {
    it('an empty heap runs nothing, even up to an infinite time', async () => {
        const e = await build(single);
        expect(e.runUntil(Infinity, 10)).toBe(0);
        // Nothing lies past an infinite `until`: the clock stays.
        expect([e.events, e.now]).toEqual([0, 0]);
    });

    it('a run stopped by a cap keeps its clock even when the next event lies past `until`', async () => {
        const e = await build(single);
        e.at(1, () => e.stop('memory'));
        e.at(10, () => undefined);
        expect(e.runUntil(5, 10)).toBe(1);
        expect(e.now).toBe(1);
        expect(e.runUntil(5, 10)).toBe(0);
        expect(e.now).toBe(1);
    });

    it('a spike that begins at the end of the window starts no stream', async () => {
        const e = await build(`system S {
  client u
  service api { }
  u -> api
  scenario s { spike 2x at 2s }
}`, { rps: 10, durationS: 2 }, 's');
        e.runUntil(2, 1e9);
        // Left: the arrival drawn by the last one before 2 s (dropped when it comes); none drawn at 2 s.
        expect(e.queue.size).toBe(1);
        const rng = new Rng(SEED);
        let t = rng.exp(0.1);
        while (t < 2) {
            const gap = t + rng.exp(0.1);
            rng.next();
            t = gap;
        }
        expect(e.queue.peekTime()).toBe(t);
    });
});

describe('arrivals meet routed stores', () => {
    it('a partitioned store spreads arrivals over its shards by key', async () => {
        const e = await build(`system S {
  workload { keys 1000 }
  client u
  database x { partition hash(id) shards 2 latency 1ms const }
  u -> x
}`, { rps: 100, durationS: 1 });
        drain(e);
        const counts = rt(e, 'x').stations.map((s) => s.pools[0].completions);
        expect(counts[0]).toBeGreaterThan(20);
        expect(counts[1]).toBeGreaterThan(20);
    });

    it('a copied store takes arrivals\' writes at its leader', async () => {
        const e = await build(`system S {
  workload { read_ratio 0 }
  client u
  database x { replicas 3 latency 1ms const }
  u -> x
}`, { rps: 100, durationS: 1 });
        drain(e);
        const pools = rt(e, 'x').stations[0].pools;
        expect(e.offered).toBeGreaterThan(50);
        expect(pools[0].completions).toBeGreaterThan(50);
        expect([pools[1].completions, pools[2].completions]).toEqual([0, 0]);
        expect(pools[1].applied).toBe(pools[0].completions);
    });

    it('keys follow the workload\'s skew', async () => {
        const e = await build(`system S {
  workload { keys 1000 zipf 1.2 }
  client u
  loadbalancer lb { algorithm ip_hash }
  service x { replicas 2 }
  service slow { latency 100s const }
  u -> lb -> x -> slow
}`, { rps: 300, durationS: 1 });
        e.runUntil(1, 1e9);
        expect(e.offered).toBeGreaterThan(200);
        const keys = Array.from(e.requests.key.slice(0, 200));
        // P(key 1) = 1 / Σ k^-1.2 over 1..1000 ≈ 0.2 (uniform: 0.001).
        let norm = 0;
        for (let k = 1; k <= 1000; k++) norm += k ** -1.2;
        const ones = keys.filter((k) => k === 1).length;
        expect(Math.abs(ones - 200 / norm)).toBeLessThan(4 * Math.sqrt(200 / norm));
    });

    it('caches are warmed for the run\'s rate, not the workload\'s', async () => {
        const text = `system S {
  workload { rps 1000 keys 10 }
  client u
  cache c { capacity 100 items ttl 1s }
  database db { }
  u -> c -> db
}`;
        const held = async (rps: number) => {
            const e = await build(text, { rps, durationS: 0 });
            const cache = rt(e, 'c').caches![0];
            let n = 0;
            for (let key = 1; key <= 10; key++) if (cache.lookup(key, 0)) n++;
            return n;
        };
        // A key read λ times a second is held λT / (1 + λT) of the time: never at rate 0, nearly always at 100/s per key.
        expect(await held(0)).toBe(0);
        expect(await held(1000)).toBeGreaterThanOrEqual(8);
    });
});

describe('the clock at a budget stop', () => {
    it('stays at the last event run when the next one is due exactly at `until`', async () => {
        const e = await build(single);
        e.at(1, () => undefined);
        e.at(2, () => undefined);
        expect(e.runUntil(2, 1)).toBe(1);
        expect(e.now).toBe(1);
        expect(e.runUntil(2, 1)).toBe(1);
        expect(e.now).toBe(2);
    });
});

describe('collapsed forwarding at the first node', () => {
    it('a proxy that is an entry itself (node 0, a flow starting there) releases its followers', async () => {
        const e = await build(`system S {
  proxy p { collapsed_forwarding on }
  service api { latency 10ms const }
  flow f 100% read : p -> api
}`);
        expect(e.program.entries[0].node).toBe(0);
        expect(e.program.comp[0]).toBe(e.runtimes.findIndex((r) => r.component.name === 'p'));
        for (const t of [0, 0.001]) {
            e.at(t, () => {
                const id = e.job(spec({ node: 0, t0: t, key: 4, flags: MEASURED, replica: 0 }));
                e.advance(id, 0, ENTER);
            });
        }
        drain(e);
        expect([e.hist.count, rt(e, 'p').collapsed, rt(e, 'api').completions, e.requests.live]).toEqual([2, 1, 1, 0]);
        expect(e.hist.sum).toBeCloseTo(0.01 + 0.009, 12);
    });
});

describe('component failures and the warm-up', () => {
    it('leaves failures during the warm-up out of a component\'s count, as every other component figure', async () => {
        const e = await build(`system S {
  client u
  service api { latency 10ms const }
  u -> api
  scenario s { fail api at 0s for 2s }
}`, { warmupS: 1, durationS: 3 }, 's');
        // Down from 0 to 2 s: one request fails at 0.5 s (warm-up), one at 1.5 s (measured); one is served at 2.5 s.
        for (const [t, flags] of [[0.5, 0], [1.5, MEASURED], [2.5, MEASURED]] as const) {
            e.at(t, () => {
                const node = e.program.entries[0].node;
                e.advance(e.job(spec({ node, t0: t, flags, replica: 0 })), node, ENTER);
            });
        }
        drain(e);
        const api = rt(e, 'api');
        expect([e.failed, e.hist.count]).toEqual([1, 1]);
        // Visits counted in the window: 1.5 s and 2.5 s; failed in it: 1.5 s only.
        expect([api.arrivals, api.completions, api.failed]).toEqual([2, 1, 1]);
    });
});

describe('a replica lost twice behind a health-checked balancer', () => {
    it('a second outage restarts the detection clock, as it does for a whole component', async () => {
        const e = await build(checkedReplicas('fail a at 1s for 1s fail a at 3s for 5s'), {}, 's');
        const pool0 = rt(e, 'api').stations[0].pools[0];
        const states: boolean[][] = [];
        for (const t of [3.6, 5.4, 5.6]) e.at(t, () => states.push([pool0.down, pool0.excluded]));
        drain(e);
        // Detection takes 2.5 s of being down: the check from the first outage (at 3.5 s) finds it down for 0.5 s only;
        // the second outage's check (at 5.5 s) takes it out.
        expect(states).toEqual([[true, false], [true, false], [true, true]]);
    });
});
