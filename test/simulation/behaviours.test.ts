/**
 * What components do with a request after service (behaviours.ts), on a hand-driven kernel: cache
 * hits, misses and write policies, CDN ranks, collapsed misses, weighted and health-checked choices,
 * queue publish, pull, redelivery and dead-lettering, the depth series, scatter-gather. Every
 * expected value is worked by hand (or by a brute-force cumulative search) in the test.
 */
import { describe, expect, it } from 'vitest';
import { Behaviours, PARKED, REDELIVERY_S, WRITE_BACK_DELAY_S } from '../../language-server/simulation/behaviours.js';
import { PolicyCache, type SimCache } from '../../language-server/simulation/cache-sim.js';
import { Histogram } from '../../language-server/simulation/histogram.js';
import type { Kernel } from '../../language-server/simulation/kernel.js';
import { MAX_QUEUED, MessageLine } from '../../language-server/simulation/message-line.js';
import { CACHE, CDN, ENTER, INSIDE, PLAIN, QUEUE, type Program } from '../../language-server/simulation/program.js';
import { Rng } from '../../language-server/simulation/random.js';
import {
    BACKGROUND, CALL, CHILD_FAILED, DRAWN_WRITE, FLUSH, MEASURED, MESSAGE, Requests, SUB, WRITE, type JobSpec,
} from '../../language-server/simulation/requests.js';
import type { QueueRuntime, Runtime } from '../../language-server/simulation/setup.js';
import type { Pool, Station } from '../../language-server/simulation/stations.js';
import { spec } from './fake-kernel.js';

/** Uniform draws given by the test, in order; it fails when the code draws more than it was given. */
class Draws {
    readonly given: number[];
    taken = 0;
    constructor(...given: number[]) {
        this.given = given;
    }
    next(): number {
        if (this.taken >= this.given.length) throw new Error(`draw ${this.taken + 1} was not expected`);
        return this.given[this.taken++];
    }
}

/** A recording kernel for behaviours: every request to the engine is logged, nothing else happens. */
class Recorder implements Kernel {
    readonly requests: Requests;
    rng: Rng;
    draws: Draws;
    now = 0;
    measuring = true;
    durationS = 100;
    readonly jobs: JobSpec[] = [];
    readonly advanced: [id: number, node: number, past: number][] = [];
    readonly failed: number[] = [];
    readonly finished: number[] = [];
    readonly woken: [t: number, id: number][] = [];
    readonly refilled: Pool[] = [];
    readonly stopped: string[] = [];
    readonly asked: [id: number, node: number][] = [];
    /** Whether job `id` writes at a node (default: its own WRITE flag). */
    writing: (id: number, node: number) => boolean = (id) => (this.requests.flags[id] & WRITE) !== 0;
    /** What a consumer's pool does when refilled (default: nothing). */
    onRefill: (pool: Pool) => void = () => {};

    constructor(readonly program: Program, readonly runtimes: Runtime[], cap = 1000, draws = new Draws()) {
        this.requests = new Requests(cap);
        this.draws = draws;
        this.rng = draws as unknown as Rng; // behaviours only call next()
    }

    job(s: JobSpec): number {
        this.jobs.push(s);
        return this.requests.create(s);
    }
    advance(id: number, node: number, past: number): void { this.advanced.push([id, node, past]); }
    writes(id: number, node: number): boolean {
        this.asked.push([id, node]);
        return this.writing(id, node);
    }
    at(): void { throw new Error('not used'); }
    finish(id: number): void { this.finished.push(id); }
    fail(id: number): void { this.failed.push(id); }
    refill(pool: Pool): void {
        this.refilled.push(pool);
        this.onRefill(pool);
    }
    wakeAt(t: number, id: number): void { this.woken.push([t, id]); }
    timersAt(): void { throw new Error('not used'); }
    retryAt(): void { throw new Error('not used'); }
    stop(reason: 'memory'): void { this.stopped.push(reason); }
}

/** Columns of `n` nodes: node i is component i, goes on to 10 + i, skips to 20 + i, keys in space 30 + i; no children. */
function columns(n: number, set: Partial<Record<keyof Program, number[]>> = {}, deadLetterEntry = new Map<number, number>()): Program {
    const col = (name: keyof Program, f: (i: number) => number) => set[name] ?? Array.from({ length: n }, (_, i) => f(i));
    return {
        size: n,
        behaviour: col('behaviour', () => PLAIN), choice: col('choice', () => 0), checks: col('checks', () => 0),
        comp: col('comp', (i) => i), next: col('next', (i) => 10 + i), skip: col('skip', (i) => 20 + i), space: col('space', (i) => 30 + i),
        childStart: col('childStart', () => 0), childCount: col('childCount', () => 0),
        children: set.children ?? [], cumWeight: Float64Array.from(set.cumWeight ?? []),
        deadLetterEntry,
    } as unknown as Program; // only the columns behaviours read
}

/** A runtime with its counters at zero; `fields` sets what a test needs. */
function runtime(fields: Partial<Runtime> = {}): Runtime {
    return {
        live: 1, excluded: false, appServer: false, invalidateOnWrite: false, cdnRank: 0, cdnFraction: 0, stations: [],
        hist: new Histogram(), completions: 0, reads: 0, writes: 0, hits: 0, misses: 0, collapsed: 0, ...fields,
    } as unknown as Runtime; // only the fields behaviours read
}

function queue(fields: Partial<QueueRuntime> = {}): QueueRuntime {
    return {
        line: new MessageLine(), depth: 0, endDepth: 0, maxDepth: 0, deadLettered: 0, lost: 0, dropped: 0,
        series: new Float64Array(60), lastSlice: 0, redeliver: true, retries: 2, deadLetter: -1, capacity: Infinity, ...fields,
    };
}

/** A real LRU cache of `capacity` items with no TTL. */
function lru(capacity: number): PolicyCache {
    return new PolicyCache(capacity, 'lru', Infinity, new Rng(1));
}

/** A flush job of `key` from cache node `node`, instance `instance`, made at `t`. */
function flushSpec(node: number, key: number, instance: number, t: number): JobSpec {
    return {
        node, t0: t, key, flags: BACKGROUND | FLUSH | WRITE, flow: -1, end: 20 + node, parent: -1, replica: 0, origin: instance,
        qnode: node, attempts: 0, shard: -1, space: 30 + node, pin: -1,
    };
}

describe('constants', () => {
    it('parks at -2, flushes after 1 s, redelivers after 1 s', () => {
        expect([PARKED, WRITE_BACK_DELAY_S, REDELIVERY_S]).toEqual([-2, 1, 1]);
    });
});

describe('Behaviours.after on a plain node', () => {
    it('goes on to the next node, asking nothing when the component collapses nothing', () => {
        const k = new Recorder(columns(3), [runtime(), runtime(), runtime()]);
        const id = k.requests.create(spec({ key: 4 }));
        expect(new Behaviours(k).after(id, 1, k.runtimes[1])).toBe(11);
        expect(k.asked).toEqual([]);
        expect(k.draws.taken).toBe(0);
    });
});

describe('Behaviours.after on a spreader (weighted choice)', () => {
    // Node 0 is a spreader over nodes 1, 2, 3 (weights 0.25, 0.5, 0.25); node 4 one over 5, 6 (0.5, 0.5).
    // Its children list starts at 2 so that a cumulative read before `start` would see node 4's weights.
    function spreader(checks = 0, draws = new Draws()) {
        const P = columns(7, {
            choice: [1, 0, 0, 0, 1, 0, 0], checks: [checks, 0, 0, 0, 0, 0, 0],
            childStart: [2, 0, 0, 0, 0, 0, 0], childCount: [3, 0, 0, 0, 2, 0, 0],
            children: [5, 6, 1, 2, 3], cumWeight: [0.5, 1, 0.25, 0.75, 1],
        });
        const k = new Recorder(P, Array.from({ length: 7 }, () => runtime()), 1000, draws);
        return { k, b: new Behaviours(k), id: k.requests.create(spec()) };
    }

    it('picks the first child whose cumulative weight exceeds the draw (a draw on a boundary goes right)', () => {
        const cases: [u: number, child: number][] = [[0.1, 1], [0.2499, 1], [0.25, 2], [0.5, 2], [0.7499, 2], [0.75, 3], [0.9999, 3]];
        for (const [u, child] of cases) {
            const s = spreader(0, new Draws(u));
            expect(s.b.after(s.id, 0, s.k.runtimes[0]), `u = ${u}`).toBe(child);
            expect(s.k.draws.taken).toBe(1);
        }
    });

    it("reads its own children's weights from childStart (the other spreader: 0.5 | 0.5)", () => {
        for (const [u, child] of [[0.25, 5], [0.4999, 5], [0.5, 6], [0.9, 6]] as const) {
            const s = spreader(0, new Draws(u));
            expect(s.b.after(s.id, 4, s.k.runtimes[4])).toBe(child);
        }
    });

    it('falls on the last child for the largest draw even when the cumulative weights round below 1', () => {
        // Ten children of weight 0.1: their running sum ends at 0.9999999999999999.
        const cum: number[] = [];
        let sum = 0;
        for (let i = 0; i < 10; i++) cum.push((sum += 0.1));
        expect(cum[9]).toBeLessThan(1);
        const children = Array.from({ length: 10 }, (_, i) => 1 + i);
        const P = columns(11, { choice: [1, ...Array(10).fill(0)], childStart: Array(11).fill(0), childCount: [10, ...Array(10).fill(0)], children, cumWeight: cum });
        const k = new Recorder(P, Array.from({ length: 11 }, () => runtime()), 1000, new Draws(1 - 2 ** -33, 0.95, 0.05));
        const b = new Behaviours(k), id = k.requests.create(spec());
        expect([b.after(id, 0, k.runtimes[0]), b.after(id, 0, k.runtimes[0]), b.after(id, 0, k.runtimes[0])]).toEqual([10, 10, 1]);
    });

    it('matches a brute-force cumulative search over random weights and draws', () => {
        const rng = new Rng(7);
        for (let trial = 0; trial < 200; trial++) {
            const n = 1 + rng.int(6);
            const weights = Array.from({ length: n }, () => (rng.int(4) === 0 ? 0 : rng.next()));
            if (!weights.some((w) => w > 0)) weights[0] = 1;
            const total = weights.reduce((a, b) => a + b, 0);
            const cum: number[] = [];
            let c = 0;
            for (const w of weights) cum.push((c += w / total));
            const u = rng.next();
            // Brute force: the first child whose cumulative weight is above u, else the last.
            let expected = n - 1;
            for (let i = 0; i < n; i++) if (u < cum[i]) { expected = i; break; }
            const P = columns(n + 1, {
                choice: [1, ...Array(n).fill(0)], childStart: Array(n + 1).fill(0), childCount: [n, ...Array(n).fill(0)],
                children: Array.from({ length: n }, (_, i) => 1 + i), cumWeight: cum,
            });
            const k = new Recorder(P, Array.from({ length: n + 1 }, () => runtime()), 1000, new Draws(u));
            expect(new Behaviours(k).after(k.requests.create(spec()), 0, k.runtimes[0])).toBe(1 + expected);
        }
    });

    it('without a health check, picks a child that is taken out all the same, with one draw', () => {
        const s = spreader(0, new Draws(0.5));
        s.k.runtimes[2].excluded = true;
        expect(s.b.after(s.id, 0, s.k.runtimes[0])).toBe(2);
        expect(s.k.draws.taken).toBe(1);
    });

    it('with a health check, keeps a pick that is not taken out (one draw)', () => {
        const s = spreader(1, new Draws(0.8));
        s.k.runtimes[2].excluded = true;
        expect(s.b.after(s.id, 0, s.k.runtimes[0])).toBe(3);
        expect(s.k.draws.taken).toBe(1);
    });

    it('with a health check, draws again among the children left, by their weights', () => {
        // Child 2 (weight 0.5) is out: the open weight is 0.25 + 0.25 = 0.5; the second draw times 0.5
        // lands on child 1 up to 0.25 inclusive, on child 3 above it.
        const cases: [u2: number, child: number][] = [[0.1, 1], [0.5, 1], [0.5000001, 3], [0.75, 3], [0.999, 3]];
        for (const [u2, child] of cases) {
            const s = spreader(1, new Draws(0.6, u2));
            s.k.runtimes[2].excluded = true;
            expect(s.b.after(s.id, 0, s.k.runtimes[0]), `u2 = ${u2}`).toBe(child);
            expect(s.k.draws.taken).toBe(2);
        }
    });

    it('with a health check and the first child out, spreads over the others by weight', () => {
        // Child 1 (0.25) is out; open weight 0.75: child 2 takes pick ≤ 0.5 (u2 ≤ 2/3), child 3 the rest.
        const cases: [u2: number, child: number][] = [[0.01, 2], [0.6, 2], [2 / 3, 2], [0.7, 3], [0.99, 3]];
        for (const [u2, child] of cases) {
            const s = spreader(1, new Draws(0.1, u2));
            s.k.runtimes[1].excluded = true;
            expect(s.b.after(s.id, 0, s.k.runtimes[0]), `u2 = ${u2}`).toBe(child);
        }
    });

    it('with a health check and the last child out, spreads over the first two by weight', () => {
        // Child 3 (0.25) is out; open weight 0.75: child 1 takes pick ≤ 0.25 (u2 ≤ 1/3), child 2 the rest.
        const cases: [u2: number, child: number][] = [[0.2, 1], [0.3333, 1], [0.34, 2], [0.99, 2]];
        for (const [u2, child] of cases) {
            const s = spreader(1, new Draws(0.9, u2));
            s.k.runtimes[3].excluded = true;
            expect(s.b.after(s.id, 0, s.k.runtimes[0]), `u2 = ${u2}`).toBe(child);
        }
    });

    it('with a health check and every child out, keeps the first pick (no second draw)', () => {
        for (const [u, child] of [[0.1, 1], [0.5, 2], [0.9, 3]] as const) {
            const s = spreader(1, new Draws(u));
            for (const c of [1, 2, 3]) s.k.runtimes[c].excluded = true;
            expect(s.b.after(s.id, 0, s.k.runtimes[0])).toBe(child);
            expect(s.k.draws.taken).toBe(1);
        }
    });

    it('with a health check, looks children up by their component, not their node', () => {
        // Nodes 1, 2, 3 are components 4, 5, 6; component 5 is out (components 1..3 are not).
        const P = columns(7, {
            choice: [1, 0, 0, 0, 0, 0, 0], checks: [1, 0, 0, 0, 0, 0, 0], comp: [0, 4, 5, 6, 1, 2, 3],
            childStart: Array(7).fill(0), childCount: [3, 0, 0, 0, 0, 0, 0], children: [1, 2, 3], cumWeight: [0.25, 0.75, 1],
        });
        const k = new Recorder(P, Array.from({ length: 7 }, () => runtime()), 1000, new Draws(0.5, 0.75));
        k.runtimes[5].excluded = true;
        expect(new Behaviours(k).after(k.requests.create(spec()), 0, k.runtimes[0])).toBe(3);
    });
});

describe('Behaviours.after at a collapsing proxy', () => {
    // Nodes 0 and 1 are proxies (components 0, 1) that collapse concurrent misses; node 2 a spreader over 3, 4.
    function proxies() {
        const P = columns(5, { choice: [0, 0, 1, 0, 0], childStart: [0, 0, 0, 0, 0], childCount: [0, 0, 2, 0, 0], children: [3, 4], cumWeight: [0.5, 1] });
        const rts = [runtime({ collapse: new Map() }), runtime({ collapse: new Map() }), runtime({ collapse: new Map() }), runtime(), runtime()];
        const k = new Recorder(P, rts, 1000, new Draws(0.7, 0.2));
        return { k, b: new Behaviours(k), R: k.requests };
    }

    it('lets the first read of a key lead and parks later reads of it as followers, newest first', () => {
        const s = proxies();
        const [a, b, c, d] = [7, 7, 7, 8].map((key) => s.R.create(spec({ key })));
        expect(s.b.after(a, 0, s.k.runtimes[0])).toBe(10);
        expect(s.R.collapseNode[a]).toBe(0);
        expect(s.k.runtimes[0].collapse!.get(7)).toBe(a);
        expect(s.b.after(b, 0, s.k.runtimes[0])).toBe(PARKED);
        expect(s.b.after(c, 0, s.k.runtimes[0])).toBe(PARKED);
        expect(s.b.after(d, 0, s.k.runtimes[0])).toBe(10); // another key leads its own miss
        expect([s.R.follower[a], s.R.follower[c], s.R.follower[b], s.R.follower[d]]).toEqual([c, b, -1, -1]);
        expect([s.R.collapseNode[b], s.R.collapseNode[c], s.R.collapseNode[d]]).toEqual([-1, -1, 0]);
        expect(s.k.runtimes[0].collapsed).toBe(2);
        expect(s.k.asked).toEqual([[a, 0], [b, 0], [c, 0], [d, 0]]);
    });

    it('counts collapsed reads only while measuring', () => {
        const s = proxies();
        s.k.measuring = false;
        const a = s.R.create(spec({ key: 7 })), b = s.R.create(spec({ key: 7 }));
        s.b.after(a, 0, s.k.runtimes[0]);
        expect(s.b.after(b, 0, s.k.runtimes[0])).toBe(PARKED);
        expect(s.k.runtimes[0].collapsed).toBe(0);
    });

    it('never collapses a write: it goes on, and does not lead', () => {
        const s = proxies();
        const a = s.R.create(spec({ key: 7 })), w = s.R.create(spec({ key: 7, flags: WRITE })), w2 = s.R.create(spec({ key: 9, flags: WRITE }));
        s.b.after(a, 0, s.k.runtimes[0]);
        expect(s.b.after(w, 0, s.k.runtimes[0])).toBe(10);
        expect(s.b.after(w2, 0, s.k.runtimes[0])).toBe(10);
        expect(s.k.runtimes[0].collapse!.has(9)).toBe(false);
        expect([s.R.follower[a], s.R.collapseNode[w], s.R.collapseNode[w2]]).toEqual([-1, -1, -1]);
        expect(s.k.runtimes[0].collapsed).toBe(0);
    });

    it('asks whether the request writes at this node, not by its flag alone', () => {
        const s = proxies();
        s.k.writing = (_id, node) => node === 0; // a `[write]` above node 0
        const a = s.R.create(spec({ key: 7 })), b = s.R.create(spec({ key: 7 }));
        s.b.after(a, 1, s.k.runtimes[1]);
        expect(s.b.after(b, 1, s.k.runtimes[1])).toBe(PARKED);
        expect(s.b.after(b, 0, s.k.runtimes[0])).toBe(10);
        expect(s.k.runtimes[0].collapse!.size).toBe(0);
    });

    it('a request already leading a miss (here at node 0, id 0) neither joins nor leads another proxy', () => {
        const s = proxies();
        const a = s.R.create(spec({ key: 7 }));
        expect(a).toBe(0);
        s.b.after(a, 0, s.k.runtimes[0]);
        const other = s.R.create(spec({ key: 7 }));
        s.b.after(other, 1, s.k.runtimes[1]); // another request leads key 7 at proxy 1
        expect(s.b.after(a, 1, s.k.runtimes[1])).toBe(11);
        expect(s.R.follower[other]).toBe(-1);
        expect(s.R.collapseNode[a]).toBe(0);
        expect(s.k.runtimes[1].collapse!.get(7)).toBe(other);
        const c = s.R.create(spec({ key: 8 }));
        s.b.after(c, 1, s.k.runtimes[1]);
        s.R.collapseNode[c] = 1;
        expect(s.b.after(c, 0, s.k.runtimes[0])).toBe(10);
        expect(s.k.runtimes[0].collapse!.has(8)).toBe(false);
    });

    it('a leader at a collapsing spreader goes on to its choice; a follower parks without a draw', () => {
        const s = proxies();
        const a = s.R.create(spec({ key: 7 })), b = s.R.create(spec({ key: 7 }));
        expect(s.b.after(a, 2, s.k.runtimes[2])).toBe(4);
        expect(s.b.after(b, 2, s.k.runtimes[2])).toBe(PARKED);
        expect(s.k.draws.taken).toBe(1);
    });
});

describe('Behaviours.releaseFollowers', () => {
    function collapsed() {
        const P = columns(3, { skip: [20, 21, 22] });
        const k = new Recorder(P, [runtime({ collapse: new Map() }), runtime(), runtime()]);
        const b = new Behaviours(k), R = k.requests;
        const [a, f1, f2, f3] = [0, 1, 2, 3].map(() => R.create(spec({ key: 7 })));
        for (const id of [a, f1, f2, f3]) b.after(id, 0, k.runtimes[0]);
        // The followers are served where they wait: their node's skip.
        R.node[f1] = 1; R.node[f2] = 2; R.node[f3] = 0;
        return { k, b, R, a, f1, f2, f3 };
    }

    it("sends the followers on past the proxy with the leader's answer, newest first, and forgets the miss", () => {
        const s = collapsed();
        s.b.releaseFollowers(s.a, false);
        expect(s.k.advanced).toEqual([[s.f3, 20, ENTER], [s.f2, 22, ENTER], [s.f1, 21, ENTER]]);
        expect(s.k.failed).toEqual([]);
        expect(s.k.runtimes[0].collapse!.size).toBe(0);
        expect([s.R.collapseNode[s.a], s.R.follower[s.a], s.R.follower[s.f1], s.R.follower[s.f2], s.R.follower[s.f3]]).toEqual([-1, -1, -1, -1, -1]);
    });

    it("fails the followers with a failed leader's answer", () => {
        const s = collapsed();
        s.b.releaseFollowers(s.a, true);
        expect(s.k.failed).toEqual([s.f3, s.f2, s.f1]);
        expect(s.k.advanced).toEqual([]);
        expect(s.k.runtimes[0].collapse!.size).toBe(0);
    });

    it('a new read of the key leads again once the miss is released', () => {
        const s = collapsed();
        s.b.releaseFollowers(s.a, false);
        const n = s.R.create(spec({ key: 7 }));
        expect(s.b.after(n, 0, s.k.runtimes[0])).toBe(10);
        expect(s.k.runtimes[0].collapse!.get(7)).toBe(n);
    });

    it('a leader without followers releases nothing but its key', () => {
        const P = columns(1);
        const k = new Recorder(P, [runtime({ collapse: new Map() })]);
        const b = new Behaviours(k);
        const a = k.requests.create(spec({ key: 3 })), other = k.requests.create(spec({ key: 4 }));
        b.after(a, 0, k.runtimes[0]);
        b.after(other, 0, k.runtimes[0]);
        b.releaseFollowers(a, false);
        expect([...k.runtimes[0].collapse!.entries()]).toEqual([[4, other]]);
        expect([k.advanced, k.failed]).toEqual([[], []]);
    });
});

describe('Behaviours.after at a CDN', () => {
    // Node 0 is a CDN serving ranks 1..3 and rank 4 a quarter of the time.
    function cdn(draws = new Draws()) {
        const k = new Recorder(columns(1, { behaviour: [CDN] }), [runtime({ cdnRank: 3, cdnFraction: 0.25 })], 1000, draws);
        return { k, b: new Behaviours(k), rt: k.runtimes[0] };
    }

    it('serves ranks up to its boundary without a draw, and misses ranks beyond the next one without a draw', () => {
        const s = cdn();
        const got = [1, 2, 3, 5, 40].map((key) => s.b.after(s.k.requests.create(spec({ key })), 0, s.rt));
        expect(got).toEqual([20, 20, 20, 10, 10]);
        expect(s.k.draws.taken).toBe(0);
        expect([s.rt.hits, s.rt.misses]).toEqual([3, 2]);
    });

    it('serves the boundary rank when the draw is below its fraction', () => {
        const s = cdn(new Draws(0.1, 0.2499, 0.25, 0.9));
        const got = [0, 1, 2, 3].map(() => s.b.after(s.k.requests.create(spec({ key: 4 })), 0, s.rt));
        expect(got).toEqual([20, 20, 10, 10]);
        expect([s.rt.hits, s.rt.misses]).toEqual([2, 2]);
    });

    it('passes writes to the origin, uncounted', () => {
        const s = cdn();
        expect(s.b.after(s.k.requests.create(spec({ key: 1, flags: WRITE })), 0, s.rt)).toBe(10);
        expect([s.rt.hits, s.rt.misses]).toEqual([0, 0]);
    });

    it('counts nothing outside the measured window', () => {
        const s = cdn(new Draws(0.1));
        s.k.measuring = false;
        expect([1, 4, 9].map((key) => s.b.after(s.k.requests.create(spec({ key })), 0, s.rt))).toEqual([20, 20, 10]);
        expect([s.rt.hits, s.rt.misses]).toEqual([0, 0]);
    });
});

describe('Behaviours.after at a cache: reads', () => {
    // Node 1 is the cache (component 1); it goes on to 11 on a miss, skips to 21 on a hit.
    function cache(caches: SimCache[], fields: Partial<Runtime> = {}, cap = 1000) {
        const k = new Recorder(columns(2, { behaviour: [PLAIN, CACHE] }), [runtime(), runtime({ caches, write: 'write_around', ...fields })], cap);
        return { k, b: new Behaviours(k), rt: k.runtimes[1], R: k.requests };
    }
    const read = (s: ReturnType<typeof cache>, key: number, replica = 0) => s.b.after(s.R.create(spec({ key, replica })), 1, s.rt);

    it('misses a key once, then hits it; counts both', () => {
        const s = cache([lru(4)]);
        expect([read(s, 5), read(s, 5), read(s, 6), read(s, 5)]).toEqual([11, 21, 11, 21]);
        expect([s.rt.hits, s.rt.misses]).toEqual([2, 2]);
        expect(s.k.jobs).toEqual([]);
    });

    it('counts nothing outside the measured window, but still fills the cache', () => {
        const s = cache([lru(4)]);
        s.k.measuring = false;
        expect([read(s, 5), read(s, 5)]).toEqual([11, 21]);
        expect([s.rt.hits, s.rt.misses]).toEqual([0, 0]);
    });

    it('evicting a clean entry on a miss flushes nothing', () => {
        const s = cache([lru(1)]);
        expect([read(s, 5), read(s, 6), read(s, 5)]).toEqual([11, 11, 11]);
        expect([s.k.jobs, s.k.advanced]).toEqual([[], []]);
    });

    it('a miss that evicts a dirty entry writes it downstream at once', () => {
        const c = lru(1);
        c.put(5, 0, true);
        const s = cache([c]);
        s.k.now = 2;
        expect(read(s, 6)).toBe(11);
        expect(s.k.jobs).toEqual([flushSpec(1, 5, 0, 2)]);
        expect(s.k.advanced).toEqual([[0 + 1, 11, ENTER]]); // job 0 is the read, job 1 the flush
        expect(c.clean(5)).toBe(false);
    });

    it('an app-server cache is the one on the replica that served the request (replica mod instances)', () => {
        const caches = [lru(4), lru(4), lru(4)];
        const s = cache(caches, { appServer: true });
        expect(read(s, 5, 4)).toBe(11);
        expect(caches.map((c) => c.size)).toEqual([0, 1, 0]);
        expect([read(s, 5, 1), read(s, 5, 7), read(s, 5, 0), read(s, 5, 2)]).toEqual([21, 21, 11, 11]);
        expect(caches.map((c) => c.size)).toEqual([1, 1, 1]);
    });

    it('any other cache is one instance, whatever replica served', () => {
        const caches = [lru(4), lru(4)];
        const s = cache(caches);
        expect([read(s, 5, 1), read(s, 5, 3)]).toEqual([11, 21]);
        expect(caches.map((c) => c.size)).toEqual([1, 0]);
    });

    it("an app-server cache's dirty eviction is flushed as from its own instance", () => {
        const caches = [lru(1), lru(1)];
        caches[1].put(9, 0, true);
        const s = cache(caches, { appServer: true });
        s.k.now = 3;
        expect(read(s, 2, 3)).toBe(11);
        expect(s.k.jobs).toEqual([flushSpec(1, 9, 1, 3)]);
    });

    it('collapses a miss onto the one in flight for the key; the leader fills the cache', () => {
        const s = cache([lru(1)], { collapse: new Map() });
        const a = s.R.create(spec({ key: 5 })), b = s.R.create(spec({ key: 6 })), c = s.R.create(spec({ key: 5 }));
        expect(s.b.after(a, 1, s.rt)).toBe(11);
        expect(s.b.after(b, 1, s.rt)).toBe(11); // evicts 5 (capacity 1)
        expect(s.b.after(c, 1, s.rt)).toBe(PARKED); // misses 5, whose miss is still in flight
        expect(s.R.follower[a]).toBe(c);
        expect([s.rt.hits, s.rt.misses, s.rt.collapsed]).toEqual([0, 3, 1]);
        expect(read(s, 6)).toBe(21); // the follower put nothing: 6 is still held
    });

    it('a write never collapses', () => {
        const s = cache([lru(4)], { collapse: new Map() });
        const w = s.R.create(spec({ key: 5, flags: WRITE }));
        expect(s.b.after(w, 1, s.rt)).toBe(11);
        expect(s.rt.collapse!.size).toBe(0);
    });
});

describe('Behaviours.after at a cache: writes', () => {
    function cache(write: Runtime['write'], c: SimCache, fields: Partial<Runtime> = {}, cap = 1000) {
        const k = new Recorder(columns(2, { behaviour: [PLAIN, CACHE] }), [runtime(), runtime({ caches: [c], write, ...fields })], cap);
        return { k, b: new Behaviours(k), rt: k.runtimes[1], R: k.requests };
    }
    const op = (s: ReturnType<typeof cache>, key: number, flags = 0) => s.b.after(s.R.create(spec({ key, flags })), 1, s.rt);

    it('write-around with invalidation drops the key: the next read misses', () => {
        const s = cache('write_around', lru(4), { invalidateOnWrite: true });
        expect([op(s, 5), op(s, 5, WRITE), op(s, 5)]).toEqual([11, 11, 11]);
        expect([s.rt.hits, s.rt.misses]).toEqual([0, 2]);
        expect(s.k.jobs).toEqual([]);
    });

    it('write-around without invalidation leaves the cached key: the next read hits', () => {
        const s = cache('write_around', lru(4));
        expect([op(s, 5), op(s, 5, WRITE), op(s, 5)]).toEqual([11, 11, 21]);
        expect([s.rt.hits, s.rt.misses]).toEqual([1, 1]);
    });

    it('write-through writes the store and puts the key clean: the next read hits, nothing is flushed later', () => {
        const s = cache('write_through', lru(4), { invalidateOnWrite: true });
        expect([op(s, 5, WRITE), op(s, 5)]).toEqual([11, 21]);
        expect([s.rt.hits, s.rt.misses]).toEqual([1, 0]);
        expect([s.k.jobs, s.k.woken]).toEqual([[], []]);
    });

    it('write-through flushes a dirty entry it evicts', () => {
        const c = lru(1);
        c.put(3, 0, true);
        const s = cache('write_through', c);
        s.k.now = 4;
        expect(op(s, 5, WRITE)).toBe(11);
        expect(s.k.jobs).toEqual([flushSpec(1, 3, 0, 4)]);
        expect(s.k.advanced).toEqual([[1, 11, ENTER]]);
    });

    it('write-through leaves its entry clean: evicting it later flushes nothing, and a failure loses nothing', () => {
        const c = lru(1);
        const s = cache('write_through', c);
        expect([op(s, 5, WRITE), op(s, 6)]).toEqual([11, 11]); // the read of 6 evicts 5
        expect([s.k.jobs, s.k.advanced]).toEqual([[], []]);
        const d = lru(2);
        const t = cache('write_through', d);
        op(t, 7, WRITE);
        expect(d.clear()).toBe(0);
    });

    it('write-back answers at the cache and flushes the key WRITE_BACK_DELAY_S later', () => {
        const c = lru(4);
        const s = cache('write_back', c);
        s.k.now = 2.5;
        expect(op(s, 5, WRITE)).toBe(21);
        expect(s.k.jobs).toEqual([flushSpec(1, 5, 0, 2.5)]);
        expect(s.k.woken).toEqual([[3.5, 1]]);
        expect(s.k.advanced).toEqual([]);
        expect(op(s, 5)).toBe(21); // the written key is held
        expect([s.rt.hits, s.rt.misses]).toEqual([1, 0]);
    });

    it('a second write-back of a key with a flush pending adds no flush', () => {
        const s = cache('write_back', lru(4));
        expect([op(s, 5, WRITE), op(s, 5, WRITE), op(s, 6, WRITE)]).toEqual([21, 21, 21]);
        expect(s.k.jobs.map((j) => j.key)).toEqual([5, 6]);
        expect(s.k.woken).toEqual([[1, 1], [1, 4]]); // ids: write 0, flush 1, write 2, write 3, flush 4
    });

    it('write-back: a write that evicts a dirty entry flushes it now, and its own flush later', () => {
        const c = lru(1);
        const s = cache('write_back', c);
        op(s, 5, WRITE); // job 0, flush job 1 for 5, woken at 1
        s.k.now = 0.5;
        op(s, 6, WRITE); // job 2; evicts dirty 5: flush job 3 now; flush job 4 for 6, woken at 1.5
        expect(s.k.jobs).toEqual([flushSpec(1, 5, 0, 0), flushSpec(1, 5, 0, 0.5), flushSpec(1, 6, 0, 0.5)]);
        expect(s.k.advanced).toEqual([[3, 11, ENTER]]);
        expect(s.k.woken).toEqual([[1, 1], [1.5, 4]]);
    });

    it('write-back at the in-flight cap: no flush is scheduled', () => {
        const s = cache('write_back', lru(4), {}, 1);
        expect(op(s, 5, WRITE)).toBe(21);
        expect(s.k.jobs.length).toBe(1);
        expect(s.k.woken).toEqual([]);
    });

    it('an evicted dirty entry at the in-flight cap is not sent', () => {
        const c = lru(1);
        c.put(3, 0, true);
        const s = cache('write_through', c, {}, 1);
        expect(op(s, 5, WRITE)).toBe(11);
        expect(s.k.jobs.length).toBe(1);
        expect(s.k.advanced).toEqual([]);
    });

    it('writes are neither hits nor misses, and take the cache by node-level kind', () => {
        const s = cache('write_through', lru(4));
        s.k.writing = () => true; // a `[write]` above: the read-flagged request writes here
        expect(op(s, 5)).toBe(11);
        expect([s.rt.hits, s.rt.misses]).toEqual([0, 0]);
        s.k.writing = () => false;
        expect(op(s, 5, WRITE)).toBe(21);
        expect([s.rt.hits, s.rt.misses]).toEqual([1, 0]);
    });
});

describe('Behaviours.wake: a write-back flush', () => {
    function flushing() {
        const c = lru(4);
        const k = new Recorder(columns(2, { behaviour: [PLAIN, CACHE] }), [runtime(), runtime({ caches: [lru(4), c], appServer: true, write: 'write_back' })]);
        const b = new Behaviours(k), R = k.requests;
        const w = R.create(spec({ key: 5, flags: WRITE, replica: 1 }));
        b.after(w, 1, k.runtimes[1]);
        const j = k.woken[0][1];
        return { k, b, R, c, j, rt: k.runtimes[1] };
    }

    it('sends the dirty key downstream from the cache node and marks it clean', () => {
        const s = flushing();
        s.k.now = 1;
        const live = s.R.live;
        s.b.wake(s.j);
        expect(s.k.advanced).toEqual([[s.j, 11, ENTER]]);
        expect(s.R.live).toBe(live);
        expect(s.c.clean(5)).toBe(false);
    });

    it('drops the flush when the cache died (its dirty entries are lost)', () => {
        const s = flushing();
        s.rt.live = 0;
        const live = s.R.live;
        s.b.wake(s.j);
        expect(s.k.advanced).toEqual([]);
        expect(s.R.live).toBe(live - 1);
    });

    it('drops the flush when the entry was already flushed (evicted) or cleared', () => {
        const s = flushing();
        s.c.clear();
        const live = s.R.live;
        s.b.wake(s.j);
        expect(s.k.advanced).toEqual([]);
        expect(s.R.live).toBe(live - 1);
    });
});

describe('Behaviours.after at a queue: publish', () => {
    // Node 0 is queue component 0 with consumers at nodes 1, 2, 3 (components 1, 2, 3; weights 0.25, 0.5, 0.25),
    // node 4 a queue (component 4) with one consumer, node 5 (component 5), node 6 a queue without consumers.
    function broker(Q: Partial<QueueRuntime> = {}, draws = new Draws()) {
        const P = columns(7, {
            behaviour: [QUEUE, PLAIN, PLAIN, PLAIN, QUEUE, PLAIN, QUEUE],
            childStart: [1, 0, 0, 0, 0, 0, 0], childCount: [3, 0, 0, 0, 1, 0, 0],
            children: [5, 1, 2, 3], cumWeight: [1, 0.25, 0.75, 1],
        });
        const pools = (name: string, n: number) => Array.from({ length: n }, (_, i) => ({ name: `${name}${i}` }) as unknown as Pool);
        const station = (...ps: Pool[]) => ({ pools: ps }) as unknown as Station;
        const rts = [
            runtime({ queue: queue(Q) }),
            runtime({ stations: [station(...pools('a', 2))] }),
            runtime({ stations: [station(...pools('b', 1)), station(...pools('c', 1))] }),
            runtime({ stations: [station(...pools('d', 1))] }),
            runtime({ queue: queue(Q) }),
            runtime({ stations: [station(...pools('e', 1))] }),
            runtime({ queue: queue(Q) }),
        ];
        const k = new Recorder(P, rts, 1000, draws);
        return { k, b: new Behaviours(k), R: k.requests, Q: rts[0].queue! };
    }
    const names = (ps: Pool[]) => ps.map((p) => (p as unknown as { name: string }).name);

    it("answers a client's request at the queue and keeps its message: key, time, node, attempts, kind", () => {
        const s = broker({}, new Draws(0.5));
        s.k.now = 7;
        const id = s.R.create(spec({ key: 42, attempts: 1, flags: WRITE | MEASURED | DRAWN_WRITE | CALL | SUB }));
        expect(s.b.after(id, 0, s.k.runtimes[0])).toBe(PARKED);
        expect(s.k.finished).toEqual([id]);
        expect(s.R.live).toBe(1);
        const L = s.Q.line;
        expect(L.length).toBe(1);
        expect([L.key[L.head], L.since[L.head], L.node[L.head], L.attempts[L.head], L.flags[L.head]])
            .toEqual([42, 7, 0, 1, WRITE | MEASURED | BACKGROUND | MESSAGE]);
        expect(s.Q.depth).toBe(1);
    });

    it('releases a background job (a message, a flush) instead of answering it', () => {
        const s = broker({}, new Draws(0.5));
        const id = s.R.create(spec({ key: 3, flags: BACKGROUND | MESSAGE }));
        s.b.after(id, 0, s.k.runtimes[0]);
        expect(s.k.finished).toEqual([]);
        expect(s.R.live).toBe(0);
        expect(s.Q.line.flags[s.Q.line.head]).toBe(BACKGROUND | MESSAGE);
    });

    it('offers the message to the consumer picked by weight first, then to the others in turn, every station and pool', () => {
        for (const [u, order] of [
            [0.1, ['a0', 'a1', 'b0', 'c0', 'd0']],
            [0.25, ['b0', 'c0', 'd0', 'a0', 'a1']],
            [0.74, ['b0', 'c0', 'd0', 'a0', 'a1']],
            [0.75, ['d0', 'a0', 'a1', 'b0', 'c0']],
            [0.99, ['d0', 'a0', 'a1', 'b0', 'c0']],
        ] as const) {
            const s = broker({}, new Draws(u));
            s.b.after(s.R.create(spec()), 0, s.k.runtimes[0]);
            expect(names(s.k.refilled), `u = ${u}`).toEqual(order);
        }
    });

    it('stops offering once a consumer has taken the message', () => {
        const s = broker({}, new Draws(0.5));
        s.k.onRefill = (p) => { if (names([p])[0] === 'c0') s.Q.line.shift(); };
        s.b.after(s.R.create(spec()), 0, s.k.runtimes[0]);
        expect(names(s.k.refilled)).toEqual(['b0', 'c0']);
    });

    it('a queue with one consumer offers to it without a draw', () => {
        const s = broker();
        s.b.after(s.R.create(spec()), 4, s.k.runtimes[4]);
        expect(names(s.k.refilled)).toEqual(['e0']);
        expect(s.k.draws.taken).toBe(0);
    });

    it('a queue without consumers counts the message in its depth, keeps no line and offers nothing', () => {
        const s = broker();
        const Q = s.k.runtimes[6].queue!;
        s.b.after(s.R.create(spec()), 6, s.k.runtimes[6]);
        expect([Q.depth, Q.line.length, Q.maxDepth, s.k.refilled.length]).toEqual([1, 0, 1, 0]);
        expect(s.k.finished).toEqual([0]);
    });

    it('drops a message when the queue is full (depth at capacity), after answering the request', () => {
        const s = broker({ capacity: 2 }, new Draws(0.5, 0.5, 0.5));
        s.k.onRefill = () => {};
        for (let i = 0; i < 3; i++) s.b.after(s.R.create(spec({ key: i })), 0, s.k.runtimes[0]);
        expect([s.Q.depth, s.Q.line.length, s.Q.dropped]).toEqual([2, 2, 1]);
        expect(s.k.finished).toEqual([0, 1, 2]);
        expect(s.k.draws.taken).toBe(2);
    });

    it('stops the run when one queue holds MAX_QUEUED messages', () => {
        const s = broker({}, new Draws(0.5, 0.5));
        s.Q.line.length = MAX_QUEUED - 1; // as if that many waited (their slots are never read here)
        s.b.after(s.R.create(spec()), 0, s.k.runtimes[0]);
        expect(s.k.stopped).toEqual([]);
        s.b.after(s.R.create(spec()), 0, s.k.runtimes[0]);
        expect(s.k.stopped).toEqual(['memory']);
    });
});

describe('Behaviours: the queue depth series', () => {
    // Queue node 0 (component 0) with one consumer, node 1 (component 1), whose station pulls from the queue.
    function line() {
        const P = columns(2, { behaviour: [QUEUE, PLAIN], childStart: [0, 0], childCount: [1, 0], children: [1], cumWeight: [1] });
        const station = { comp: 1, sources: [0], pools: [] } as unknown as Station;
        const pool = { station } as unknown as Pool;
        const k = new Recorder(P, [runtime({ queue: queue() }), runtime({ stations: [station] })]);
        return { k, b: new Behaviours(k), Q: k.runtimes[0].queue!, pool };
    }

    it('records depth, its maximum per slice of the run, the deepest, and the last depth inside the window', () => {
        const s = line();
        const pub = () => s.b.after(s.k.requests.create(spec()), 0, s.k.runtimes[0]);
        pub(); // t = 0: depth 1 in slice 0
        s.k.now = 5; // slice floor(5 / 100 · 60) = 3: slices 1..3 start at depth 1
        pub();
        expect(Array.from(s.Q.series.slice(0, 5))).toEqual([1, 1, 1, 2, 0]);
        expect([s.Q.lastSlice, s.Q.maxDepth, s.Q.endDepth]).toEqual([3, 2, 2]);
        s.k.now = 5.5; // still slice 3
        expect(s.b.pull(s.pool)).toBeGreaterThanOrEqual(0);
        expect([s.Q.depth, s.Q.series[3], s.Q.maxDepth, s.Q.endDepth, s.Q.lastSlice]).toEqual([1, 2, 2, 1, 3]);
        s.k.now = 10; // slice 6: slices 4, 5, 6 start at depth 1; the pull leaves 0
        s.b.pull(s.pool);
        expect(Array.from(s.Q.series.slice(3, 8))).toEqual([2, 1, 1, 1, 0]);
        expect([s.Q.depth, s.Q.maxDepth, s.Q.endDepth, s.Q.lastSlice]).toEqual([0, 2, 0, 6]);
        s.k.now = 99.99; // slice 59, the last
        pub();
        expect([s.Q.series[58], s.Q.series[59], s.Q.lastSlice, s.Q.endDepth]).toEqual([0, 1, 59, 1]);
        s.k.now = 100; // the window is over: depth moves, nothing is recorded
        pub();
        pub();
        expect([s.Q.depth, s.Q.maxDepth, s.Q.endDepth, s.Q.lastSlice, s.Q.series[59]]).toEqual([3, 2, 1, 59, 1]);
    });

    it('a later slice starts from the depth before the change that opens it', () => {
        const s = line();
        const pub = () => s.b.after(s.k.requests.create(spec()), 0, s.k.runtimes[0]);
        pub(); pub(); pub(); // depth 3 at t = 0
        s.k.now = 50; // slice 30
        s.b.pull(s.pool); // depth 2
        expect(s.Q.series[29]).toBe(3);
        expect(s.Q.series[30]).toBe(3);
        expect([s.Q.maxDepth, s.Q.endDepth]).toEqual([3, 2]);
    });
});

describe('Behaviours.pull', () => {
    // Queues: node 0 (component 0, consumers: nodes 2 and 3 = components 5 and 6), node 1 (component 1,
    // consumers: node 4 = component 5). A station of component 5 pulls from queues 7 (empty), 0 and 1.
    function consumers(cap = 1000) {
        const P = columns(5, {
            behaviour: [QUEUE, QUEUE, PLAIN, PLAIN, PLAIN], comp: [0, 1, 5, 6, 5], skip: [40, 41, 42, 43, 44], space: [2, 3, 0, 0, 0],
            childStart: [0, 2, 0, 0, 0], childCount: [2, 1, 0, 0, 0], children: [2, 3, 4],
        });
        const station = { comp: 5, sources: [7, 0, 1], pools: [] } as unknown as Station;
        const rts = Array.from({ length: 8 }, () => runtime());
        rts[0].queue = queue(); rts[1].queue = queue(); rts[7].queue = queue();
        const k = new Recorder(P, rts, cap);
        return { k, b: new Behaviours(k), pool: { station } as unknown as Pool, R: k.requests };
    }

    it('makes the front message a job again at the consumer node under the queue, done where the queue’s subtree ends', () => {
        const s = consumers();
        s.k.runtimes[0].queue!.line.push(9, 1.5, 0, 2, WRITE | MEASURED | BACKGROUND | MESSAGE);
        s.k.runtimes[0].queue!.depth = 1;
        s.k.now = 4;
        const m = s.b.pull(s.pool);
        expect(m).toBe(0);
        expect(s.k.jobs).toEqual([{
            node: 2, t0: 1.5, key: 9, flags: WRITE | MEASURED | BACKGROUND | MESSAGE, flow: -1, end: 40, parent: -1, replica: 0,
            origin: 0, qnode: 0, attempts: 2, shard: -1, space: 2, pin: -1,
        }]);
        expect([s.k.runtimes[0].queue!.line.length, s.k.runtimes[0].queue!.depth]).toEqual([0, 0]);
        const rt = s.k.runtimes[0];
        expect([rt.hist.count, rt.hist.sum, rt.completions, rt.writes, rt.reads]).toEqual([1, 2.5, 1, 1, 0]);
        expect(s.k.asked).toEqual([[0, 0]]);
    });

    it('takes messages in order from the front, and counts reads', () => {
        const s = consumers();
        const L = s.k.runtimes[0].queue!.line;
        L.push(1, 0, 0, 0, BACKGROUND | MESSAGE);
        L.push(2, 0.25, 0, 0, BACKGROUND | MESSAGE);
        s.k.runtimes[0].queue!.depth = 2;
        s.k.now = 1;
        s.b.pull(s.pool);
        const m = s.b.pull(s.pool);
        expect(s.k.jobs.map((j) => [j.key, j.t0])).toEqual([[1, 0], [2, 0.25]]);
        expect(s.R.key[m]).toBe(2);
        const rt = s.k.runtimes[0];
        expect([rt.hist.count, rt.hist.sum, rt.completions, rt.reads, rt.writes]).toEqual([2, 1.75, 2, 2, 0]);
        expect(s.b.pull(s.pool)).toBe(-1);
    });

    it('goes to the next queue when one is empty or has no consumer of this component', () => {
        const s = consumers();
        // Queue 0's message is routed at node 1 (queue 1's node), whose consumers include component 5 at node 4.
        s.k.runtimes[1].queue!.line.push(6, 0, 1, 0, BACKGROUND | MESSAGE);
        s.k.runtimes[1].queue!.depth = 1;
        const m = s.b.pull(s.pool);
        expect(s.k.jobs.map((j) => [j.node, j.origin, j.qnode, j.end, j.space])).toEqual([[4, 1, 1, 41, 3]]);
        expect(m).toBe(0);
    });

    it('skips a queue whose message is routed where this component does not consume', () => {
        const s = consumers();
        const station = { comp: 6, sources: [1, 0], pools: [] } as unknown as Station;
        s.k.runtimes[1].queue!.line.push(6, 0, 1, 0, MESSAGE);
        s.k.runtimes[0].queue!.line.push(8, 0, 0, 0, MESSAGE);
        expect(s.b.pull({ station } as unknown as Pool)).toBe(0);
        expect(s.k.jobs.map((j) => [j.node, j.key])).toEqual([[3, 8]]);
        expect(s.k.runtimes[1].queue!.line.length).toBe(1);
    });

    it('with nothing to pull anywhere, makes no job', () => {
        const s = consumers();
        expect(s.b.pull(s.pool)).toBe(-1);
        expect(s.k.jobs).toEqual([]);
    });

    it('counts nothing outside the measured window', () => {
        const s = consumers();
        s.k.measuring = false;
        s.k.runtimes[0].queue!.line.push(9, 0, 0, 0, WRITE);
        s.b.pull(s.pool);
        const rt = s.k.runtimes[0];
        expect([rt.hist.count, rt.completions, rt.reads, rt.writes]).toEqual([0, 0, 0, 0]);
        expect(s.k.asked).toEqual([]);
    });

    it('leaves the message queued at the in-flight cap', () => {
        const s = consumers(0);
        s.k.runtimes[0].queue!.line.push(9, 0, 0, 0, 0);
        s.k.runtimes[0].queue!.depth = 1;
        expect(s.b.pull(s.pool)).toBe(-1);
        expect([s.k.runtimes[0].queue!.line.length, s.k.runtimes[0].queue!.depth, s.k.runtimes[0].completions]).toEqual([1, 1, 0]);
    });
});

describe('Behaviours.retry and a redelivery', () => {
    // Queue component 0 at node 0 (one consumer, node 1); dead letter queue component 2, whose route starts at node 3.
    function failing(Q: Partial<QueueRuntime>, cap = 1000) {
        const P = columns(4, {
            behaviour: [QUEUE, PLAIN, QUEUE, PLAIN], childStart: [0, 0, 0, 0], childCount: [1, 0, 0, 0], children: [1], cumWeight: [1],
            skip: [20, 21, 22, 27],
        }, new Map([[2, 3]]));
        const station = { comp: 1, sources: [0], pools: [{ name: 'p' }] } as unknown as Station;
        const k = new Recorder(P, [runtime({ queue: queue(Q) }), runtime({ stations: [station] }), runtime({ queue: queue() }), runtime()], cap);
        const R = k.requests;
        const m = R.create(spec({ node: 1, key: 12, flags: WRITE | MEASURED | BACKGROUND | MESSAGE | DRAWN_WRITE, origin: 0, qnode: 0, attempts: 0, space: 5 }));
        return { k, b: new Behaviours(k), R, m, Q: k.runtimes[0].queue! };
    }

    it('redelivers a failed message REDELIVERY_S later while it has retries left, counting attempts', () => {
        const s = failing({ retries: 2 });
        s.k.now = 3;
        expect(s.b.retry(s.m)).toBe(true);
        expect(s.R.attempts[s.m]).toBe(1);
        s.k.now = 5;
        expect(s.b.retry(s.m)).toBe(true);
        expect(s.k.woken).toEqual([[4, s.m], [6, s.m]]);
        expect(s.b.retry(s.m)).toBe(false); // third failure: 2 attempts = 2 retries
        expect(s.R.attempts[s.m]).toBe(2);
        expect([s.Q.lost, s.Q.deadLettered]).toEqual([1, 0]);
    });

    it('at most once: loses a failed message at once', () => {
        const s = failing({ redeliver: false, retries: 5 });
        expect(s.b.retry(s.m)).toBe(false);
        expect([s.Q.lost, s.k.woken.length, s.R.attempts[s.m]]).toEqual([1, 0, 0]);
    });

    it("dead-letters a message out of retries into the dead letter queue's route, as background work of the same kind", () => {
        const s = failing({ retries: 0, deadLetter: 2 });
        s.k.now = 8;
        expect(s.b.retry(s.m)).toBe(false);
        expect(s.k.jobs).toEqual([{
            node: 3, t0: 8, key: 12, flags: WRITE | MEASURED | BACKGROUND, flow: -1, end: 27, parent: -1, replica: 0, origin: -1,
            qnode: -1, attempts: 0, shard: -1, space: 5, pin: -1,
        }]);
        expect(s.k.advanced).toEqual([[1, 3, INSIDE]]);
        expect([s.Q.deadLettered, s.Q.lost]).toEqual([1, 0]);
    });

    it('a dead letter queue with no route loses the message', () => {
        const s = failing({ retries: 0, deadLetter: 1 });
        expect(s.b.retry(s.m)).toBe(false);
        expect([s.Q.deadLettered, s.Q.lost, s.k.jobs.length]).toEqual([0, 1, 0]);
    });

    it('dead-letters at the in-flight cap without a job (counted all the same)', () => {
        const s = failing({ retries: 0, deadLetter: 2 }, 1);
        expect(s.b.retry(s.m)).toBe(false);
        expect([s.Q.deadLettered, s.Q.lost, s.k.advanced.length]).toEqual([1, 0, 0]);
    });

    it('the redelivery wakes the message back into its queue, with its attempts, behind the others', () => {
        const s = failing({ retries: 2 });
        s.Q.line.push(99, 0, 0, 0, MESSAGE);
        s.Q.depth = 1;
        s.b.retry(s.m);
        s.k.now = 1;
        const live = s.R.live;
        s.b.wake(s.m);
        const L = s.Q.line;
        expect(L.length).toBe(2);
        const back = (L.head + 1) & (L.key.length - 1);
        expect([L.key[back], L.since[back], L.node[back], L.attempts[back], L.flags[back]]).toEqual([12, 1, 0, 1, WRITE | MEASURED | BACKGROUND | MESSAGE]);
        expect([s.R.live, s.Q.depth, s.k.finished.length]).toEqual([live - 1, 2, 0]);
        expect(s.k.refilled.length).toBe(1);
    });
});

describe('Behaviours.scatter and join', () => {
    // Node 0 is a round-robin partitioned store of 3 shards (component 0), followed by node 10.
    function store(cap = 1000, shards = 3) {
        const k = new Recorder(columns(1), [runtime({ router: { shards } as Runtime['router'] })], cap);
        const R = k.requests;
        const id = R.create(spec({ key: 14, flags: WRITE | MEASURED | DRAWN_WRITE | BACKGROUND | CALL, flow: 3, replica: 2, space: 6 }));
        return { k, b: new Behaviours(k), R, id };
    }

    it('sends one part to every shard, each inside the store, and waits for all', () => {
        const s = store();
        s.k.now = 2;
        s.b.scatter(s.id, 0, s.k.runtimes[0]);
        expect(s.k.jobs).toEqual([0, 1, 2].map((shard) => ({
            node: 0, t0: 2, key: 14, flags: WRITE | MEASURED | DRAWN_WRITE | SUB, flow: 3, end: 10, parent: s.id, replica: 2,
            origin: -1, qnode: -1, attempts: 0, shard, space: 6, pin: -1,
        })));
        expect(s.k.advanced).toEqual([[1, 0, INSIDE], [2, 0, INSIDE], [3, 0, INSIDE]]);
        expect([s.R.pending[s.id], s.R.resume[s.id]]).toEqual([3, 10]);
    });

    it('goes on to the node after the store once every part is back', () => {
        const s = store();
        s.b.scatter(s.id, 0, s.k.runtimes[0]);
        s.k.advanced.length = 0;
        s.b.join(1, false);
        s.b.join(3, false);
        expect(s.k.advanced).toEqual([]);
        s.b.join(2, false);
        expect(s.k.advanced).toEqual([[s.id, 10, ENTER]]);
        expect(s.k.failed).toEqual([]);
    });

    it('fails the request when any part failed, once all are back, and clears the mark', () => {
        const s = store();
        s.b.scatter(s.id, 0, s.k.runtimes[0]);
        s.k.advanced.length = 0;
        s.b.join(2, true);
        expect(s.k.failed).toEqual([]);
        s.b.join(1, false);
        s.b.join(3, false);
        expect(s.k.failed).toEqual([s.id]);
        expect(s.k.advanced).toEqual([]);
        expect(s.R.flags[s.id] & CHILD_FAILED).toBe(0);
        expect(s.R.flags[s.id]).toBe(WRITE | MEASURED | DRAWN_WRITE | BACKGROUND | CALL);
    });

    it('at the in-flight cap mid-way, fails once the parts already sent are back', () => {
        const s = store(3); // the request and two parts
        s.b.scatter(s.id, 0, s.k.runtimes[0]);
        expect(s.k.advanced).toEqual([[1, 0, INSIDE], [2, 0, INSIDE]]);
        expect(s.R.pending[s.id]).toBe(2);
        expect(s.k.failed).toEqual([]);
        s.b.join(1, false);
        s.b.join(2, false);
        expect(s.k.failed).toEqual([s.id]);
    });

    it('at the in-flight cap before any part, fails at once', () => {
        const s = store(1);
        s.b.scatter(s.id, 0, s.k.runtimes[0]);
        expect(s.k.failed).toEqual([s.id]);
        expect([s.k.advanced, s.R.pending[s.id]]).toEqual([[], 0]);
        expect(s.R.flags[s.id] & CHILD_FAILED).toBe(0);
    });

    it('at the in-flight cap at the last part, waits for the others', () => {
        const s = store(3, 3);
        s.b.scatter(s.id, 0, s.k.runtimes[0]);
        expect(s.R.pending[s.id]).toBe(2);
        s.b.join(1, false);
        expect(s.k.failed).toEqual([]);
        s.b.join(2, false);
        expect(s.k.failed).toEqual([s.id]);
    });
});

describe('Behaviours with request id 0 (a valid id, recycled first)', () => {
    /** Makes ids 0 and 1, frees 0: the next job the code makes gets id 0. */
    function freeZero(R: Requests): void {
        const z = R.create(spec());
        expect(z).toBe(0);
        R.create(spec()); // id 1 stays in use
        R.release(z);
    }

    it('a scatter part with id 0 is sent like any other', () => {
        const k = new Recorder(columns(1), [runtime({ router: { shards: 2 } as Runtime['router'] })]);
        const R = k.requests;
        const id = R.create(spec());
        expect(id).toBe(0);
        R.create(spec()); // id 1
        R.release(id);
        const parent = R.create(spec()); // takes id 0 back
        expect(parent).toBe(0);
        R.release(1);
        new Behaviours(k).scatter(parent, 0, k.runtimes[0]);
        expect(k.advanced).toEqual([[1, 0, INSIDE], [2, 0, INSIDE]]);
        expect(k.failed).toEqual([]);
    });

    it('a scatter part that gets id 0 (the parent elsewhere) is sent', () => {
        const k = new Recorder(columns(1), [runtime({ router: { shards: 2 } as Runtime['router'] })]);
        freeZero(k.requests);
        new Behaviours(k).scatter(1, 0, k.runtimes[0]);
        expect(k.advanced).toEqual([[0, 0, INSIDE], [2, 0, INSIDE]]);
        expect(k.failed).toEqual([]);
        expect(k.requests.pending[1]).toBe(2);
    });

    it('a dead letter with id 0 is sent down its route', () => {
        const P = columns(3, { behaviour: [QUEUE, PLAIN, QUEUE], skip: [20, 21, 22] }, new Map([[2, 1]]));
        const k = new Recorder(P, [runtime({ queue: queue({ retries: 0, deadLetter: 2 }) }), runtime(), runtime({ queue: queue() })]);
        freeZero(k.requests);
        k.requests.origin[1] = 0;
        expect(new Behaviours(k).retry(1)).toBe(false);
        expect(k.advanced).toEqual([[0, 1, INSIDE]]);
    });

    it('a dead letter queue that is component 0 takes the letters', () => {
        const P = columns(3, { behaviour: [QUEUE, PLAIN, QUEUE], skip: [20, 21, 22] }, new Map([[0, 1]]));
        const k = new Recorder(P, [runtime({ queue: queue() }), runtime(), runtime({ queue: queue({ retries: 0, deadLetter: 0 }) })]);
        const m = k.requests.create(spec({ origin: 2 }));
        expect(new Behaviours(k).retry(m)).toBe(false);
        expect(k.runtimes[2].queue!.deadLettered).toBe(1);
        expect(k.advanced).toEqual([[1, 1, INSIDE]]);
    });

    it('a write-back flush with id 0 is scheduled', () => {
        const k = new Recorder(columns(2, { behaviour: [PLAIN, CACHE] }), [runtime(), runtime({ caches: [lru(4)], write: 'write_back' })]);
        freeZero(k.requests);
        k.requests.flags[1] = WRITE;
        expect(new Behaviours(k).after(1, 1, k.runtimes[1])).toBe(21);
        expect(k.woken).toEqual([[1, 0]]);
    });

    it('an evicted dirty entry flushed by a job with id 0 is sent', () => {
        const c = lru(1);
        c.put(3, 0, true);
        const k = new Recorder(columns(2, { behaviour: [PLAIN, CACHE] }), [runtime(), runtime({ caches: [c], write: 'write_around' })]);
        freeZero(k.requests);
        k.requests.key[1] = 8;
        expect(new Behaviours(k).after(1, 1, k.runtimes[1])).toBe(11);
        expect(k.advanced).toEqual([[0, 11, ENTER]]);
    });

    it('a follower with id 0 is released with its leader', () => {
        const k = new Recorder(columns(1), [runtime({ collapse: new Map() })]);
        const b = new Behaviours(k), R = k.requests;
        freeZero(R);
        R.key[1] = 7;
        b.after(1, 0, k.runtimes[0]); // id 1 leads
        const f = R.create(spec({ key: 7 }));
        expect(f).toBe(0);
        expect(b.after(f, 0, k.runtimes[0])).toBe(PARKED);
        const g = R.create(spec({ key: 7 })); // id 2, newest: released first
        b.after(g, 0, k.runtimes[0]);
        R.node[f] = 0; R.node[g] = 0;
        b.releaseFollowers(1, false);
        expect(k.advanced).toEqual([[g, 20, ENTER], [0, 20, ENTER]]);
    });
});
