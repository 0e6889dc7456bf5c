/** Copied writes and leader routing (replicas.ts) on a hand-driven kernel: which pool serves, who applies a write, who leads after a loss. */
import { describe, expect, it } from 'vitest';
import type { Replication } from '../../language-server/analysis/replication.js';
import { INSIDE, PLAIN, QUEUE } from '../../language-server/simulation/program.js';
import { Replicas } from '../../language-server/simulation/replicas.js';
import { APPLY, BACKGROUND, MEASURED, SUB, WRITE } from '../../language-server/simulation/requests.js';
import type { Runtime } from '../../language-server/simulation/setup.js';
import { Station } from '../../language-server/simulation/stations.js';
import { FakeKernel, program, spec } from './fake-kernel.js';

/** A store of `n` copies (one pool each) with the given replication; node 0 is it, node 1 what follows. */
function store(n: number, replication: Partial<Replication>, behaviour = PLAIN, cap = 1000) {
    const station = new Station(0, n, true, 1, { kind: 'exponential', meanS: 0.01 }, undefined, false, []);
    station.shard = 3;
    const rt = {
        replication: { copies: true, replicas: n, mode: 'single', reads: 'leader', syncFollowers: 0, ...replication },
        leader: 0, writable: true, stations: [station],
    } as unknown as Runtime; // only these fields are read
    const k = new FakeKernel(program({ behaviour: [behaviour], next: [1] }), [rt], cap);
    return { k, rt, station, pools: station.pools, replicas: new Replicas(k) };
}

/** How often each replica serves `draws` routes. */
function spread(s: ReturnType<typeof store>, write: boolean, draws = 2000): number[] {
    const id = s.k.requests.create(spec());
    const counts = s.pools.map(() => 0);
    for (let i = 0; i < draws; i++) {
        const p = s.replicas.route(id, s.rt, s.station, write);
        if (p) counts[p.replica]++;
    }
    return counts;
}

describe('Replicas.route', () => {
    it("a pinned apply goes to its replica, whatever the mode and the replica's state", () => {
        const s = store(3, { mode: 'single' });
        const id = s.k.requests.create(spec({ pin: 2 }));
        s.pools[2].down = true;
        expect(s.replicas.route(id, s.rt, s.station, true)).toBe(s.pools[2]);
        expect(s.replicas.route(id, s.rt, s.station, false)).toBe(s.pools[2]);
        // Replica 0 is a pin like any other (not "no pin"), though the leader is 1.
        s.rt.leader = 1;
        const zero = s.k.requests.create(spec({ pin: 0 }));
        expect(s.replicas.route(zero, s.rt, s.station, true)).toBe(s.pools[0]);
    });

    it('single leader: writes go to the leader while it is up and writable, else nowhere', () => {
        const s = store(3, { mode: 'single' });
        s.rt.leader = 1;
        expect(spread(s, true, 50)).toEqual([0, 50, 0]);
        s.rt.writable = false;
        expect(spread(s, true, 50)).toEqual([0, 0, 0]);
        s.rt.writable = true;
        s.pools[1].down = true;
        expect(spread(s, true, 50)).toEqual([0, 0, 0]);
    });

    it('multi leader or none: writes go to any live replica, evenly', () => {
        for (const mode of ['multi', 'none'] as const) {
            const s = store(4, { mode, reads: 'any' });
            s.pools[2].down = true;
            const counts = spread(s, true, 3000);
            expect(counts[2], mode).toBe(0);
            // Binomial(3000, 1/3): standard deviation ≈ 26.
            for (const r of [0, 1, 3]) expect(Math.abs(counts[r] - 1000), `${mode} ${counts}`).toBeLessThan(105);
        }
    });

    it('reads leader: the leader, or nowhere when it is down', () => {
        const s = store(3, { reads: 'leader' });
        s.rt.leader = 2;
        s.rt.writable = false; // reads do not care about writability
        expect(spread(s, false, 40)).toEqual([0, 0, 40]);
        s.pools[2].down = true;
        expect(spread(s, false, 40)).toEqual([0, 0, 0]);
    });

    it('reads any: every live replica, the leader included, evenly', () => {
        const s = store(3, { reads: 'any' });
        s.pools[2].down = true;
        const counts = spread(s, false, 2000);
        expect(counts[2]).toBe(0);
        // Binomial(2000, 1/2): standard deviation ≈ 22.
        for (const r of [0, 1]) expect(Math.abs(counts[r] - 1000), String(counts)).toBeLessThan(90);
    });

    it('reads followers: live followers evenly; the leader only when no follower is left; nowhere when all are down', () => {
        const s = store(4, { reads: 'followers' });
        s.rt.leader = 1;
        const counts = spread(s, false, 3000);
        expect(counts[1]).toBe(0);
        for (const r of [0, 2, 3]) expect(Math.abs(counts[r] - 1000), String(counts)).toBeLessThan(105);
        s.pools[0].down = true; s.pools[2].down = true;
        expect(spread(s, false, 30)).toEqual([0, 0, 0, 30]);
        s.pools[3].down = true;
        expect(spread(s, false, 30)).toEqual([0, 30, 0, 0]);
        s.pools[1].down = true;
        expect(spread(s, false, 30)).toEqual([0, 0, 0, 0]);
    });
});

describe('Replicas.replicate', () => {
    it('every other live replica applies the write; the first K followers hold it back (sync K), the rest in the background', () => {
        const s = store(4, { syncFollowers: 2 });
        s.k.now = 7.5;
        const id = s.k.requests.create(spec({ key: 42, flags: WRITE | MEASURED, flow: 3, replica: 5, space: 2 }));
        expect(s.replicas.replicate(id, 0, s.rt, s.pools[0])).toBe(true);
        const base = { node: 0, t0: 7.5, key: 42, flow: 3, end: 1, replica: 5, origin: -1, qnode: -1, attempts: 0, shard: 3, space: 2 };
        expect(s.k.jobs).toEqual([
            { ...base, flags: MEASURED | WRITE | APPLY | SUB, parent: id, pin: 1 },
            { ...base, flags: MEASURED | WRITE | APPLY | SUB, parent: id, pin: 2 },
            { ...base, flags: MEASURED | WRITE | APPLY | BACKGROUND, parent: -1, pin: 3 },
        ]);
        // Each apply is moved into node 0, already inside it (it is served there, not routed again).
        expect(s.k.advanced.map(([, node, past]) => [node, past])).toEqual([[0, INSIDE], [0, INSIDE], [0, INSIDE]]);
        expect(new Set(s.k.advanced.map(([j]) => j)).size).toBe(3);
        expect([s.k.requests.pending[id], s.k.requests.resume[id]]).toEqual([2, 1]);
    });

    it('an unmeasured write makes unmeasured applies', () => {
        const s = store(2, { syncFollowers: 0 });
        const id = s.k.requests.create(spec({ flags: WRITE }));
        expect(s.replicas.replicate(id, 0, s.rt, s.pools[0])).toBe(false);
        expect(s.k.jobs.map((j) => j.flags)).toEqual([WRITE | APPLY | BACKGROUND]);
    });

    it('a down replica applies nothing, and a down synchronous follower is not replaced by the next one', () => {
        const s = store(4, { syncFollowers: 1 });
        s.pools[1].down = true;
        const id = s.k.requests.create(spec({ flags: WRITE }));
        // Follower 1 is the synchronous one; it is down, so the write waits for nobody.
        expect(s.replicas.replicate(id, 0, s.rt, s.pools[0])).toBe(false);
        expect(s.k.jobs.map((j) => [j.pin, j.flags & (SUB | BACKGROUND)])).toEqual([[2, BACKGROUND], [3, BACKGROUND]]);
        expect(s.k.requests.pending[id]).toBe(0);
    });

    it('a write coordinated at a follower (multi leader) is applied by the others, the leader included', () => {
        const s = store(3, { mode: 'multi', syncFollowers: 1 });
        const id = s.k.requests.create(spec({ flags: WRITE }));
        expect(s.replicas.replicate(id, 0, s.rt, s.pools[2])).toBe(true);
        expect(s.k.jobs.map((j) => [j.pin, j.flags & (SUB | BACKGROUND)])).toEqual([[0, SUB], [1, BACKGROUND]]);
        expect(s.k.requests.pending[id]).toBe(1);
    });

    it('holds nothing back where something else follows service (not a plain node)', () => {
        const s = store(3, { syncFollowers: 2 }, QUEUE);
        const id = s.k.requests.create(spec({ flags: WRITE }));
        expect(s.replicas.replicate(id, 0, s.rt, s.pools[0])).toBe(false);
        expect(s.k.jobs.map((j) => [j.flags & (SUB | BACKGROUND), j.parent])).toEqual([[BACKGROUND, -1], [BACKGROUND, -1]]);
    });

    it('stops and waits for nothing when the in-flight cap is reached', () => {
        const s = store(4, { syncFollowers: 3 }, PLAIN, 2);
        const id = s.k.requests.create(spec({ flags: WRITE }));
        // Room for one apply (the cap is 2, the write holds one): the second is refused.
        expect(s.replicas.replicate(id, 0, s.rt, s.pools[0])).toBe(false);
        expect(s.k.jobs.length).toBe(2);
        expect(s.k.advanced.length).toBe(1);
        expect(s.k.requests.pending[id]).toBe(0);
    });

    it('takes request id 0 for an apply like any other', () => {
        const s = store(2, { syncFollowers: 1 });
        // Free id 0 so that the apply gets it: the write holds id 1.
        const placeholder = s.k.requests.create(spec());
        const id = s.k.requests.create(spec({ flags: WRITE }));
        s.k.requests.release(placeholder);
        expect(s.replicas.replicate(id, 0, s.rt, s.pools[0])).toBe(true);
        expect(s.k.advanced).toEqual([[0, 0, INSIDE]]);
        expect(s.k.requests.pending[id]).toBe(1);
    });
});

describe('Replicas.down, up and the failover', () => {
    it('losing the writable leader stops the writes; failover D later the first live synchronous follower leads', () => {
        const s = store(4, { syncFollowers: 2, failoverS: 30 });
        s.k.now = 10;
        s.pools[0].down = true; s.pools[1].down = true;
        s.replicas.down(s.rt, 0);
        expect(s.rt.writable).toBe(false);
        expect(s.k.timers.map((t) => t.t)).toEqual([40]);
        s.k.timers[0].action();
        // Followers 1 and 2 are synchronous; 1 is down, so 2.
        expect([s.rt.leader, s.rt.writable]).toEqual([2, true]);
    });

    it('promotes the first live follower when no synchronous one is live', () => {
        const s = store(4, { syncFollowers: 1, failoverS: 5 });
        s.pools[0].down = true; s.pools[1].down = true;
        s.replicas.down(s.rt, 0);
        s.k.timers[0].action();
        expect([s.rt.leader, s.rt.writable]).toEqual([2, true]);
    });

    it('promotes nobody when every follower is down, or when the leader is back by then', () => {
        const s = store(3, { syncFollowers: 1, failoverS: 5 });
        for (const p of s.pools) p.down = true;
        s.replicas.down(s.rt, 0);
        s.k.timers[0].action();
        expect([s.rt.leader, s.rt.writable]).toEqual([0, false]);

        const t = store(3, { syncFollowers: 1, failoverS: 5 });
        t.pools[0].down = true;
        t.replicas.down(t.rt, 0);
        t.pools[0].down = false; // back before the failover, but not yet marked up
        t.k.timers[0].action();
        expect([t.rt.leader, t.rt.writable]).toEqual([0, false]);

        const u = store(3, { syncFollowers: 1, failoverS: 5 });
        u.pools[0].down = true;
        u.replicas.down(u.rt, 0);
        u.replicas.up(u.rt, 0); // back and writable again: the failover does nothing
        u.k.timers[0].action();
        expect([u.rt.leader, u.rt.writable]).toEqual([0, true]);
    });

    it('without a failover the writes wait for the leader to return', () => {
        const s = store(3, { syncFollowers: 1 });
        s.pools[0].down = true;
        s.replicas.down(s.rt, 0);
        expect(s.k.timers).toEqual([]);
        expect(s.rt.writable).toBe(false);
        s.replicas.up(s.rt, 1); // a follower's return changes nothing
        expect(s.rt.writable).toBe(false);
        s.replicas.up(s.rt, 0);
        expect(s.rt.writable).toBe(true);
    });

    it("a follower's loss, a second loss of the leader, or a loss under multi leader changes nothing", () => {
        const s = store(3, { syncFollowers: 1, failoverS: 5 });
        s.replicas.down(s.rt, 1);
        expect([s.rt.writable, s.k.timers.length]).toEqual([true, 0]);
        s.replicas.down(s.rt, 0);
        s.replicas.down(s.rt, 0);
        expect([s.rt.writable, s.k.timers.length]).toEqual([false, 1]);
        const m = store(3, { mode: 'multi', failoverS: 5 });
        m.replicas.down(m.rt, 0);
        expect([m.rt.writable, m.k.timers.length]).toEqual([true, 0]);
    });
});
