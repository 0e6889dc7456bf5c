/**
 * The event loop (engine.ts) on small models and short runs: requests put in by hand at chosen
 * times (no arrival stream: rps 0) or Poisson arrivals drawn again here from the same seed, so
 * every count, time and sum below is worked out by hand or by a brute-force queue in the test.
 */
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../language-server/simulation/engine.js';
import { APPLY, DRAWN_WRITE, MEASURED, WRITE } from '../../language-server/simulation/requests.js';
import { Rng } from '../../language-server/simulation/random.js';
import { DEPTH_POINTS } from '../../language-server/simulation/setup.js';
import { spec } from './fake-kernel.js';
import { SEED, appServerCacheBehindBalancer, build, checkedPair, checkedReplicas, drain, nodeOf, rt, secondDrawsBelow, send } from './engine-harness.js';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** A client in front of `api`, served by one server in exactly 10 ms. */
const single = (api = 'latency 10ms const concurrency 1') => `system S {
  client u
  service api { ${api} }
  u -> api
}`;

describe('runUntil', () => {
    it('runs events in time order (ties in scheduling order), up to `until` inclusive, and moves the clock to `until`', async () => {
        const e = await build(single());
        const log: [string, number][] = [];
        for (const [t, name] of [[2, 'a'], [1, 'b'], [1, 'c'], [3, 'd']] as const) e.at(t, () => log.push([name, e.now]));
        expect(e.runUntil(1, 10)).toBe(2);
        expect(log).toEqual([['b', 1], ['c', 1]]);
        expect([e.now, e.events]).toEqual([1, 2]);
        // Nothing due by 1.5: the clock moves to 1.5 all the same.
        expect(e.runUntil(1.5, 10)).toBe(0);
        expect([e.now, e.events]).toEqual([1.5, 2]);
        // A budget of one event stops after 'a' although 'd' is due too.
        expect(e.runUntil(10, 1)).toBe(1);
        expect(log.at(-1)).toEqual(['a', 2]);
        expect([e.now, e.events]).toEqual([2, 3]);
        expect(e.runUntil(10, 0)).toBe(0);
        expect([e.now, e.events]).toEqual([2, 3]);
        // The last event, then an empty heap: the clock goes on to `until`.
        expect(e.runUntil(10, 5)).toBe(1);
        expect(log.at(-1)).toEqual(['d', 3]);
        expect([e.now, e.events]).toEqual([10, 4]);
        expect(e.runUntil(4, 5)).toBe(0);
        expect(e.now).toBe(10);
    });

    it('stops at once when a cap is hit, the clock left where it stood', async () => {
        const e = await build(single());
        const log: number[] = [];
        e.at(1, () => { log.push(1); e.stop('memory'); });
        e.at(1, () => log.push(2));
        e.at(2, () => log.push(3));
        expect(e.runUntil(5, 10)).toBe(1);
        expect([log, e.now, e.limit, e.events]).toEqual([[1], 1, 'memory', 1]);
        expect(e.runUntil(5, 10)).toBe(0);
        expect([e.now, e.events]).toEqual([1, 1]);
    });

    it('measures from the warm-up to the end of the window, the end excluded', async () => {
        const e = await build(single(), { warmupS: 1, durationS: 3 });
        const at = (t: number) => { e.now = t; return e.measuring; };
        expect([at(0.999), at(1), at(2.999), at(3), at(4)]).toEqual([false, true, true, false, false]);
    });
});

describe('job and the in-flight cap', () => {
    it('hands out ids until the cap, then -1 and the memory stop', async () => {
        const e = await build(single(), { maxInFlight: 2 });
        expect([e.job(spec()), e.job(spec())]).toEqual([0, 1]);
        expect(e.limit).toBeUndefined();
        expect(e.job(spec())).toBe(-1);
        expect(e.limit).toBe('memory');
    });
});

describe('one station, requests put in by hand', () => {
    it('serves FIFO on one server: latencies, counts, busy time, EWMA and the timeline', async () => {
        const e = await build(single(), { durationS: 1 });
        const times = [0, 0.001, 0.002, 0.05];
        for (const t of times) send(e, t);
        // Hand-worked: service 10 ms, one server, in order of arrival.
        const ends = [0.01, 0.02, 0.03, 0.06];
        e.runUntil(0.015, 100);
        const api = rt(e, 'api');
        const pool = api.stations[0].pools[0];
        expect([pool.busy, pool.line.length, api.completions, e.hist.count]).toEqual([1, 1, 1, 1]);
        drain(e);
        const latencies = times.map((t, i) => ends[i] - t);
        expect(e.hist.count).toBe(4);
        expect(e.hist.sum).toBeCloseTo(sum(latencies), 12);
        expect([api.completions, api.reads, api.writes, api.arrivals, api.failed]).toEqual([4, 4, 0, 4, 0]);
        expect(api.hist.sum).toBeCloseTo(sum(latencies), 12);
        expect(pool.busyTime).toBeCloseTo(0.04, 12);
        expect([pool.busy, pool.line.length, pool.completions]).toEqual([0, 0, 4]);
        let ewma = 0.01;
        for (const l of latencies) ewma += 0.1 * (l - ewma);
        expect(pool.ewma).toBeCloseTo(ewma, 12);
        // 60 slices of 1/60 s: completions at 10, 20, 30 and 60 ms.
        const completed = new Array(DEPTH_POINTS).fill(0);
        for (const t of ends) completed[Math.floor(t * 60)]++;
        expect(Array.from(e.timeline.completed)).toEqual(completed);
        expect(e.requests.live).toBe(0);
        // The client counts as a visit too: it is instant and counts no time.
        expect(rt(e, 'u').arrivals).toBe(4);
    });

    it('serves two at once with two servers', async () => {
        const e = await build(single('latency 10ms const concurrency 2'));
        for (const t of [0, 0, 0, 0.001]) send(e, t);
        drain(e);
        // Both servers free at 10 ms take the next two: ends 10, 10, 20, 20 ms.
        expect(e.hist.sum).toBeCloseTo(0.01 + 0.01 + 0.02 + 0.019, 12);
        expect(rt(e, 'api').stations[0].pools[0].busyTime).toBeCloseTo(0.04, 12);
    });

    it('counts component statistics inside the window only; busy time clipped to it', async () => {
        // Window [15 ms, 25 ms): services [0,10], [10,20], [20,30] ms.
        const e = await build(single(), { warmupS: 0.015, durationS: 0.025 });
        for (const t of [0, 0.001, 0.002]) send(e, t);
        drain(e);
        const api = rt(e, 'api');
        const pool = api.stations[0].pools[0];
        // Only the completion at 20 ms falls inside.
        expect([api.completions, api.reads, pool.completions, api.hist.count]).toEqual([1, 1, 1, 1]);
        expect(api.hist.sum).toBeCloseTo(0.019, 12);
        expect(pool.busyTime).toBeCloseTo(0.005 + 0.005, 12);
        // No visit started inside the window (visits at 0, 1 and 2 ms).
        expect(api.arrivals).toBe(0);
        // Requests flagged as measured count end to end wherever they end; the timeline only inside the window.
        expect(e.hist.count).toBe(3);
        expect(sum(Array.from(e.timeline.completed))).toBe(2);
    });

    it('does not time unmeasured requests', async () => {
        const e = await build(single());
        send(e, 0, { flags: 0 });
        send(e, 0.5);
        drain(e);
        expect([e.hist.count, rt(e, 'api').completions]).toEqual([1, 2]);
        expect(e.hist.sum).toBeCloseTo(0.01, 12);
    });
});

/**
 * The engine's arrival times, drawn again: one exponential gap per arrival at the rate in force
 * (`rates`: [from time, rate], the first from 0), a fresh gap from each change of rate (the
 * pending arrival dropped), none at or after `durationS`; after each arrival's next gap, `then`
 * makes the draws the request itself makes (the client's choice of child, by default).
 */
function stream(durationS: number, rates: [number, number][], then: (rng: Rng, i: number) => void = (rng) => rng.next()): number[] {
    const rng = new Rng(SEED);
    const out: number[] = [];
    let k = 0;
    let next = rates[0][1] > 0 ? rng.exp(1 / rates[0][1]) : Infinity;
    for (;;) {
        const change = k + 1 < rates.length ? rates[k + 1][0] : Infinity;
        if (next === Infinity && change === Infinity) return out;
        if (change < next) {
            k++;
            next = change < durationS && rates[k][1] > 0 ? change + rng.exp(1 / rates[k][1]) : Infinity;
            continue;
        }
        if (next >= durationS) { next = Infinity; continue; }
        out.push(next);
        const gap = next + rng.exp(1 / rates[k][1]);
        then(rng, out.length - 1);
        next = gap;
    }
}

/** Steps `e` one event at a time to the end, and returns the times at which a request was offered. */
function offeredTimes(e: Engine): number[] {
    const out: number[] = [];
    let offered = e.offered;
    while (e.runUntil(1e9, 1) > 0) {
        if (e.offered !== offered) out.push(e.now);
        expect(e.offered - offered).toBeLessThanOrEqual(1);
        offered = e.offered;
    }
    return out;
}

/** A client in front of an instant api (no latency: a request is done the moment it arrives). */
const instant = `system S {
  client u
  service api { }
  u -> api
}`;

describe('arrivals', () => {
    it('draws Poisson arrivals at the workload rate until the end of the window', async () => {
        const e = await build(instant, { rps: 20, durationS: 2 });
        const expected = stream(2, [[0, 20]]);
        expect(expected.length).toBeGreaterThan(25);
        expect(offeredTimes(e)).toEqual(expected);
        expect([e.offered, e.hist.count, e.open, e.failed]).toEqual([expected.length, expected.length, 0, 0]);
        // Nothing is left: the arrival due after the window was dropped without a successor.
        expect(e.queue.size).toBe(0);
        expect(e.requests.live).toBe(0);
    });

    it('draws no arrival at a rate of zero', async () => {
        const e = await build(instant, { rps: 0 });
        expect(e.queue.size).toBe(0);
    });

    it('offers only what arrives after the warm-up; counts the timeline per slice; keeps open what is still in flight', async () => {
        // Every request takes exactly 1 s (no server limit).
        const e = await build(single('latency 1s const'), { rps: 20, warmupS: 0.5, durationS: 3 });
        const times = stream(3, [[0, 20]]);
        const measured = times.filter((t) => t >= 0.5);
        e.runUntil(3, 1e9);
        const doneBy3 = measured.filter((t) => t + 1 <= 3).length;
        expect([e.offered, e.hist.count, e.open]).toEqual([measured.length, doneBy3, measured.length - doneBy3]);
        const offered = new Array(DEPTH_POINTS).fill(0);
        for (const t of measured) offered[Math.floor((t / 3) * DEPTH_POINTS)]++;
        expect(Array.from(e.timeline.offered)).toEqual(offered);
        drain(e);
        expect([e.hist.count, e.open]).toEqual([measured.length, 0]);
        expect(e.hist.sum).toBeCloseTo(measured.length, 9);
        const completed = new Array(DEPTH_POINTS).fill(0);
        for (const t of measured) if (t + 1 < 3) completed[Math.floor(((t + 1) / 3) * DEPTH_POINTS)]++;
        expect(Array.from(e.timeline.completed)).toEqual(completed);
        // Component statistics: completions inside the window (all of them start inside it).
        expect(rt(e, 'api').completions).toBe(times.filter((t) => t + 1 >= 0.5 && t + 1 < 3).length);
        expect(rt(e, 'api').arrivals).toBe(measured.length);
    });

    it('splits arrivals over flows by share, normalised, at the rate of their summed shares', async () => {
        const e = await build(`system S {
  client u
  service api { latency 1ms const }
  database db { latency 1ms const }
  u -> api
  u -> db
  flow reads 10% read : u -> api
  flow writes 30% write : u -> db
}`, { rps: 50, durationS: 4 });
        const rate = 50 * (0.1 + 0.3);
        const flows: number[] = [];
        const times = stream(4, [[0, rate]], (rng) => { flows.push(rng.next() >= 0.25 ? 1 : 0); rng.next(); });
        drain(e);
        const writes = sum(flows);
        expect(times.length).toBeGreaterThan(30);
        expect(e.offered).toBe(times.length);
        expect([e.flows[0].hist.count, e.flows[1].hist.count]).toEqual([times.length - writes, writes]);
        expect(e.flows[1].hist.sum).toBeCloseTo(writes * 0.001, 12);
        expect([rt(e, 'api').reads, rt(e, 'api').writes, rt(e, 'db').reads, rt(e, 'db').writes]).toEqual([times.length - writes, 0, 0, writes]);
    });

    it('draws each request\'s kind by the read ratio', async () => {
        const e = await build(`system S {
  workload { read_ratio 0.7 }
  client u
  service api { latency 1ms const }
  u -> api
}`, { rps: 40, durationS: 3 });
        const kinds: boolean[] = [];
        const times = stream(3, [[0, 40]], (rng) => { kinds.push(rng.next() >= 0.7); rng.next(); });
        drain(e);
        const writes = kinds.filter(Boolean).length;
        expect(writes).toBeGreaterThan(5);
        expect([rt(e, 'api').reads, rt(e, 'api').writes]).toEqual([times.length - writes, writes]);
    });

    it('spikes: a fresh stream at each change of the product of the spikes under way', async () => {
        const e = await build(`system S {
  client u
  service api { }
  u -> api
  scenario s { spike 2x at 1s for 1s spike 3x at 1.5s }
}`, { rps: 10, durationS: 3 }, 's');
        // 10/s, ×2 from 1 s, ×2×3 from 1.5 s, ×3 from 2 s (the 3x spike lasts to the end).
        const expected = stream(3, [[0, 10], [1, 20], [1.5, 60], [2, 30]]);
        expect(offeredTimes(e)).toEqual(expected);
        expect(e.queue.size).toBe(0);
    });

    it('a spike that ends after the window starts no arrival then', async () => {
        const text = `system S {
  client u
  service api { }
  u -> api
  scenario s { spike 4x at 1s for 5s }
}`;
        const e = await build(text, { rps: 10, durationS: 2 }, 's');
        const expected = stream(2, [[0, 10], [1, 40], [6, 10]]);
        const e2 = await build(text, { rps: 10, durationS: 2 }, 's');
        expect(offeredTimes(e)).toEqual(expected);
        // Before 6 s only the spike's end is left; it draws no arrival.
        e2.runUntil(5.99, 1e9);
        expect(e2.queue.size).toBe(1);
        expect(e2.runUntil(6, 5)).toBe(1);
        expect([e2.queue.size, e2.now]).toEqual([0, 6]);
    });

    it('overlapping spikes of one factor end one at a time', async () => {
        const e = await build(`system S {
  client u
  service api { }
  u -> api
  scenario s { spike 2x at 0.5s for 1s spike 2x at 1s for 1s }
}`, { rps: 10, durationS: 3 }, 's');
        expect(offeredTimes(e)).toEqual(stream(3, [[0, 10], [0.5, 20], [1, 40], [1.5, 20], [2, 10]]));
    });
});

/** Records `read()` at each of `times` (after what the engine scheduled for the same instant before the run). */
function probe<T>(e: Engine, times: number[], read: () => T): T[] {
    const out: T[] = [];
    for (const t of times) e.at(t, () => out.push(read()));
    return out;
}

describe('outages of a tier without a balancer (one shared pool)', () => {
    const text = `system S {
  client u
  service api { latency 10ms const concurrency 1 }
  u -> api
  scenario s { fail api at 1s for 1s }
}`;

    it('fails what is in service (on completion), what waits (at once) and what arrives (at the visit); serves again after', async () => {
        const e = await build(text, {}, 's');
        const ids: number[] = [];
        // In service over 1 s (ends 1.005), waiting behind it, arriving at 1 s (after the outage began), at 1.5 s, after it ends.
        for (const t of [0.995, 0.996, 1, 1.5, 2, 2.5]) send(e, t, {}, { ids });
        const failedAt = probe(e, [0.999, 1.001, 1.004, 1.006, 1.75, 3], () => e.failed);
        const api = rt(e, 'api');
        const state = probe(e, [1.5, 2.25], () => [api.live, api.downSince, api.stations[0].pools[0].down, api.stations[0].pools[0].servers]);
        drain(e);
        expect(failedAt).toEqual([0, 2, 2, 3, 4, 4]);
        expect(state).toEqual([[0, 1, true, 0 + 1], [1, 1, false, 1]]);
        // The service that ends on a lost server still counts as the component's completion (then fails).
        expect([e.failed, api.failed, e.hist.count, api.completions]).toEqual([4, 4, 2, 3]);
        expect(e.hist.sum).toBeCloseTo(0.02, 12);
        // Failures at 1 (two), 1.005 and 1.5 s: slices 6, 6, 6 and 9 of 60 over 10 s.
        const failed = new Array(DEPTH_POINTS).fill(0);
        failed[6] = 3; failed[9] = 1;
        expect(Array.from(e.timeline.failed)).toEqual(failed);
        expect(e.requests.live).toBe(0);
        expect(api.stations[0].pools[0].busy).toBe(0);
        expect(ids.length).toBe(6);
    });

    it('fails a service that began before the outage and ends after it (its epoch is gone)', async () => {
        const e = await build(text.replace('latency 10ms const', 'latency 2s const'), {}, 's');
        send(e, 0.5);
        send(e, 2.2);
        drain(e);
        // The doomed service holds its server to its end (2.5 s): the next waits for it.
        expect([e.failed, e.hist.count]).toEqual([1, 1]);
        expect(e.hist.sum).toBeCloseTo(2.3, 12);
    });

    it('counts a component\'s failures inside the window only', async () => {
        const e = await build(text, { durationS: 1.2 }, 's');
        send(e, 1.1);
        send(e, 1.3);
        drain(e);
        expect([e.failed, rt(e, 'api').failed]).toEqual([2, 1]);
        // The timeline holds the window only.
        expect(sum(Array.from(e.timeline.failed))).toBe(1);
    });

    const zoned = (failures: string) => `system S {
  client u
  zone a { }
  zone b { }
  service api { replicas 2 latency 10ms const concurrency 1 zones [a, b] }
  u -> api
  scenario s { ${failures} }
}`;

    it('a lost replica takes its servers out of the shared pool, and they come back', async () => {
        const e = await build(zoned('fail a at 1s for 1s'), {}, 's');
        for (const t of [0.5, 0.5, 1.5, 1.5, 2.5, 2.5]) send(e, t);
        const api = rt(e, 'api');
        const servers = probe(e, [0.9, 1.1, 2.1], () => [api.live, api.stations[0].pools[0].servers, api.stations[0].pools[0].down]);
        drain(e);
        expect(servers).toEqual([[2, 2, false], [1, 1, false], [2, 2, false]]);
        // Never wholly down.
        expect(api.downSince).toBe(0);
        // Two at once on two servers, then one after the other on one, then two at once again.
        expect(e.failed).toBe(0);
        expect(e.hist.sum).toBeCloseTo(0.01 + 0.01 + 0.01 + 0.02 + 0.01 + 0.01, 12);
    });

    it('the servers left when a replica goes down take over what waits, and the one that comes back takes its share', async () => {
        const e = await build(zoned('fail a at 1s for 1s'), {}, 's');
        // Four at 1.995 s: two served at once, two wait until 2.005 s; at 2 s the lost replica is back (no effect on the line).
        for (const t of [1.995, 1.995, 1.995, 1.995]) send(e, t);
        drain(e);
        // One server until 2 s: 1.995–2.005, then two: 2.005–2.015 (×2), and 2.015–2.025 on the first free.
        expect(e.hist.sum).toBeCloseTo(0.01 + 0.02 + 0.02 + 0.02, 12);
    });

    it('overlapping outages of one replica: it is back only when the last one ends', async () => {
        const e = await build(zoned('fail a at 1s for 1s fail api at 1.5s for 1s'), {}, 's');
        const api = rt(e, 'api');
        const live = probe(e, [0.9, 1.2, 1.7, 2.2, 2.7], () => [api.live, Array.from(api.downs)]);
        send(e, 1.2);
        send(e, 2.2);
        send(e, 2.7);
        drain(e);
        expect(live).toEqual([[2, [0, 0]], [1, [1, 0]], [0, [2, 1]], [0, [1, 1]], [2, [0, 0]]]);
        expect([e.failed, e.hist.count]).toEqual([1, 2]);
        expect(api.downSince).toBe(1.5);
    });
});

describe('outages behind a balancer with a health check', () => {
    it('a lost replica fails its share until detected (2.5 s), is taken out, and readmitted one interval after it is back', async () => {
        const e = await build(checkedReplicas('fail a at 1s for 5s'), {}, 's');
        const api = rt(e, 'api');
        expect([api.detectS, api.readmitS]).toEqual([2.5, 1]);
        // Round robin from replica 1: request k goes to replica (k + 1) mod 2 while both are in.
        const times = Array.from({ length: 32 }, (_, k) => 0.25 * k + 0.01);
        for (const t of times) send(e, t);
        const pool0 = api.stations[0].pools[0];
        const states = probe(e, [0.9, 1.1, 3.4, 3.6, 5.9, 6.1, 6.9, 7.1], () => [pool0.down, pool0.excluded]);
        const servers = probe(e, [1.1, 6.1], () => api.stations[0].pools.map((p) => p.servers));
        drain(e);
        expect(states).toEqual([[false, false], [true, false], [true, false], [true, true], [true, true], [false, true], [false, true], [false, false]]);
        // A replica's pool keeps its own servers throughout.
        expect(servers).toEqual([[1, 1], [1, 1]]);
        expect([api.live, api.downSince, api.excluded]).toEqual([2, 0, false]);
        // Failed: odd k with 1 ≤ t < 3.5 (k = 5, 7, 9, 11, 13).
        expect([e.failed, api.failed, e.hist.count]).toEqual([5, 5, 27]);
        // Replica 1 alone from 3.5 s to 7 s: k = 14..27 (14 requests); before, 7 of k = 0..13, after, 2 of k = 28..31.
        expect([api.stations[0].pools[0].completions, api.stations[0].pools[1].completions]).toEqual([27 - 23, 7 + 14 + 2]);
        expect([api.live, api.excluded]).toEqual([2, false]);
    });

    it('an outage shorter than the detection is never taken out', async () => {
        const e = await build(checkedReplicas('fail a at 1s for 1s'), {}, 's');
        const pool0 = rt(e, 'api').stations[0].pools[0];
        const states = probe(e, [1.5, 3.6, 4.5], () => [pool0.down, pool0.excluded]);
        drain(e);
        expect(states).toEqual([[true, false], [false, false], [false, false]]);
        // Events: the outage's start and end, the check at 3.5 s, three probes; no readmission.
        expect(e.events).toBe(6);
    });

    it('a lost replica\'s waiting requests fail at once; a service under way fails at its end', async () => {
        const e = await build(checkedReplicas('fail a at 1s for 5s', 'least_connections'), {}, 's');
        // Least connections from a moving start: four at 0.995 s spread two per replica; at 1 s replica 0's second waits.
        for (const t of [0.995, 0.995, 0.995, 0.995]) send(e, t);
        const failedAt = probe(e, [1.001, 1.006], () => e.failed);
        drain(e);
        expect(failedAt).toEqual([1, 2]);
        expect(e.hist.count).toBe(2);
    });
});

describe('a whole component lost behind a health-checked balancer', () => {
    it('is taken out once down for the detection time, and readmitted one interval after it is back', async () => {
        const e = await build(checkedPair('fail a at 1s for 5s'), {}, 's');
        const a = rt(e, 'a');
        const states = probe(e, [0.9, 3.4, 3.6, 6.5, 7.1], () => [a.live, a.excluded]);
        drain(e);
        expect(states).toEqual([[1, false], [0, false], [0, true], [1, true], [1, false]]);
        expect(a.downSince).toBe(1);
    });

    it('a second outage restarts the clock: the first one\'s check finds it down too briefly', async () => {
        const e = await build(checkedPair('fail a at 1s for 1s fail a at 2.5s for 3s'), {}, 's');
        const a = rt(e, 'a');
        const states = probe(e, [3.6, 4.9, 5.1, 5.6], () => [a.live, a.excluded]);
        drain(e);
        // Checks at 3.5 s (down since 2.5 s: 1 s, too short) and 5 s (2.5 s: taken out); back at 5.5 s, readmitted at 6.5 s.
        expect(states).toEqual([[0, false], [0, false], [0, true], [1, true]]);
        expect(a.excluded).toBe(false);
    });
});

describe('writes', () => {
    const text = `system S {
  client u
  service api { }
  database db { write_ratio 0.3 }
  service r { }
  service w { }
  u -> api -> db
  api -> r [read]
  api -> w [write]
}`;

    it('an apply writes; a store with its own write ratio says by its draw; [read]/[write] override; else the request\'s kind', async () => {
        const e = await build(text);
        const job = (flags: number) => e.requests.create(spec({ flags }));
        const [api, db, r, w] = ['api', 'db', 'r', 'w'].map((n) => nodeOf(e, n));
        expect([e.writes(job(WRITE), api), e.writes(job(0), api)]).toEqual([true, false]);
        expect([e.writes(job(WRITE), r), e.writes(job(0), r), e.writes(job(APPLY), r)]).toEqual([false, false, true]);
        expect([e.writes(job(0), w), e.writes(job(WRITE), w)]).toEqual([true, true]);
        expect([e.writes(job(DRAWN_WRITE), db), e.writes(job(WRITE), db), e.writes(job(0), db), e.writes(job(APPLY), db)]).toEqual([true, false, false, true]);
    });

    it('draws a store\'s own write ratio for each operation', async () => {
        const e = await build(text);
        for (let i = 0; i < 60; i++) send(e, 0.01 * i);
        drain(e);
        // Draws per request: the client's choice of child, then the store's write draw.
        const writes = secondDrawsBelow(60, 0.3);
        expect(writes).toBeGreaterThan(5);
        const db = rt(e, 'db');
        expect([db.writes, db.reads]).toEqual([writes, 60 - writes]);
        // Each [read]/[write] node counts as it says, whatever the draw.
        expect([rt(e, 'r').reads, rt(e, 'w').writes, rt(e, 'api').reads]).toEqual([60, 60, 60]);
    });

    it('a write takes capacity over write_capacity times longer', async () => {
        const e = await build(`system S {
  client u
  database db { capacity 100 rps write_capacity 25 rps latency 10ms const }
  u -> db
}`);
        send(e, 0, { flags: MEASURED | WRITE });
        send(e, 1);
        drain(e);
        expect(e.hist.sum).toBeCloseTo(0.04 + 0.01, 12);
        expect([rt(e, 'db').writes, rt(e, 'db').reads]).toEqual([1, 1]);
        expect(rt(e, 'db').stations[0].pools[0].busyTime).toBeCloseTo(0.05, 12);
    });
});

describe('routes', () => {
    it('[P%]: only that share of requests makes the call', async () => {
        const e = await build(`system S {
  client u
  service api { }
  service b { latency 10ms const }
  u -> api -> b [40%]
}`);
        for (let i = 0; i < 50; i++) send(e, 0.1 * i);
        drain(e);
        const calls = secondDrawsBelow(50, 0.4);
        expect(calls).toBeGreaterThan(10);
        expect([rt(e, 'b').completions, rt(e, 'b').arrivals, e.hist.count]).toEqual([calls, calls, 50]);
        expect(e.hist.sum).toBeCloseTo(calls * 0.01, 12);
    });

    it('[xN]: N calls in parallel; the caller goes on when the last is done', async () => {
        const text = (concurrency: number) => `system S {
  client u
  service api { }
  service b { latency 10ms const concurrency ${concurrency} }
  service c { latency 1ms const }
  u -> api -> b [x3]
  api -> c
}`;
        for (const [concurrency, latency] of [[1, 0.031], [3, 0.011], [2, 0.021]] as const) {
            const e = await build(text(concurrency));
            send(e, 0, { flags: MEASURED | WRITE });
            drain(e);
            expect([e.hist.count, rt(e, 'b').completions, rt(e, 'c').completions], String(concurrency)).toEqual([1, 3, 1]);
            // Each part writes as its request does.
            expect([rt(e, 'b').writes, rt(e, 'c').writes]).toEqual([3, 1]);
            expect(e.hist.sum, String(concurrency)).toBeCloseTo(latency, 12);
            expect(e.requests.live).toBe(0);
        }
    });

    it('[xN] at the in-flight cap: a part that cannot be made fails the caller once the others are done', async () => {
        const text = `system S {
  client u
  service api { }
  service b { latency 10ms const }
  u -> api -> b [x3]
}`;
        // Room for the request alone: its first part fails, and with it the request, at once.
        const one = await build(text, { maxInFlight: 1 });
        send(one, 0.5);
        drain(one);
        expect([one.limit, one.failed, one.requests.live, one.now]).toEqual(['memory', 1, 0, 0.5]);
        expect(sum(Array.from(one.timeline.failed))).toBe(1);
        // Room for two parts: the third fails, the caller waits for the two, then fails.
        const three = await build(text, { maxInFlight: 3 });
        send(three, 0.5);
        drain(three);
        expect([three.limit, three.failed, three.requests.live]).toEqual(['memory', 0, 3]);
        three.limit = undefined;
        drain(three);
        expect([three.failed, three.hist.count, rt(three, 'b').completions, three.requests.live]).toEqual([1, 0, 2, 0]);
    });

    it('async calls: the caller goes on at once; the spawned writes are served in the background', async () => {
        const e = await build(`system S {
  client u
  service api { latency 1ms const }
  service w { latency 10ms const concurrency 1 }
  service c { }
  u -> api
  api -> w [x2] : async
  api -> c
}`);
        send(e, 0);
        send(e, 1, { flags: 0 });
        const busy = probe(e, [0.005, 0.015, 0.025], () => rt(e, 'w').stations[0].pools[0].busy);
        drain(e);
        expect(e.hist.count).toBe(1);
        expect(e.hist.sum).toBeCloseTo(0.001, 12);
        expect(busy).toEqual([1, 1, 0]);
        const w = rt(e, 'w');
        expect([w.completions, w.writes, w.reads, e.offered, e.failed]).toEqual([4, 4, 0, 0, 0]);
        // The messages end after w: c is the caller's next call, not theirs.
        expect(rt(e, 'c').completions).toBe(2);
        expect(w.hist.sum).toBeCloseTo(0.01 + 0.02 + 0.01 + 0.02, 12);
    });

    it('a guarded call that times out fails the caller then; the callee still does the work', async () => {
        const e = await build(`system S {
  client u
  service api { }
  service b { latency 10ms const concurrency 1 }
  u -> api
  api -> b : grpc { timeout 5ms }
}`);
        send(e, 0);
        const failed = probe(e, [0.004, 0.006], () => e.failed);
        drain(e);
        expect(failed).toEqual([0, 1]);
        const b = rt(e, 'b');
        expect([b.timeouts, b.completions, e.hist.count, e.requests.live]).toEqual([1, 1, 0, 0]);
    });

    it('a guarded call answered in time goes on; its timer finds nothing to time out', async () => {
        const e = await build(`system S {
  client u
  service api { }
  service b { latency 10ms const }
  service c { latency 10ms const }
  u -> api
  api -> b : grpc { timeout 1s }
  api -> c
}`);
        send(e, 0);
        drain(e);
        expect([e.hist.count, e.failed, rt(e, 'b').timeouts, rt(e, 'c').completions]).toEqual([1, 0, 0, 1]);
        expect(e.hist.sum).toBeCloseTo(0.02, 12);
        // Events: the send, b's and c's departures, and the timer at 1 s.
        expect([e.events, e.now]).toEqual([4, 1e9]);
    });

    it('a failed guarded call is sent again after a backoff drawn up to its base, then fails for good', async () => {
        const e = await build(`system S {
  client u
  service api { }
  service b { latency 10ms const }
  u -> api
  api -> b : grpc { timeout 1s retries 1 backoff 100ms }
  scenario s { fail b }
}`, {}, 's');
        send(e, 0.5);
        // Draws: the client's choice, then the backoff.
        const rng = new Rng(SEED);
        rng.next();
        const retryAt = 0.5 + rng.next() * 0.1;
        const failed = probe(e, [retryAt - 1e-9, retryAt + 1e-9], () => [e.failed, rt(e, 'b').failed, rt(e, 'b').retries]);
        drain(e);
        expect(failed).toEqual([[0, 1, 0], [1, 2, 1]]);
        expect(rt(e, 'b').arrivals).toBe(2);
    });
});

describe('bookedAfter', () => {
    const text = `system S {
  client u
  service api { latency 1s const }
  service b { latency 1s const }
  u -> api -> b
}`;

    it('books the rest of each service under way, to the end of the window, on its pool', async () => {
        const e = await build(text);
        send(e, 0);
        send(e, 0);
        e.at(5, () => undefined);
        e.runUntil(0.4, 100);
        const pools = e.pools.map((p) => p.station.comp);
        const api = e.runtimes.findIndex((r) => r.component.name === 'api');
        const expected = pools.map((c) => (c === api ? 2 * 0.6 : 0));
        const booked = Array.from(e.bookedAfter(0.4));
        expect(booked.length).toBe(3);
        booked.forEach((x, i) => expect(x).toBeCloseTo(expected[i], 12));
        // After 1 s both are at b.
        e.runUntil(1.5, 100);
        const b = e.runtimes.findIndex((r) => r.component.name === 'b');
        Array.from(e.bookedAfter(1.5)).forEach((x, i) => expect(x).toBeCloseTo(pools[i] === b ? 2 * 0.5 : 0, 12));
    });

    it('clips to the window: nothing before the warm-up, nothing after the end, never negative', async () => {
        const e = await build(text, { warmupS: 0.5, durationS: 0.8 });
        send(e, 0);
        e.runUntil(0.3, 100);
        const api = e.runtimes.findIndex((r) => r.component.name === 'api');
        const at = (end: number) => Array.from(e.bookedAfter(end)).map((x, i) => (e.pools[i].station.comp === api ? x : -x));
        // Service 0–1 s: from max(end, 0.5) to min(1, 0.8).
        expect(at(0.3)[e.pools.findIndex((p) => p.station.comp === api)]).toBeCloseTo(0.3, 12);
        expect(at(0.6)[e.pools.findIndex((p) => p.station.comp === api)]).toBeCloseTo(0.2, 12);
        expect(at(0.9).every((x) => x === 0)).toBe(true);
    });
});

describe('queues', () => {
    const text = `system S {
  client u
  service api { latency 1ms const }
  queue q { retries 1 }
  worker w { latency 10ms const concurrency 1 consumes q }
  u -> api -> q
  scenario down { fail w at 0.5s for 0.5s }
  scenario dies { fail w at 0.005s for 0.1s }
}`;

    it('a request is done once enqueued; a consumer pulls each message as a server frees, timed from the pull', async () => {
        const e = await build(text);
        send(e, 0);
        send(e, 0);
        drain(e);
        expect(e.hist.sum).toBeCloseTo(0.002, 12);
        const w = rt(e, 'w');
        expect([w.completions, w.writes]).toEqual([2, 2]);
        expect(w.hist.sum).toBeCloseTo(0.02, 12);
        expect(rt(e, 'q').queue!.depth).toBe(0);
        // A queue's own figures are its pulls (behaviours.ts), not its visits.
        expect(rt(e, 'q').completions).toBe(2);
    });

    it('messages wait while the consumer is down and are pulled when it comes back', async () => {
        const e = await build(text, {}, 'down');
        send(e, 0.6);
        send(e, 0.7);
        const w = rt(e, 'w');
        const state = probe(e, [0.9, 1.005, 1.015, 1.025], () => [rt(e, 'q').queue!.depth, w.stations[0].pools[0].busy]);
        drain(e);
        expect(state).toEqual([[2, 0], [1, 1], [0, 1], [0, 0]]);
        expect([w.completions, w.failed, e.failed]).toEqual([2, 0, 0]);
        expect(w.hist.sum).toBeCloseTo(0.02, 12);
    });

    it('a message whose consumer dies under it is delivered again a second later', async () => {
        const e = await build(text, {}, 'dies');
        send(e, 0);
        const w = rt(e, 'w');
        const state = probe(e, [0.5, 1.015, 1.03], () => [rt(e, 'q').queue!.depth, w.stations[0].pools[0].busy]);
        drain(e);
        // Pulled at 1 ms, fails at 11 ms, back in the queue at 1.011 s, served to 1.021 s.
        expect(state).toEqual([[0, 0], [0, 1], [0, 0]]);
        expect([w.failed, e.failed, w.completions]).toEqual([1, 0, 2]);
        expect(e.requests.live).toBe(0);
    });
});

describe('copied writes', () => {
    const text = (failures: string) => `system S {
  client u
  zone a { }
  zone b { }
  zone c { }
  database db { replicas 3 sync latency 10ms const concurrency 1 zones [a, b, c] }
  u -> db
  scenario s { ${failures} }
}`;

    it('the leader serves a write, every follower applies it, the writer waits for the synchronous ones', async () => {
        const e = await build(text('fail c at 1s for 1s'), {}, 's');
        send(e, 0, { flags: MEASURED | WRITE });
        // Replica 2 is down: only replica 1 applies.
        send(e, 1.5, { flags: MEASURED | WRITE });
        // Back at 2 s: it applies again.
        send(e, 2.5, { flags: MEASURED | WRITE });
        drain(e);
        const db = rt(e, 'db');
        const pools = db.stations[0].pools;
        expect(e.hist.sum).toBeCloseTo(0.02 * 3, 12);
        expect([e.failed, db.failed, db.writes, db.completions, db.arrivals]).toEqual([0, 0, 3, 3, 3]);
        expect(pools.map((p) => [p.completions, p.applied])).toEqual([[3, 0], [0, 3], [0, 2]]);
    });

    it('an apply whose replica dies under it applies nothing, and the write stands', async () => {
        const e = await build(text('fail c at 1s for 1s'), {}, 's');
        // Leader 0.985–0.995 s; applies 0.995–1.005 s; replica 2 lost at 1 s.
        send(e, 0.985, { flags: MEASURED | WRITE });
        drain(e);
        const db = rt(e, 'db');
        expect([e.failed, db.failed, e.hist.count]).toEqual([0, 0, 1]);
        expect(e.hist.sum).toBeCloseTo(0.02, 12);
        expect(e.requests.live).toBe(0);
    });

    it('writes fail while the leader is down (no failover), and the count says where', async () => {
        const e = await build(text('fail a at 1s for 1s'), {}, 's');
        send(e, 1.5, { flags: MEASURED | WRITE });
        send(e, 2.5, { flags: MEASURED | WRITE });
        drain(e);
        expect([e.failed, rt(e, 'db').failed, e.hist.count]).toEqual([1, 1, 1]);
    });
});

describe('caches and CDNs', () => {
    const text = (failures: string) => `system S {
  workload { keys 1000 }
  client u
  service api { }
  cache c { write write_back capacity 100 items }
  database db { latency 10ms const }
  u -> api -> c -> db
  scenario s { ${failures} }
}`;
    const writes = (e: Engine) => { for (const key of [1, 2, 3]) send(e, 0.1, { key, flags: MEASURED | WRITE }); };

    it('a write-back cache flushes its dirty entries a second later', async () => {
        const e = await build(text(''), {}, 's');
        writes(e);
        const flushed = probe(e, [1.05, 1.2], () => rt(e, 'db').writes);
        drain(e);
        expect(flushed).toEqual([0, 3]);
        expect([rt(e, 'c').lostWrites, e.hist.count]).toEqual([0, 3]);
    });

    it('a cache that dies loses its dirty entries and fails open: reads go to the store', async () => {
        const e = await build(text('fail c at 0.5s for 0.3s'), {}, 's');
        writes(e);
        send(e, 0.6, { key: 1000 });
        drain(e);
        const c = rt(e, 'c'), db = rt(e, 'db');
        expect([c.lostWrites, c.failed, e.failed, db.writes, db.reads]).toEqual([3, 0, 0, 0, 1]);
    });

    it('a flush that fails downstream counts as a lost write of the cache', async () => {
        const e = await build(text('fail db at 1s for 1s'), {}, 's');
        writes(e);
        drain(e);
        expect([rt(e, 'c').lostWrites, rt(e, 'db').failed, e.failed, rt(e, 'db').writes]).toEqual([3, 3, 0, 0]);
    });

    it('a dead CDN fails open too', async () => {
        const e = await build(`system S {
  workload { keys 1000 }
  client u
  cdn edge { hit_ratio 0.5 }
  service api { latency 1ms const }
  u -> edge -> api
  scenario s { fail edge at 0s for 1s }
}`, {}, 's');
        for (const t of [0.5, 1.5]) send(e, t, { key: 1000 });
        drain(e);
        expect([rt(e, 'edge').failed, e.failed, rt(e, 'api').completions, e.hist.count]).toEqual([0, 0, 2, 2]);
        // Alive, it is visited and counted (a miss: key 1000 is past its hit boundary).
        expect([rt(e, 'edge').misses, rt(e, 'edge').hits]).toEqual([1, 0]);
    });

    it('a key of another space is drawn afresh in the store\'s own space', async () => {
        const e = await build(`system S {
  client u
  cache c { capacity 10 items }
  database db { keys 2 latency 1ms const }
  u -> c -> db
}`);
        // The cache is warmed with both keys of db's space; a workload key of rank 10^6 is redrawn there and hits.
        for (let i = 0; i < 5; i++) send(e, i, { key: 1e6 });
        drain(e);
        expect([rt(e, 'c').hits, rt(e, 'c').misses, rt(e, 'db').completions]).toEqual([5, 0, 0]);
    });
});

describe('shards', () => {
    it('a hash-partitioned store serves each key on its shard\'s own server', async () => {
        const e = await build(`system S {
  client u
  database db { partition hash(id) shards 2 latency 10ms const concurrency 1 }
  u -> db
}`);
        const router = rt(e, 'db').router!;
        const keys = Array.from({ length: 40 }, (_, i) => i + 1);
        const k1 = keys.filter((k) => router.shardOf(k, false) === 0).slice(0, 2);
        const k2 = keys.find((k) => router.shardOf(k, false) === 1)!;
        for (const key of [...k1, k2]) send(e, 0, { key });
        drain(e);
        expect(e.hist.sum).toBeCloseTo(0.01 + 0.02 + 0.01, 12);
        expect(rt(e, 'db').stations.map((s) => s.pools[0].completions)).toEqual([2, 1]);
    });

    it('a round-robin partition scatters a read to every shard and gathers', async () => {
        const e = await build(`system S {
  client u
  database db { partition round_robin shards 3 latency 10ms const concurrency 1 }
  u -> db
}`);
        send(e, 0, { key: 5 });
        drain(e);
        expect([e.hist.count, e.failed]).toEqual([1, 0]);
        expect(e.hist.sum).toBeCloseTo(0.01, 12);
        expect(rt(e, 'db').stations.map((s) => s.pools[0].completions)).toEqual([1, 1, 1]);
    });
});

describe('collapsed forwarding', () => {
    const text = (failures: string) => `system S {
  client u
  proxy p { collapsed_forwarding on }
  service api { latency 10ms const }
  u -> p -> api
  scenario s { ${failures} }
}`;

    it('concurrent reads of one key wait for the first one\'s answer', async () => {
        const e = await build(text(''), {}, 's');
        for (const t of [0, 0.001, 0.002]) send(e, t, { key: 4 });
        send(e, 0.003, { key: 5 });
        drain(e);
        expect(e.hist.sum).toBeCloseTo(0.01 + 0.009 + 0.008 + 0.01, 12);
        expect([rt(e, 'api').completions, rt(e, 'p').collapsed, e.requests.live]).toEqual([2, 2, 0]);
    });

    it('followers fail with their leader', async () => {
        const e = await build(text('fail api at 0.005s for 1s'), {}, 's');
        for (const t of [0, 0.001, 0.002]) send(e, t, { key: 4 });
        drain(e);
        expect([e.failed, e.hist.count, e.requests.live]).toEqual([3, 0, 0]);
    });
});

describe('what the engine schedules at the start', () => {
    it('an outage or spike without an end schedules its start only; a failure that takes nothing, nothing', async () => {
        const text = (scenario: string) => `system S {
  client u
  zone empty { }
  service api { }
  u -> api
  scenario s { ${scenario} }
}`;
        expect((await build(text('fail api at 1s for 1s'), {}, 's')).queue.size).toBe(2);
        expect((await build(text('fail api at 1s'), {}, 's')).queue.size).toBe(1);
        expect((await build(text('fail empty at 1s for 1s'), {}, 's')).queue.size).toBe(0);
        expect((await build(text('spike 2x at 1s for 1s'), {}, 's')).queue.size).toBe(2);
        expect((await build(text('spike 2x at 1s'), {}, 's')).queue.size).toBe(1);
        // An infinite rate draws nothing.
        expect((await build(text('fail api at 1s'), { rps: Infinity }, 's')).queue.size).toBe(1);
    });

    it('numbers the pools of every component in order', async () => {
        const e = await build(`system S {
  client u
  loadbalancer lb { }
  service api { replicas 3 }
  database db { partition hash(id) shards 2 }
  u -> lb -> api -> db
}`);
        expect(e.pools.map((p) => p.id)).toEqual(e.pools.map((_, i) => i));
        const names = e.pools.map((p) => e.runtimes[p.station.comp].component.name);
        expect(names).toEqual(['u', 'lb', 'api', 'api', 'api', 'db', 'db']);
    });
});

describe('keys', () => {
    /** The keys of the first `n` requests offered, all still in flight (100 s of service). */
    async function keys(text: string, n = 20): Promise<number[]> {
        const e = await build(text, { rps: 100, durationS: 1 });
        e.runUntil(1, 1e9);
        expect(e.offered).toBeGreaterThan(n);
        return Array.from(e.requests.key.slice(0, n));
    }
    const tier = (component: string, lb = '') => `system S {
  workload { keys 1000 }
  client u
  ${lb}
  ${component}
  service slow { latency 100s const }
  u -> ${lb ? 'lb -> ' : ''}x -> slow
}`;

    it('draws a key for every request when something reads keys; else every key is 1', async () => {
        const plain = await keys(tier('service x { }'));
        expect(new Set(plain)).toEqual(new Set([1]));
        for (const [what, text] of [
            ['cache', tier('cache x { capacity 10 items }')],
            ['shards', tier('database x { partition hash(id) shards 2 }')],
            ['collapsing', tier('proxy x { collapsed_forwarding on }')],
            ['cdn', tier('cdn x { hit_ratio 0.1 }')],
            ['ip_hash', tier('service x { replicas 2 }', 'loadbalancer lb { algorithm ip_hash }')],
        ] as const) {
            const drawn = await keys(text);
            expect(new Set(drawn).size, what).toBeGreaterThan(5);
            expect(drawn.every((k) => Number.isInteger(k) && k >= 1 && k <= 1000), what).toBe(true);
        }
    });
});

describe('the in-flight cap at arrival', () => {
    it('stops the run at the arrival that finds it full, offering none past it', async () => {
        const e = await build(single('latency 10s const'), { rps: 100, durationS: 5, maxInFlight: 5 });
        const done = e.runUntil(5, 1e9);
        expect([e.limit, e.offered, e.open, e.requests.live, done]).toEqual(['memory', 5, 5, 5, 6]);
        expect(sum(Array.from(e.timeline.offered))).toBe(5);
        // The clock stays at the sixth arrival.
        expect(e.now).toBe(stream(5, [[0, 100]])[5]);
    });
});

describe('flows', () => {
    it('counts a flow\'s failures', async () => {
        const e = await build(`system S {
  client u
  service api { latency 1ms const }
  service b { latency 1ms const }
  u -> api
  u -> b
  flow one 50% read : u -> api
  flow two 50% read : u -> b
  scenario s { fail b at 1s for 1s }
}`, {}, 's');
        send(e, 0.5, { flow: 0 });
        send(e, 1.5, { flow: 1, node: e.program.entries[1].node });
        send(e, 1.6, { flow: 1, node: e.program.entries[1].node });
        send(e, 2.5, { flow: 1, node: e.program.entries[1].node });
        drain(e);
        expect(e.flows.map((f) => [f.hist.count, f.failed])).toEqual([[1, 0], [1, 2]]);
        expect(e.failed).toBe(2);
    });
});

describe('a whole component lost behind a health-checked balancer, briefly', () => {
    it('is back before the check: never taken out', async () => {
        const e = await build(checkedPair('fail a at 1s for 1s'), {}, 's');
        const a = rt(e, 'a');
        const states = probe(e, [1.5, 3.6], () => [a.live, a.excluded]);
        drain(e);
        expect(states).toEqual([[0, false], [1, false]]);
        // Events: the outage's start and end, the check at 3.5 s, two probes; no readmission.
        expect(e.events).toBe(5);
    });

    it('without a health check nothing is ever taken out', async () => {
        const e = await build(`system S {
  client u
  zone a { }
  zone b { }
  loadbalancer lb { }
  service api { replicas 2 latency 10ms const concurrency 1 zones [a, b] }
  u -> lb -> api
  scenario s { fail a at 1s for 5s }
}`, {}, 's');
        const api = rt(e, 'api');
        expect(api.detectS).toBeUndefined();
        const times = Array.from({ length: 32 }, (_, k) => 0.25 * k + 0.01);
        for (const t of times) send(e, t);
        drain(e);
        // Odd k with 1 ≤ t < 6: k = 5, 7, ..., 23.
        expect(e.failed).toBe(10);
        expect(api.stations[0].pools[0].excluded).toBe(false);
        // Events: 32 sends, 22 departures (the 10 failed ones fail at the visit), the outage's start and end; no check.
        expect(e.events).toBe(32 + 22 + 2);
    });
});

describe('the edges of the window', () => {
    it('counts what happens at the warm-up, not what happens at the end', async () => {
        // One server, 10 ms: services [0, 10], [10, 20] (queued behind the first), [20, 30] ms; window [10, 20) ms.
        const e = await build(single(), { warmupS: 0.01, durationS: 0.02 });
        for (const t of [0, 0.01, 0.02]) send(e, t);
        drain(e);
        const api = rt(e, 'api');
        const pool = api.stations[0].pools[0];
        // Visits at 10 ms (in) and 20 ms (out); completions at 10 ms (in), 20 and 30 ms (out).
        expect([api.arrivals, api.completions, pool.completions]).toEqual([1, 1, 1]);
        expect(pool.busyTime).toBeCloseTo(0.01, 12);
        // The timeline: only the completion at 10 ms, in slice 30 of 60.
        const completed = new Array(DEPTH_POINTS).fill(0);
        completed[30] = 1;
        expect(Array.from(e.timeline.completed)).toEqual(completed);
        expect(e.hist.count).toBe(3);
    });

    it('a failure at the end of the window is the request\'s, not the component\'s or the timeline\'s', async () => {
        const e = await build(`${single().slice(0, -1)}  scenario s { fail api at 2s }\n}`, { durationS: 2 }, 's');
        send(e, 2);
        send(e, 1.999);
        drain(e);
        // The one sent just before the end is in service at 2 s and fails on completion, after the end.
        expect([e.failed, rt(e, 'api').failed]).toEqual([2, 0]);
        expect(sum(Array.from(e.timeline.failed))).toBe(0);
    });
});

describe('app-server caches', () => {
    it('a request served by a replica uses that replica\'s cache', async () => {
        const e = await build(appServerCacheBehindBalancer);
        // Round robin from replica 1: replicas 1, 0, 1, 0. Key 10^9 is in no warmed cache: a miss in each, then hits.
        for (const t of [0, 1, 2, 3]) send(e, t, { key: 1e9 });
        drain(e);
        expect([rt(e, 'c').misses, rt(e, 'c').hits, rt(e, 'db').completions]).toEqual([2, 2, 2]);
    });
});

describe('an instant consumer', () => {
    it('takes each message on to its own calls at once', async () => {
        const e = await build(`system S {
  client u
  service api { latency 1ms const }
  queue q { }
  worker w { concurrency 1 consumes q }
  database db { latency 10ms const concurrency 1 }
  u -> api -> q
  w -> db
}`);
        for (const t of [0, 0, 0]) send(e, t);
        drain(e);
        const db = rt(e, 'db');
        expect([rt(e, 'w').completions, db.completions, db.writes]).toEqual([3, 3, 3]);
        // The three reach db at 1 ms together and are served one after the other.
        expect(db.hist.sum).toBeCloseTo(0.01 + 0.02 + 0.03, 12);
    });
});
