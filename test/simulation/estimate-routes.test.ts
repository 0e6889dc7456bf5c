/**
 * The estimate's routes (estimate/routes.ts): a request's time summed along the calls it waits
 * for, mixed over a CDN's hits and a `[P%]` share, the slowest of `[xN]` parallel calls; its
 * failure under an outage through the same routes; the tier that adds most to its mean. Every
 * station is an M/M/1 (capacity 1000 rps, latency 1 ms: μ = 1000/s, mean 1 / (μ − λ)) or a
 * pure delay (no capacity), so each figure is a sum of hand-worked closed forms.
 */
import { describe, expect, it } from 'vitest';
import { model } from '../helpers.js';
import { expectWithin } from './helpers.js';
import { analyticReport } from '../../language-server/simulation/estimate/report.js';

const mm1 = (lambda: number, mu = 1000) => 1 / (mu - lambda);
const ms = (s: number) => s * 1000;
const SVC = 'capacity 1000 rps latency 1ms';
const FAST = 'capacity 4000 rps latency 250us';

const mean = async (text: string) => analyticReport(await model(text)).latencyMs.mean;

describe('the time along a route', () => {
    it('adds the calls made in turn', async () => {
        expectWithin(await mean(`system S { workload { rps 500 } client u service api { ${SVC} } service b { ${SVC} } service c { ${SVC} }
          flow f read : u -> api -> { b, c } }`), ms(3 * mm1(500)), 1e-4, 'mean');
    });

    it('waits for no async call', async () => {
        expectWithin(await mean(`system S { workload { rps 500 } client u service api { ${SVC} } service b { ${SVC} }
          u -> api  api -> b : async }`), ms(mm1(500)), 1e-4, 'mean');
    });

    it('mixes a [P%] call with no call', async () => {
        // b takes 250 of the 500/s.
        expectWithin(await mean(`system S { workload { rps 500 } client u service api { ${SVC} } service b { ${SVC} }
          flow f read : u -> api -> b [50%] }`), ms(mm1(500) + 0.5 * mm1(250)), 1e-4, 'mean');
    });

    it('waits for the slowest of [xN] calls, for the [P%] that make them', async () => {
        // b (μ = 4000/s) takes 2 × 250 = 500/s; the slowest of two exponentials of rate 3500/s has mean 1.5 / 3500.
        expectWithin(await mean(`system S { workload { rps 500 } client u service api { ${SVC} } service b { ${FAST} }
          flow f read : u -> api -> b [x2, 50%] }`), ms(mm1(500) + (0.5 * 1.5) / 3500), 2e-3, 'mean');
    });

    it('ends a read at a CDN hit: 80% take the CDN\'s delay only', async () => {
        // The CDN is a pure delay of 1 ms; api takes the 20% that miss, 100/s.
        const report = analyticReport(await model(`system S { workload { rps 500 } client u cdn edge { hit_ratio 0.8 latency 1ms }
          service api { ${SVC} } flow f read : u -> edge -> api }`));
        expectWithin(report.latencyMs.mean, ms(0.001 + 0.2 * mm1(100)), 1e-3, 'mean');
        expect(report.caches.edge).toEqual({ hitRate: 0.8, lostWrites: 0, collapsed: 0, model: 'hit_ratio' });
    });

    it('passes every write through a CDN', async () => {
        const report = analyticReport(await model(`system S { workload { rps 500 } client u cdn edge { hit_ratio 0.8 latency 1ms }
          service api { ${SVC} } flow f write : u -> edge -> api }`));
        expectWithin(report.latencyMs.mean, ms(0.001 + mm1(500)), 1e-3, 'mean');
    });

    it('mixes a balancer\'s children by weight', async () => {
        // x takes 1/4 of 800/s, y 3/4; the balancer itself has no latency.
        expectWithin(await mean(`system S { workload { rps 800 } client u loadbalancer lb { algorithm weighted_round_robin weights [1, 3] }
          service x { ${SVC} } service y { ${SVC} } u -> lb  lb -> x  lb -> y }`), ms(0.25 * mm1(200) + 0.75 * mm1(600)), 1e-3, 'mean');
    });
});

describe('an entry that reads and writes', () => {
    it('mixes the read\'s and the write\'s distributions by the read ratio', async () => {
        // No flows, half the requests write. Each replica takes 125 reads + 250 writes = 375/s: an M/M/1 of rate
        // 625/s. A read is one such sojourn, a write the leader's then its synchronous follower's (Erlang-2).
        const report = analyticReport(await model(`system S { workload { rps 500 read_ratio 50% } client u
          database db { replicas 2 sync capacity 1000 rps latency 1ms consistency eventual reads any } u -> db }`));
        const r = 625;
        expectWithin(report.latencyMs.mean, ms(0.5 / r + 0.5 * (2 / r)), 2e-3, 'mean');
        const tail = (t: number) => 0.5 * Math.exp(-r * t) + 0.5 * (1 + r * t) * Math.exp(-r * t);
        let lo = 0, hi = 1;
        for (let i = 0; i < 200; i++) { const mid = (lo + hi) / 2; if (tail(mid) > 0.01) lo = mid; else hi = mid; }
        expectWithin(report.latencyMs.p99, ms(lo), 5e-3, 'p99');
    });

    it('has no distribution when nothing on its route takes time', async () => {
        const report = analyticReport(await model(`system S { workload { rps 100 } client u loadbalancer lb flow f read : u -> lb }`));
        expect(report.flows.f.latencyMs).toEqual({ mean: 0, p50: 0, p95: 0, p99: 0 });
    });
});

describe('a program too large for grids', () => {
    it('takes the mean from the moments along the routes', async () => {
        // Twelve levels of two services, each calling both of the next level in turn: 2 + 4 + ... + 4,096
        // call paths under a, more nodes than the 4,096 the estimate convolves. Every station is a pure 1 ms
        // delay (no capacity), so the mean is 8,191 ms, plus the slowest of two 1 ms exponentials (1.5 ms)
        // for half the requests.
        const levels = 12;
        // Besides: a store whose own write ratio 0.3 mixes a read (one M/M/1 of rate 1000 − 6.5 = 993.5/s:
        // 3.5 reads and 3 writes a second on each replica) with a write that also waits for its synchronous
        // follower; a scatter read over 4 shards of 1 ms delays (H_4 = 25/12 ms); a queue, whose slow
        // consumer's 50 ms wait the sender does not see.
        const lines = ['service a { latency 1ms }', 'service z { latency 1ms }', 'u -> a', 'a -> z [x2, 50%]',
            'database db { replicas 2 sync capacity 1000 rps latency 1ms write_ratio 0.3 consistency eventual reads any }', 'a -> db',
            'database sh { partition round_robin shards 4 latency 1ms }', 'a -> sh',
            'queue q', 'worker w { consumes q capacity 20 rps latency 50ms }', 'a -> q',
            'a -> l1x', 'a -> l1y'];
        for (let i = 1; i <= levels; i++) {
            lines.push(`service l${i}x { latency 1ms }`, `service l${i}y { latency 1ms }`);
            if (i < levels) for (const from of ['x', 'y']) lines.push(`l${i}${from} -> l${i + 1}x`, `l${i}${from} -> l${i + 1}y`);
        }
        const report = analyticReport(await model(`system S { workload { rps 10 } client u\n${lines.join('\n')}\n}`));
        expect(report.latencyMs.mean).toBeCloseTo(2 ** (levels + 1) - 1 + 0.5 * 1.5 + (1000 * 1.3) / 993.5 + 25 / 12, 1);
    });
});

describe('failure along a route', () => {
    const T = 60, AT = 20, D = 30;
    const availability = async (text: string) => analyticReport(await model(text), { scenario: 's' }).availability;
    /** api has 4 replicas, 2 in zone a, behind a balancer without a health check: half its calls fail for D. */
    const half = (call: string) => `system S { workload { rps 500 } client u zone a { } zone b { }
      service front { capacity 10k rps latency 1ms } loadbalancer lb { algorithm round_robin }
      service api { replicas 4 capacity 4000 rps latency 1ms zones [a, b] }
      flow f read : u -> front -> lb -> api ${call}
      scenario s { duration ${T}s fail a at ${AT}s for ${D}s } }`;

    it('fails a call that reaches a half-failing tier half the time', async () => {
        expect(await availability(half(''))).toBeCloseTo(1 - (0.5 * D) / T, 6);
    });

    it('fails [x2] parallel calls when either fails: 1 − (1 − ½)²', async () => {
        expect(await availability(half('[x2]'))).toBeCloseTo(1 - (0.75 * D) / T, 6);
    });

    it('fails only the [P%] that make the call', async () => {
        expect(await availability(half('[50%]'))).toBeCloseTo(1 - (0.25 * D) / T, 6);
    });

    it('fails a read that a CDN serves only when it misses, a write always', async () => {
        const text = `system S { workload { rps 500 } client u cdn edge { hit_ratio 0.8 latency 1ms } service api { ${SVC} }
          flow r 50% read : u -> edge -> api  flow w 50% write : u -> edge -> api
          scenario s { duration ${T}s fail api at ${AT}s for ${D}s } }`;
        expect(await availability(text)).toBeCloseTo(1 - ((0.5 * 0.2 + 0.5) * D) / T, 6);
    });

    it('fails nothing through an async call', async () => {
        expect(await availability(`system S { workload { rps 500 } client u service api { ${SVC} } service b { ${SVC} }
          u -> api  api -> b : async  scenario s { duration ${T}s fail b at ${AT}s for ${D}s } }`)).toBe(1);
    });

    /** A store whose lost leader fails writes for the whole outage; reads go to any replica. */
    const leaderless = (flows: string, props = '') => `system S { workload { rps 500 } client c service api { capacity 10k rps latency 1ms }
      database db { replicas 2 capacity 5k rps latency 0.2ms consistency eventual reads any ${props} }
      ${flows}
      scenario s { duration ${T}s fail db leader at ${AT}s for ${D}s } }`;

    it('fails a [write] step of a read flow, and not a [read] step of a write flow', async () => {
        expect(await availability(leaderless('flow f read : c -> api -> db [write]'))).toBeCloseTo(1 - D / T, 6);
        expect(await availability(leaderless('flow f write : c -> api -> db [read]'))).toBe(1);
        expect(await availability(leaderless('flow f write : c -> api -> db'))).toBeCloseTo(1 - D / T, 6);
        expect(await availability(leaderless('flow f read : c -> api -> db'))).toBe(1);
    });

    it('fails the store\'s own write ratio of its requests without flows', async () => {
        expect(await availability(leaderless('c -> api -> db', 'write_ratio 0.3'))).toBeCloseTo(1 - (0.3 * D) / T, 6);
    });

    it('passes a write to the store behind a write-through cache, not behind a write-back one', async () => {
        const cache = (policy: string) => `system S { workload { rps 500 keys 100 zipf 0 } client u service api { capacity 10k rps latency 1ms }
          cache kv { capacity 50 items write ${policy} } database db { capacity 5k rps latency 0.2ms }
          flow f write : u -> api -> kv -> db
          scenario s { duration ${T}s fail db at ${AT}s for ${D}s } }`;
        expect(await availability(cache('write_through'))).toBeCloseTo(1 - D / T, 6);
        expect(await availability(cache('write_back'))).toBe(1);
    });
});

describe('the tier that adds most to a flow\'s mean', () => {
    /** api: M/M/1 at 500/s, 2 ms; b: 10 servers of 10 ms at a light load, about 10 ms, reached by P% of requests. */
    const flow = (share: string) => `system S { workload { rps 500 } client u service api { ${SVC} }
      service b { capacity 1000 rps latency 10ms }
      flow f read p99 1ms : u -> api -> b [${share}] }`;
    const tier = async (share: string) => analyticReport(await model(flow(share))).flows.f.objectives!.find((o) => o.objective === 'p99')!.tier;

    it('weighs a call by the share that makes it', async () => {
        // Half of 10 ms is 5 ms, more than api's 2 ms; a tenth is 1 ms, less.
        expect(await tier('50%')).toBe('b');
        expect(await tier('10%')).toBe('api');
    });

    it('weighs a balancer\'s children by their traffic', async () => {
        // x: about 10 ms (ten servers at 50/s) for a tenth of the requests, 1 ms on average; y: M/M/1 at
        // 450 of 1000/s (1.82 ms) for nine tenths, 1.64 ms. Unweighted, x would add most.
        const text = `system S { workload { rps 500 } client u loadbalancer lb { algorithm weighted_round_robin weights [1, 9] }
          service x { capacity 1000 rps latency 10ms } service y { ${SVC} } u -> lb  lb -> x  lb -> y
          flow f read p99 1ms : u -> lb -> { x, y } }`;
        const report = analyticReport(await model(text));
        expectWithin(report.flows.f.latencyMs.mean, ms(0.1 * 0.01 + 0.9 * mm1(450)), 5e-3, 'mean');
        expect(report.flows.f.objectives!.find((o) => o.objective === 'p99')!.tier).toBe('y');
    });
});

describe('more of a route\'s shape', () => {
    const T = 60, AT = 20, D = 30;
    const CHECK = 'health_check every 2s timeout 1s unhealthy_after 3';
    const DETECT = 7;
    const availability = async (text: string) => analyticReport(await model(text), { scenario: 's' }).availability;

    it('does not wait for a queue\'s consumer', async () => {
        // api: M/M/1 at 500/s; the consumer waits 1 ms in line (M/M/1 at 500 of 1000/s), which the sender never sees.
        expectWithin(await mean(`system S { workload { rps 500 } client u service api { ${SVC} } queue q
          worker w { consumes q ${SVC} } flow f write : u -> api -> q -> w }`), ms(mm1(500)), 1e-3, 'mean');
    });

    it('passes a read on through a write-back cache when it misses', async () => {
        // LRU keeps 50 of 100 uniform keys: half the reads go on to db, an M/M/1 at 250 of 1000/s.
        expectWithin(await mean(`system S { workload { rps 500 keys 100 zipf 0 } client u service api { ${SVC} }
          cache kv { capacity 50 items write write_back } database db { ${SVC} } flow f read : u -> api -> kv -> db }`),
        ms(mm1(500) + 0.5 * mm1(250)), 2e-3, 'mean');
    });

    it('mixes three children by weight', async () => {
        expectWithin(await mean(`system S { workload { rps 800 } client u loadbalancer lb { algorithm weighted_round_robin weights [1, 2, 5] }
          service x { ${SVC} } service y { ${SVC} } service z { ${SVC} } u -> lb  lb -> x  lb -> y  lb -> z }`),
        ms((1 / 8) * mm1(100) + (2 / 8) * mm1(200) + (5 / 8) * mm1(500)), 1e-3, 'mean');
    });

    it('waits for a sync call declared before an async one', async () => {
        expectWithin(await mean(`system S { workload { rps 500 } client u service api { ${SVC} } service b { ${SVC} } service c { ${SVC} }
          u -> api  api -> c  api -> b : async }`), ms(2 * mm1(500)), 1e-3, 'mean');
    });

    const backends = (failure: string, lb = `loadbalancer lb { ${CHECK} }`, y = 'service y { capacity 4000 rps latency 1ms }') => `system S {
      workload { rps 500 } client u zone a { } zone b { } ${lb}
      service x { capacity 4000 rps latency 1ms } ${y}
      u -> lb  lb -> x  lb -> y
      scenario s { duration ${T}s ${failure} } }`;

    it('routes around the second child too once the check takes it out', async () => {
        expect(await availability(backends(`fail y at ${AT}s for ${D}s`))).toBeCloseTo(1 - (0.5 * DETECT) / T, 6);
    });

    it('sends everything to what is left, failing there as it fails', async () => {
        // x is down from 20 s (taken out at 27 s); half of y's replicas from 30 s (noticed at 37 s). From 30 s to 37 s
        // every request goes to y and half of them fail: 0.5 × 7 s for x, then 0.5 × 7 s for y.
        const y = 'service y { replicas 4 capacity 4000 rps latency 1ms zones [a, b] }';
        expect(await availability(backends(`fail x at ${AT}s for ${D}s fail a at 30s for 10s`, undefined, y))).toBeCloseTo(1 - 7 / T, 6);
    });

    it('fails through a balancer without a check what a checked one in front of the same backends routes around', async () => {
        // lb1 checks x and y; the requests come through lb2, which does not.
        const text = `system S { workload { rps 500 } client u loadbalancer lb1 { ${CHECK} } loadbalancer lb2 { }
          service x { capacity 4000 rps latency 1ms } service y { capacity 4000 rps latency 1ms }
          lb1 -> x  lb1 -> y  u -> lb2  lb2 -> x  lb2 -> y
          flow f read : u -> lb2 -> { x, y }
          scenario s { duration ${T}s fail x at ${AT}s for ${D}s } }`;
        expect(await availability(text)).toBeCloseTo(1 - (0.5 * D) / T, 6);
    });

    it('fails a request when either of two half-failing calls in turn fails: 1 − ½ · ½', async () => {
        const text = `system S { workload { rps 500 } client u zone a { } zone b { } service api { capacity 10k rps latency 1ms }
          loadbalancer lb1 { } loadbalancer lb2 { }
          service m { replicas 4 capacity 4000 rps latency 1ms zones [a, b] } service n { replicas 4 capacity 4000 rps latency 1ms zones [a, b] }
          flow f read : u -> api -> { lb1 -> m, lb2 -> n }
          scenario s { duration ${T}s fail a at ${AT}s for ${D}s } }`;
        expect(await availability(text)).toBeCloseTo(1 - (0.75 * D) / T, 6);
    });

    it('fails every one of [x2] calls into a store wholly down, whatever its write ratio', async () => {
        const text = `system S { workload { rps 500 } client c service api { capacity 10k rps latency 1ms }
          database db { replicas 2 capacity 5k rps latency 0.2ms write_ratio 0.3 consistency eventual reads any }
          c -> api  api -> db [x2]
          scenario s { duration ${T}s fail db at ${AT}s for ${D}s } }`;
        expect(await availability(text)).toBeCloseTo(1 - D / T, 6);
    });

    it('mixes a store\'s read and write by its own write ratio', async () => {
        // 350 reads and 150 writes a second: each replica 175 + 150 = 325/s, an M/M/1 of rate 675/s; a write
        // waits for the leader and then the synchronous follower (Erlang-2).
        const report = analyticReport(await model(`system S { workload { rps 500 } client u
          database db { replicas 2 sync capacity 1000 rps latency 1ms write_ratio 0.3 consistency eventual reads any } u -> db }`));
        const r = 675;
        expectWithin(report.latencyMs.mean, ms(0.7 / r + 0.3 * (2 / r)), 2e-3, 'mean');
        const tail = (t: number) => 0.7 * Math.exp(-r * t) + 0.3 * (1 + r * t) * Math.exp(-r * t);
        let lo = 0, hi = 1;
        for (let i = 0; i < 200; i++) { const mid = (lo + hi) / 2; if (tail(mid) > 0.01) lo = mid; else hi = mid; }
        expectWithin(report.latencyMs.p99, ms(lo), 5e-3, 'p99');
    });
});
