/**
 * Failure behaviour (language.md, v2): a call past its connection's timeout fails for the
 * caller while the callee still does the work; failed calls are retried after a jittered
 * exponential backoff; a spike shows whether the system recovers — and a retry storm keeps
 * an overloaded tier down after its trigger is gone; a cache that fails comes back empty.
 * Expected figures are closed forms worked out in each test.
 */
import { describe, expect, it } from 'vitest';
import { model } from '../helpers.js';
import { runSimulation } from '../../language-server/simulation/run.js';

describe('timeouts', () => {
    it('fail the calls that outlast them, as often as M/M/1 says, while the callee still serves them', async () => {
        // M/M/1 at λ = 500, μ = 1000: P(response > 2 ms) = e^{−(μ − λ)·0.002} = e^{−1}.
        const m = await model(`system S { workload { rps 500 } client u
          service api { }
          database db { capacity 1000 rps latency 1ms }
          u -> api
          api -> db : grpc { timeout 2ms } }`);
        const report = await runSimulation(m, { durationS: 200, warmupS: 2, seed: 3 });
        expect(Math.abs(report.availability - (1 - Math.exp(-1)))).toBeLessThan(0.01);
        expect(Math.abs(report.components.db.timeouts / report.requests.offered - Math.exp(-1))).toBeLessThan(0.01);
        // Orphans are served too: the store does every call's work.
        expect(Math.abs(report.components.db.utilisation - 0.5)).toBeLessThan(0.01);
        expect(report.latencyMs.p99).toBeLessThanOrEqual(2);
    });
});

describe('retries with jittered exponential backoff', () => {
    // Zone a (one of two replicas) is down for the whole run and nothing takes it out: each
    // attempt lands on the dead replica with probability 1/2 and fails at once.
    const text = (guard: string) => `system S { workload { rps 400 } client u
      zone a { } zone b { }
      service api { }
      loadbalancer lb { algorithm random }
      service svc { replicas 2 zones [a, b] }
      u -> api
      api -> lb : grpc { ${guard} }
      lb -> svc
      scenario dead { duration 100s fail a at 0s } }`;

    it('try again until the retries run out: 1 − (1/2)^4 complete with 3 retries', async () => {
        const report = await runSimulation(await model(text('retries 3 backoff 100ms')), { scenario: 'dead', seed: 5 });
        expect(Math.abs(report.availability - 15 / 16)).toBeLessThan(0.006);
        // Calls per request 1 + 1/2 + 1/4 + 1/8, to the balancer (the call retried) and on to svc;
        // retries 1/2 + 1/4 + 1/8 of the requests, counted where the retried call goes.
        expect(Math.abs(report.components.lb.callsPerRequest - 1.875)).toBeLessThan(0.02);
        expect(Math.abs(report.components.svc.callsPerRequest - 1.875)).toBeLessThan(0.02);
        expect(Math.abs(report.components.lb.retries / report.requests.offered - 0.875)).toBeLessThan(0.02);
    });

    it('wait a uniform time up to backoff × 2^k before retry k', async () => {
        const report = await runSimulation(await model(text('retries 3 backoff 100ms')), { scenario: 'dead', seed: 5 });
        // A request that succeeds after k failures waited Σ_{i<k} U(0, 100 ms · 2^i), mean 50 ms · (2^k − 1);
        // it does so with probability (1/2)^{k+1}, given success (15/16): the mean is 17/30 · 100 ms.
        expect(Math.abs(report.latencyMs.mean / ((17 / 30) * 100) - 1)).toBeLessThan(0.03);
    });

    it('change nothing without a failure, and are not made without a retries setting', async () => {
        const none = await runSimulation(await model(text('timeout 1s')), { scenario: 'dead', seed: 5 });
        expect(Math.abs(none.availability - 0.5)).toBeLessThan(0.01);
        expect(none.components.lb.retries).toBe(0);
        expect(Math.abs(none.components.svc.callsPerRequest - 1)).toBeLessThan(1e-9);
    });
});

describe('a spike', () => {
    // 700 rps on a store of 1,000 rps; 2,100 rps for 10 s from 20 s leaves a backlog of 11,000
    // that drains at 300/s: about 37 s after the spike every call answers within 50 ms again.
    const text = (guard: string) => `system Storm {
      workload { rps 700 }
      client c
      service api { replicas 4 capacity 5k rps latency 0.1ms }
      database db { capacity 1000 rps latency 1ms }
      c -> api
      api -> db : grpc { ${guard} }
      scenario rush { duration 120s spike 3x at 20s for 10s }
    }`;
    const availability = (timeline: { completedRps: number[]; failedRps: number[] }, from: number, to: number) => {
        let done = 0, failed = 0;
        for (let i = from; i < to; i++) {
            done += timeline.completedRps[i];
            failed += timeline.failedRps[i];
        }
        return done / (done + failed);
    };

    it('multiplies the offered load while it lasts', async () => {
        const report = await runSimulation(await model(text('timeout 50ms')), { scenario: 'rush', seed: 2 });
        // Slices of 2 s: 10 to 14 are the spike.
        for (let i = 10; i < 15; i++) expect(Math.abs(report.timeline.offeredRps[i] / 2100 - 1)).toBeLessThan(0.05);
        expect(Math.abs(report.timeline.offeredRps[40] / 700 - 1)).toBeLessThan(0.1);
        expect(Math.abs(report.requests.offered - 700 * 120 - 1400 * 10)).toBeLessThan(1500);
    });

    it('is survived once the backlog drains, without retries', async () => {
        const report = await runSimulation(await model(text('timeout 50ms')), { scenario: 'rush', seed: 2 });
        expect(availability(report.timeline, 0, 10)).toBe(1);
        expect(availability(report.timeline, 16, 30)).toBeLessThan(0.05);
        expect(availability(report.timeline, 40, 60)).toBeGreaterThan(0.99);
    });

    it('keeps the store down long after it ends with retries: a retry storm', async () => {
        const report = await runSimulation(await model(text('timeout 50ms retries 3 backoff 10ms')), { scenario: 'rush', seed: 2 });
        expect(availability(report.timeline, 0, 10)).toBe(1);
        expect(availability(report.timeline, 40, 60)).toBeLessThan(0.05);
        expect(report.components.db.callsPerRequest).toBeGreaterThan(2.5);
    });
});

describe('a cache that fails', () => {
    // Uniform keys, a cache that holds them all: after it comes back empty, a read of rate λ
    // misses with probability e^{−λt/N} at time t, so T seconds bring N·(1 − e^{−λT/N}) misses.
    const text = (keys: number, capacity: number) => `system S {
      workload { rps 1000 keys ${keys} zipf 0 }
      client u
      service api { }
      cache c { capacity ${capacity} items }
      database db { }
      u -> api -> c -> db
      scenario crash { duration 60s fail c at 20s for 5s }
    }`;
    const refill = (keys: number, seconds: number) => keys * -Math.expm1((-1000 * seconds) / keys);

    it('comes back empty and refills (a cache the simulator runs)', async () => {
        const report = await runSimulation(await model(text(10_000, 20_000)), { scenario: 'crash', seed: 4 });
        // Reads to the store: 5 s of outage, the refill over 35 s, and the keys warm-up missed (e^{−4}).
        const expected = 1000 * 5 + refill(10_000, 35) + 10_000 * Math.exp(-4);
        expect(Math.abs(report.components.db.throughputRps * 60 / expected - 1)).toBeLessThan(0.03);
    });

    it('comes back empty and refills (a cache too large to run, served by the hit model)', async () => {
        const report = await runSimulation(await model(text(2_000_000, 4_000_000)), { scenario: 'crash', seed: 4 });
        expect(report.caches.c.model).toBe('analytic');
        const expected = 1000 * 5 + refill(2_000_000, 35);
        expect(Math.abs(report.components.db.throughputRps * 60 / expected - 1)).toBeLessThan(0.03);
    });
});
