/** Guarded calls (calls.ts) on a hand-driven kernel: the call job, its deadline line, timeouts, and retries with full-jitter backoff. */
import { describe, expect, it } from 'vitest';
import { Calls } from '../../language-server/simulation/calls.js';
import { ENTER, INSIDE } from '../../language-server/simulation/program.js';
import { Rng } from '../../language-server/simulation/random.js';
import { BACKGROUND, CALL, DRAWN_WRITE, MEASURED, SUB, WRITE } from '../../language-server/simulation/requests.js';
import type { Runtime } from '../../language-server/simulation/setup.js';
import { FakeKernel, program, spec } from './fake-kernel.js';

/**
 * Node 0 is a guarded hop into component 1 (timeout 2 s, 2 retries, backoff 0.5 s); what follows it is node 4.
 * Node 1 is an unguarded hop (no timeout, no retries) into component 0, followed by node 5.
 */
function setup(cap = 1000, seed = 1) {
    const runtimes = [{ retries: 0, timeouts: 0 }, { retries: 0, timeouts: 0 }] as unknown as Runtime[]; // only the counters are read
    const k = new FakeKernel(program({ comp: [1, 0], skip: [4, 5], timeoutS: [2, Infinity], retries: [2, 0], backoffS: [0.5, 0] }), runtimes, cap, seed);
    return { k, calls: new Calls(k), R: k.requests, rt: runtimes as unknown as { retries: number; timeouts: number }[] };
}

/** A caller waiting at `node`. */
function caller(s: ReturnType<typeof setup>, node = 0, flags = WRITE | MEASURED): number {
    return s.R.create(spec({ node, key: 17, flags, flow: 2, replica: 4, space: 3 }));
}

describe('Calls.start', () => {
    it("makes a call job with the caller's key, kind and flow, ending where the hop's subtree ends, and hands it on inside the callee", () => {
        const s = setup();
        s.k.now = 3;
        const c = caller(s, 0, WRITE | MEASURED | DRAWN_WRITE | BACKGROUND | SUB);
        s.calls.start(c, 0, 0);
        expect(s.k.jobs[0]).toEqual({
            node: 0, t0: 3, key: 17, flags: WRITE | MEASURED | DRAWN_WRITE | CALL, flow: 2, end: 4, parent: c, replica: 4,
            origin: -1, qnode: -1, attempts: 0, shard: -1, space: 3, pin: -1,
        });
        const j = s.R.call[c];
        expect(j).toBeGreaterThanOrEqual(0);
        expect(s.k.advanced).toEqual([[j, 0, INSIDE]]);
        expect([s.R.tries[c], s.R.deadline[c]]).toEqual([0, 5]);
        expect(s.k.armed).toEqual([[5, 0]]);
    });

    it('arms one timer per hop: the first deadline only, while it is pending', () => {
        const s = setup();
        const a = caller(s), b = caller(s);
        s.calls.start(a, 0, 0);
        s.k.now = 0.5;
        s.calls.start(b, 0, 0);
        expect(s.k.armed).toEqual([[2, 0]]);
        expect(s.R.deadline[b]).toBe(2.5);
    });

    it('sets no deadline and no timer on a hop without a timeout', () => {
        const s = setup();
        const c = caller(s, 1);
        s.calls.start(c, 1, 0);
        expect(s.R.deadline[c]).toBe(Infinity);
        expect(s.k.armed).toEqual([]);
        expect(s.k.jobs[0].end).toBe(5);
    });

    it('counts a retry at the callee, only while measuring and only from the second try', () => {
        const s = setup();
        s.calls.start(caller(s), 0, 0);
        s.calls.start(caller(s), 0, 1);
        s.k.measuring = false;
        s.calls.start(caller(s), 0, 2);
        expect(s.rt.map((r) => r.retries)).toEqual([0, 1]);
    });

    it('fails the caller when the in-flight cap is reached', () => {
        const s = setup(1);
        const c = caller(s);
        s.calls.start(c, 0, 0);
        expect(s.k.failed).toEqual([c]);
        expect([s.R.call[c], s.k.advanced.length, s.k.armed.length]).toEqual([-1, 0, 0]);
    });
});

describe('Calls with request id 0', () => {
    it('takes a call job with id 0 like any other, and times it out', () => {
        const s = setup();
        // Free id 0 so that the call job gets it: the caller holds id 1.
        const placeholder = caller(s);
        const c = caller(s);
        s.R.release(placeholder);
        s.calls.start(c, 0, 2);
        expect([s.R.call[c], s.k.failed]).toEqual([0, []]);
        s.k.now = 2;
        s.calls.due(0);
        expect(s.k.failed).toEqual([c]);
        expect(s.rt[1].timeouts).toBe(1);
    });
});

describe('Calls.returned', () => {
    it('an answered call moves its caller on past the hop', () => {
        const s = setup();
        const c = caller(s);
        s.calls.start(c, 0, 0);
        const j = s.R.call[c];
        s.calls.returned(j, false);
        expect(s.R.call[c]).toBe(-1);
        expect(s.k.advanced[1]).toEqual([c, 4, ENTER]);
    });

    it('an answer to a call the caller gave up on, or to an older call, is dropped', () => {
        const s = setup();
        const c = caller(s);
        s.calls.start(c, 0, 0);
        const old = s.R.call[c];
        s.calls.start(c, 0, 1);
        s.calls.returned(old, false);
        s.calls.returned(old, true);
        expect(s.k.advanced.length).toBe(2);
        expect([s.k.failed, s.k.retried]).toEqual([[], []]);
        expect(s.R.call[c]).not.toBe(-1);
    });

    it('a failed call is sent again after a uniform wait up to B·2^k while tries are left, then fails the caller', () => {
        const s = setup(1000, 9);
        const draws = new Rng(9); // the same stream as the kernel's: the waits are u × 0.5 × 2^k
        const c = caller(s);
        s.k.now = 10;
        for (let tries = 0; tries < 3; tries++) {
            s.calls.start(c, 0, tries);
            s.calls.returned(s.R.call[c], true);
            if (tries < 2) expect(s.k.retried[tries]).toEqual([10 + draws.next() * 0.5 * 2 ** tries, c]);
        }
        expect(s.k.retried.length).toBe(2);
        expect(s.k.failed).toEqual([c]);
    });

    it('the backoff waits have mean B·2^k / 2 (full jitter)', () => {
        const s = setup(100_000, 4);
        let sum = 0;
        const n = 4000;
        for (let i = 0; i < n; i++) {
            const c = caller(s);
            s.R.tries[c] = 1;
            s.calls.returned(s.R.create(spec({ parent: c })), true); // not its call: dropped
            const j = s.R.create(spec({ parent: c })); // first: a create may grow (replace) the columns
            s.R.call[c] = j;
            s.calls.returned(j, true);
        }
        for (const [t] of s.k.retried) sum += t;
        expect(s.k.retried.length).toBe(n);
        // Uniform on [0, 1): mean 0.5, standard deviation 0.289; with B·2 = 1 the waits are that.
        expect(Math.abs(sum / n - 0.5)).toBeLessThan(4 * 0.289 / Math.sqrt(n));
    });
});

describe('Calls.retry', () => {
    it('sends the call again from where the caller waits, one try further', () => {
        const s = setup();
        const c = caller(s);
        s.R.tries[c] = 1;
        s.calls.retry(c);
        expect(s.R.tries[c]).toBe(2);
        expect(s.k.jobs[0].node).toBe(0);
        expect(s.rt[1].retries).toBe(1);
    });
});

describe('Calls.due', () => {
    it('times out the calls still out at their deadline, in order, and arms the next one still out', () => {
        const s = setup();
        const ids: number[] = [];
        for (let i = 0; i < 4; i++) {
            s.k.now = i; // deadlines 2, 3, 4, 5
            const c = caller(s);
            ids.push(c);
            s.calls.start(c, 0, 2); // no tries left: a timeout fails the caller
        }
        s.calls.returned(s.R.call[ids[1]], false); // the second call answers in time
        s.calls.returned(s.R.call[ids[2]], false); // so does the third
        s.k.now = 2;
        s.calls.due(0);
        expect(s.k.failed).toEqual([ids[0]]);
        expect(s.R.call[ids[0]]).toBe(-1);
        expect(s.rt[1].timeouts).toBe(1);
        // The next deadline still out is the fourth call's, at 5 (those at 3 and 4 answered).
        expect(s.k.armed).toEqual([[2, 0], [5, 0]]);
        s.k.now = 5;
        s.k.measuring = false;
        s.calls.due(0);
        expect(s.k.failed).toEqual([ids[0], ids[3]]);
        expect(s.rt[1].timeouts).toBe(1);
        expect(s.k.armed.length).toBe(2);
        // The line is empty and disarmed: the next call arms a timer again.
        s.calls.start(caller(s), 0, 0);
        expect(s.k.armed).toEqual([[2, 0], [5, 0], [7, 0]]);
    });

    it('times out every call due by now, not just the first, and retries those with tries left', () => {
        const s = setup();
        const a = caller(s), b = caller(s);
        s.calls.start(a, 0, 0);
        s.calls.start(b, 0, 0);
        s.k.now = 2;
        s.calls.due(0);
        expect(s.k.retried.map(([, id]) => id)).toEqual([a, b]);
        expect(s.rt[1].timeouts).toBe(2);
        expect(s.k.armed).toEqual([[2, 0]]);
    });

    it('leaves a call whose caller has since made a newer call through the hop (another deadline)', () => {
        const s = setup();
        const c = caller(s);
        s.calls.start(c, 0, 0);
        s.calls.returned(s.R.call[c], true); // fails at once: a retry is scheduled
        s.k.now = 1;
        s.calls.start(c, 0, 1); // the retry: deadline 3
        s.k.now = 2;
        s.calls.due(0); // the first deadline (2) is no longer this caller's
        expect(s.k.failed).toEqual([]);
        expect(s.rt[1].timeouts).toBe(0);
        expect(s.k.armed).toEqual([[2, 0], [3, 0]]);
    });

    it('keeps the deadlines in order when the line fills (dropping answered calls) and when it grows', () => {
        const s = setup();
        const out: number[] = [];
        // 100 calls 0.01 s apart; every third answers at once. The line of 16 fills, compacts and grows.
        for (let i = 0; i < 100; i++) {
            s.k.now = i * 0.01;
            const c = caller(s, 0, 0);
            s.calls.start(c, 0, 2);
            if (i % 3 === 0) s.calls.returned(s.R.call[c], false);
            else out.push(c);
        }
        s.k.now = 100;
        s.calls.due(0);
        expect(s.k.failed).toEqual(out);
    });

    it("does not time out, through one hop, a call its caller has since made through another hop due at the same time", () => {
        // Two guarded hops with one timeout (2 s): node 0 into component 1, node 1 into component 0.
        const runtimes = [{ retries: 0, timeouts: 0 }, { retries: 0, timeouts: 0 }] as unknown as Runtime[];
        const k = new FakeKernel(program({ comp: [1, 0], skip: [4, 5], timeoutS: [2, 2], retries: [0, 0], backoffS: [0, 0] }), runtimes);
        const calls = new Calls(k);
        const c = k.requests.create(spec({ node: 0 }));
        calls.start(c, 0, 0);
        calls.returned(k.requests.call[c], false); // answered at once: the caller moves on, to node 1
        k.requests.node[c] = 1;
        calls.start(c, 1, 0); // due at 2 as well
        k.now = 2;
        calls.due(0);
        expect(k.failed).toEqual([]);
        calls.due(1);
        expect(k.failed).toEqual([c]);
        expect((runtimes as unknown as { timeouts: number }[]).map((r) => r.timeouts)).toEqual([1, 0]);
    });

    it('holds memory for the calls still out, not for every call made within a timeout', () => {
        const s = setup();
        // 10,000 calls within one timeout, each answered at once: the line compacts instead of growing.
        for (let i = 0; i < 10_000; i++) {
            s.k.now = i * 1e-4;
            const c = caller(s);
            s.calls.start(c, 0, 0);
            s.calls.returned(s.R.call[c], false);
        }
        // The line is private: its capacity is read through a cast, as the only measure of its memory.
        const line = (s.calls as unknown as { deadlines: { callers: Int32Array }[] }).deadlines[0];
        expect(line.callers.length).toBe(16);
    });

    it('keeps the order when every call is still out as the line grows round its end', () => {
        const s = setup();
        // Five calls time out first, moving the head of the ring; then 40 calls wait.
        for (let i = 0; i < 5; i++) s.calls.start(caller(s), 0, 2);
        s.k.now = 2;
        s.calls.due(0);
        const out: number[] = [];
        for (let i = 0; i < 40; i++) {
            s.k.now = 2 + i * 0.01;
            const c = caller(s);
            s.calls.start(c, 0, 2);
            out.push(c);
        }
        s.k.failed.length = 0;
        s.k.now = 100;
        s.calls.due(0);
        expect(s.k.failed).toEqual(out);
    });
});
