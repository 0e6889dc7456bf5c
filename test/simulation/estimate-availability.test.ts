/**
 * The estimate's availability under a scenario (estimate/availability.ts, and how report.ts
 * sums it), against hand-worked figures: a run of T = 60 s at 500 rps, an outage of D = 30 s
 * from 20 s. A component with every replica down fails all requests through it for D, so the
 * availability is 1 − D/T = 0.5; behind a balancer, k of n replicas down fail k/n of them until
 * a health check (every 2 s × unhealthy_after 3 + timeout 1 s = 7 s) takes them out, for the
 * whole outage without one; replicas sharing one queue fail nothing; caches fail open. A
 * single leader lost fails writes (and reads under `reads leader`) until `failover` promotes a
 * follower. No simulation runs here: the simulator's agreement is failover.test.ts's.
 */
import { describe, expect, it } from 'vitest';
import { model } from '../helpers.js';
import { analyticReport } from '../../language-server/simulation/estimate/report.js';
import { outageEffects } from '../../language-server/simulation/estimate/availability.js';
import { outagesOf } from '../../language-server/simulation/failures.js';
import type { ArchModel } from '../../language-server/model/types.js';

const T = 60, AT = 20, D = 30, RPS = 500;
const CHECK = 'health_check every 2s timeout 1s unhealthy_after 3';
const DETECT = 2 * 3 + 1;

/** The effects of the model's one scenario, as report.ts computes them. */
function effectsOf(m: ArchModel, durationS = T) {
    const index = new Map([...m.components.keys()].map((name, i) => [name, i]));
    return { index, effects: outageEffects(m, outagesOf(m, m.scenarios[0].failures, index), durationS) };
}

const availability = async (text: string) => analyticReport(await model(text), { scenario: 's' }).availability;

const system = (body: string, failure: string, rps = RPS) => `system S {
  workload { rps ${rps} }
  client u
  zone a { }
  zone b { }
  ${body}
  scenario s { duration ${T}s ${failure} }
}`;

/** Four replicas of api, two in zone a, with or without a balancer (`lb` text) in front. */
const api = (lb: string | undefined) => system(
    `${lb === undefined ? '' : `loadbalancer lb { ${lb} }`}
     service api { replicas 4 capacity 4000 rps latency 1ms zones [a, b] }
     ${lb === undefined ? 'u -> api' : 'u -> lb -> api'}`,
    `fail a at ${AT}s for ${D}s`);

describe('a component with every replica down', () => {
    const whole = (failure: string) => system('service api { replicas 2 capacity 4000 rps latency 1ms } u -> api', failure);

    it('fails every request for the outage: 1 − D/T', async () => {
        expect(await availability(whole(`fail api at ${AT}s for ${D}s`))).toBeCloseTo(1 - D / T, 6);
    });

    it('is one phase, the outage\'s span, with reads and writes failing and nobody taken out', async () => {
        const m = await model(whole(`fail api at ${AT}s for ${D}s`));
        const { index, effects } = effectsOf(m);
        expect(effects.map((e) => [e.fromS, e.windowS])).toEqual([[AT, D]]);
        const c = index.get('api')!;
        expect([effects[0].reads[c], effects[0].writes[c], effects[0].excluded[c]]).toEqual([1, 1, 0]);
        expect(effects[0].reads[index.get('u')!]).toBe(0);
    });

    it('counts only the part of an outage inside the run', async () => {
        // From 50 s for 30 s in a 60 s run: 10 s of it.
        expect(await availability(whole('fail api at 50s for 30s'))).toBeCloseTo(1 - 10 / T, 6);
        const { effects } = effectsOf(await model(whole('fail api at 50s for 30s')));
        expect(effects.map((e) => [e.fromS, e.windowS])).toEqual([[50, 10]]);
        // From 0 s: the first 10 s.
        expect(await availability(whole('fail api at 0s for 10s'))).toBeCloseTo(1 - 10 / T, 6);
    });

    it('counts nothing of an outage that starts after the run', async () => {
        const text = whole('fail api at 70s for 10s');
        expect(await availability(text)).toBe(1);
        expect(effectsOf(await model(text)).effects).toEqual([]);
    });

    it('adds outages of different components, each over its own span', async () => {
        const text = system(`service api { capacity 4000 rps latency 1ms } service db { capacity 4000 rps latency 1ms } u -> api -> db`,
            'fail api at 10s for 6s fail db at 30s for 12s');
        expect(await availability(text)).toBeCloseTo(1 - 18 / T, 6);
    });

    it('shows the failed requests in the run\'s timeline, one slice a second, and in its counts', async () => {
        const report = analyticReport(await model(whole(`fail api at ${AT}s for ${D}s`)), { scenario: 's' });
        const expected = Array.from({ length: T }, (_, i) => (i >= AT && i < AT + D ? RPS : 0));
        expect(report.timeline.failedRps).toEqual(expected);
        expect(report.timeline.completedRps).toEqual(expected.map((f) => RPS - f));
        expect(report.timeline.offeredRps).toEqual(expected.map(() => RPS));
        expect(report.requests).toEqual({ offered: RPS * T, completed: RPS * (T - D), failed: RPS * D, inFlight: 0 });
        expect(report.throughputRps).toBeCloseTo(RPS * (1 - D / T), 6);
    });

    it('cuts a timeline slice an outage only partly covers in proportion', async () => {
        const report = analyticReport(await model(whole('fail api at 20.25s for 1.5s')), { scenario: 's' });
        // 0.75 s of second 20 and 0.75 s of second 21 are down.
        expect(report.timeline.failedRps.slice(19, 23)).toEqual([0, 0.75 * RPS, 0.75 * RPS, 0]);
    });
});

describe('some replicas of a component down', () => {
    it('fail nothing when they share one queue (no balancer): the others take the load', async () => {
        expect(await availability(api(undefined))).toBe(1);
    });

    it('fail their share k/n for the whole outage behind a balancer without a health check', async () => {
        expect(await availability(api('algorithm round_robin'))).toBeCloseTo(1 - (0.5 * D) / T, 6);
    });

    it('fail their share until a health check notices, then nothing', async () => {
        const text = api(`algorithm round_robin ${CHECK}`);
        expect(await availability(text)).toBeCloseTo(1 - (0.5 * DETECT) / T, 6);
        const m = await model(text);
        const { index, effects } = effectsOf(m);
        const c = index.get('api')!;
        expect(effects.map((e) => [e.fromS, e.windowS, e.reads[c], e.writes[c]])).toEqual([[AT, DETECT, 0.5, 0.5], [AT + DETECT, D - DETECT, 0, 0]]);
        const timeline = analyticReport(m, { scenario: 's' }).timeline.failedRps;
        expect(timeline).toEqual(Array.from({ length: T }, (_, i) => (i >= AT && i < AT + DETECT ? 0.5 * RPS : 0)));
    });

    it('fail their share for the whole outage when the check would notice only after it', async () => {
        // Detection takes 10 s × 3 + 1 s = 31 s, more than the 30 s outage.
        expect(await availability(api('algorithm round_robin health_check every 10s timeout 1s unhealthy_after 3'))).toBeCloseTo(1 - (0.5 * D) / T, 6);
    });
});

describe('a backend component behind a health-checked balancer', () => {
    const backends = (check: string, failure: string) => system(`loadbalancer lb { ${check} }
      service x { capacity 4000 rps latency 1ms } service y { capacity 4000 rps latency 1ms }
      u -> lb  lb -> x  lb -> y`, failure);

    it('fails its half of the requests until the check takes it out', async () => {
        const text = backends(CHECK, `fail x at ${AT}s for ${D}s`);
        expect(await availability(text)).toBeCloseTo(1 - (0.5 * DETECT) / T, 6);
        const { index, effects } = effectsOf(await model(text));
        const x = index.get('x')!;
        expect(effects.map((e) => [e.fromS, e.windowS, e.reads[x], e.excluded[x]])).toEqual([[AT, DETECT, 1, 0], [AT + DETECT, D - DETECT, 1, 1]]);
    });

    it('fails its half for the whole outage without a check', async () => {
        expect(await availability(backends('', `fail x at ${AT}s for ${D}s`))).toBeCloseTo(1 - (0.5 * D) / T, 6);
    });

    it('fails everything when every backend is down: a check with nothing left to route to routes to all', async () => {
        const text = `system S { workload { rps ${RPS} } client u
          zone east { service x { capacity 4000 rps latency 1ms } service y { capacity 4000 rps latency 1ms } }
          loadbalancer lb { ${CHECK} } u -> lb  lb -> x  lb -> y
          scenario s { duration ${T}s fail east at ${AT}s for ${D}s } }`;
        expect(await availability(text)).toBeCloseTo(1 - D / T, 6);
    });

    it('splits the traffic by weight: a backend with a third of it fails a third', async () => {
        const text = system(`loadbalancer lb { algorithm weighted_round_robin weights [1, 2] }
          service x { capacity 4000 rps latency 1ms } service y { capacity 4000 rps latency 1ms }
          u -> lb  lb -> x  lb -> y`, `fail x at ${AT}s for ${D}s`);
        expect(await availability(text)).toBeCloseTo(1 - D / 3 / T, 6);
    });
});

describe('caches and CDNs fail open', () => {
    it('a cache down fails nothing: its reads go to the store', async () => {
        expect(await availability(system(`service api { capacity 4000 rps latency 1ms } cache c { capacity 1k items }
          database db { capacity 4000 rps latency 1ms } u -> api -> c -> db`, `fail c at ${AT}s for ${D}s`))).toBe(1);
    });

    it('a CDN down fails nothing', async () => {
        expect(await availability(system(`cdn edge { hit_ratio 0.9 } service api { capacity 4000 rps latency 1ms } u -> edge -> api`,
            `fail edge at ${AT}s for ${D}s`))).toBe(1);
    });
});

describe('a single leader lost', () => {
    // Half the requests write, half read; the outage is 40 s of 100 s.
    const store = (props: string) => `system S {
      workload { rps 500 }
      client c
      database db { replicas 2 capacity 5k rps latency 0.2ms ${props} }
      flow w 50% write : c -> db
      flow r 50% read : c -> db
      scenario s { duration 100s fail db leader at 20s for 40s }
    }`;

    it('fails writes and leader reads until failover: 10 s of 100 s for all', async () => {
        expect(await availability(store('failover 10s consistency strong reads leader'))).toBeCloseTo(1 - 10 / 100, 6);
    });

    it('fails writes only when followers serve reads: half of 10 s of 100 s', async () => {
        expect(await availability(store('failover 10s consistency eventual reads any'))).toBeCloseTo(1 - (0.5 * 10) / 100, 6);
    });

    it('fails writes for the whole outage without failover, or with one slower than the outage', async () => {
        expect(await availability(store('consistency eventual reads any'))).toBeCloseTo(1 - (0.5 * 40) / 100, 6);
        expect(await availability(store('failover 50s consistency eventual reads any'))).toBeCloseTo(1 - (0.5 * 40) / 100, 6);
    });

    it('is a phase until promotion, then one with nothing failing', async () => {
        const m = await model(store('failover 10s consistency eventual reads any'));
        const { index, effects } = effectsOf(m, 100);
        const db = index.get('db')!;
        expect(effects.map((e) => [e.fromS, e.windowS, e.reads[db], e.writes[db]])).toEqual([[20, 10, 0, 1], [30, 30, 0, 0]]);
    });

    it('costs nothing under multi leaders: another replica takes the writes', async () => {
        // Replica 0 of 2 lives in zone a.
        const text = `system S { workload { rps 500 } client c zone a { } zone b { }
          database db { replicas 2 capacity 5k rps latency 0.2ms zones [a, b] leader multi }
          flow w 50% write : c -> db  flow r 50% read : c -> db
          scenario s { duration 100s fail a at 20s for 40s } }`;
        expect(await availability(text)).toBe(1);
    });

    it('fails everything when every replica of the store is down', async () => {
        const text = store('failover 10s consistency eventual reads any').replace('fail db leader', 'fail db');
        expect(await availability(text)).toBeCloseTo(1 - 40 / 100, 6);
    });

    it('costs nothing when a follower alone is lost', async () => {
        // Replica 1 of 2 lives in zone b.
        const text = `system S { workload { rps 500 } client c zone a { } zone b { }
          database db { replicas 2 capacity 5k rps latency 0.2ms zones [a, b] failover 10s consistency strong reads leader }
          flow w 50% write : c -> db  flow r 50% read : c -> db
          scenario s { duration 100s fail b at 20s for 40s } }`;
        expect(await availability(text)).toBe(1);
    });
});

describe('outages that overlap in one scenario', () => {
    // The simulator takes a replica down while any outage holds it (failover.test.ts runs the
    // same models): overlapping outages are one, and components down at once fail together.
    it('count a component down twice over once: its down time is the union', async () => {
        const text = system('service api { replicas 2 capacity 4000 rps latency 1ms } u -> api', 'fail api at 20s for 30s fail api at 30s for 10s');
        expect(await availability(text)).toBeCloseTo(1 - D / T, 6);
    });

    it('leave a health-checked balancer nothing to route around when every backend is down at once', async () => {
        const text = system(`loadbalancer lb { ${CHECK} }
          service x { capacity 4000 rps latency 1ms } service y { capacity 4000 rps latency 1ms }
          u -> lb  lb -> x  lb -> y`, `fail x at ${AT}s for ${D}s fail y at ${AT}s for ${D}s`);
        expect(await availability(text)).toBeCloseTo(1 - D / T, 6);
    });

    it('detect a component from when it went down, not from a later overlapping outage', async () => {
        const text = system(`loadbalancer lb { ${CHECK} }
          service x { capacity 4000 rps latency 1ms } service y { capacity 4000 rps latency 1ms }
          u -> lb  lb -> x  lb -> y`, `fail x at ${AT}s for ${D}s fail x at 30s for 10s`);
        expect(await availability(text)).toBeCloseTo(1 - (0.5 * DETECT) / T, 6);
    });

    it('join outages listed in any order, and outages that touch', async () => {
        const text = (failures: string) => system('service api { replicas 2 capacity 4000 rps latency 1ms } u -> api', failures);
        expect(await availability(text('fail api at 30s for 10s fail api at 20s for 30s'))).toBeCloseTo(1 - D / T, 6);
        // Back to back behind a health check: noticed 7 s after the first went down, once.
        const checked = system(`loadbalancer lb { ${CHECK} }
          service x { capacity 4000 rps latency 1ms } service y { capacity 4000 rps latency 1ms }
          u -> lb  lb -> x  lb -> y`, 'fail x at 20s for 10s fail x at 30s for 20s');
        expect(await availability(checked)).toBeCloseTo(1 - (0.5 * DETECT) / T, 6);
    });
});
