/**
 * The `--analytic` report (estimate/report.ts) in its own right: the fields it fills from the
 * stations and routes, flow figures, the mixture of entries' latencies, and availability
 * objectives judged over the system's scenarios (the lowest, its scenario, and the component
 * that fails most of the flow's requests there). Figures are hand-worked: M/M/1 stations
 * (capacity 1000 rps, latency 1 ms), outages of D seconds of T cutting 1 − D/T.
 */
import { describe, expect, it } from 'vitest';
import { model } from '../helpers.js';
import { expectWithin } from './helpers.js';
import { analyticReport } from '../../language-server/simulation/estimate/report.js';

const SVC = 'capacity 1000 rps latency 1ms';
const ms = (s: number) => s * 1000;

/** The t where a decreasing tail(t) crosses p, by bisection. */
function invert(tail: (t: number) => number, p: number, hi: number): number {
    let lo = 0;
    for (let i = 0; i < 200; i++) {
        const mid = (lo + hi) / 2;
        if (tail(mid) > p) lo = mid; else hi = mid;
    }
    return (lo + hi) / 2;
}

describe('the report\'s fields', () => {
    const text = `system Shop { workload { rps 500 } client u service api { ${SVC} } service b { ${SVC} }
      flow r 60% read : u -> api -> b  flow w 40% write : u -> api }`;

    it('names the run and fills what the estimate does not model with zeros', async () => {
        const report = analyticReport(await model(text), { durationS: 30, warmupS: 5, seed: 7 });
        expect(report).toMatchObject({ system: 'Shop', scenario: null, seed: 7, durationS: 30, mode: 'analytic', simulatedS: 30, events: 0, warmupS: 5, limitsHit: [] });
        expect(report.load.rps).toBe(500);
        // 500/s over the 25 s measured, none failing.
        expect(report.requests).toEqual({ offered: 12_500, completed: 12_500, failed: 0, inFlight: 0 });
        expect(report.availability).toBe(1);
        expect(report.throughputRps).toBe(500);
        expect(report.timeline.offeredRps).toEqual(Array(60).fill(500));
        expect(report.timeline.failedRps).toEqual(Array(60).fill(0));
    });

    it('gives each flow its share of the load and its own time', async () => {
        const report = analyticReport(await model(text));
        expect(report.flows.r.throughputRps).toBe(300);
        expect(report.flows.w.throughputRps).toBe(200);
        expect(report.flows.r.failed).toBe(0);
        // api: M/M/1 at 500/s (2 ms); b at 300/s (1 / 700 s).
        expectWithin(report.flows.w.latencyMs.mean, 2, 1e-4, 'w mean');
        expectWithin(report.flows.r.latencyMs.mean, 2 + ms(1 / 700), 1e-4, 'r mean');
        expectWithin(report.flows.w.latencyMs.p99, ms(Math.log(100) / 500), 1e-3, 'w p99');
        // The system's mean mixes the flows by rate.
        expectWithin(report.latencyMs.mean, 0.6 * (2 + ms(1 / 700)) + 0.4 * 2, 1e-4, 'mean');
    });

    it('reports each component but the client: its load per request, reads and writes served, its own time', async () => {
        const report = analyticReport(await model(text));
        expect(Object.keys(report.components).sort()).toEqual(['api', 'b']);
        expect(report.components.api).toMatchObject({ utilisation: 0.5, throughputRps: 500, maxUtilisation: 0.5, failed: 0, callsPerRequest: 1, retries: 0, timeouts: 0, readRps: 300, writeRps: 200 });
        expect(report.components.b).toMatchObject({ utilisation: 0.3, throughputRps: 300, callsPerRequest: 0.6, readRps: 300, writeRps: 0 });
        expectWithin(report.components.b.latencyMs.mean, ms(1 / 700), 1e-5, 'b mean');
        expectWithin(report.components.b.latencyMs.p50, ms(Math.log(2) / 700), 1e-4, 'b p50');
        expectWithin(report.components.b.latencyMs.p95, ms(Math.log(20) / 700), 1e-4, 'b p95');
    });

    it('gives percentiles of the mixture of the flows, not the mixture of their percentiles', async () => {
        // Two flows of 250/s each, one to a (M/M/1 at 250/s: rate 750/s), one to c (capacity 500: rate 250/s).
        const report = analyticReport(await model(`system S { workload { rps 500 } client u service a { ${SVC} }
          service c { capacity 500 rps latency 2ms } flow x 50% read : u -> a  flow y 50% read : u -> c }`));
        const tail = (t: number) => 0.5 * Math.exp(-750 * t) + 0.5 * Math.exp(-250 * t);
        for (const [p, q] of [['p50', 0.5], ['p95', 0.95], ['p99', 0.99]] as const) {
            expectWithin(report.latencyMs[p], ms(invert(tail, 1 - q, 1)), 5e-3, p);
        }
        expectWithin(report.latencyMs.mean, ms(0.5 / 750 + 0.5 / 250), 1e-3, 'mean');
    });

    it('serves each shard up to its capacity', async () => {
        // Every read asks all 4 shards, each offered 1500/s at capacity 1000/s.
        const report = analyticReport(await model(`system S { workload { rps 1500 } client c
          database db { partition round_robin shards 4 ${SVC} } flow f read : c -> db }`));
        expect(report.components.db.throughputRps).toBe(4000);
        expect(report.components.db.readRps).toBeCloseTo(4000, 6);
        expect(report.shards.db.loadRps).toEqual([1500, 1500, 1500, 1500]);
    });

    it('reports a component with no time as idle', async () => {
        const report = analyticReport(await model(`system S { workload { rps 100 } client u loadbalancer lb service api { ${SVC} } u -> lb -> api }`));
        expect(report.components.lb.latencyMs).toEqual({ mean: 0, p50: 0, p95: 0, p99: 0 });
        expect(report.components.lb.utilisation).toBe(0);
        expect(report.components.lb.throughputRps).toBe(100);
    });

    it('lets a queue without consumers grow by everything sent to it', async () => {
        const report = analyticReport(await model(`system S { workload { rps 200 } client u queue q u -> q }`), { durationS: 60 });
        expect(report.queues.q.depth).toBe(12_000);
        expect(report.components.q.throughputRps).toBe(0);
    });
});

describe('availability objectives over the system\'s scenarios', () => {
    const system = (scenarios: string, objective = 'availability 99%') => `system S { workload { rps 500 } client u
      service api { ${SVC} } database db { capacity 5k rps latency 0.2ms }
      cache kv { capacity 1k items }
      flow f read ${objective} : u -> api -> db
      flow g read : u -> api
      ${scenarios} }`;
    const objective = async (text: string) => analyticReport(await model(text)).flows.f.objectives?.find((o) => o.objective === 'availability');

    it('judges the lowest over the scenarios, naming it and the tier that fails', async () => {
        const scenarios = 'scenario one { duration 100s fail api at 10s for 10s } scenario two { duration 100s fail db at 10s for 30s }';
        expect(await objective(system(scenarios))).toEqual({ objective: 'availability', target: 0.99, value: 0.7, met: false, scenario: 'two', tier: 'db' });
        // The order of the scenarios does not matter.
        const reversed = 'scenario two { duration 100s fail db at 10s for 30s } scenario one { duration 100s fail api at 10s for 10s }';
        expect(await objective(system(reversed))).toMatchObject({ value: 0.7, scenario: 'two', tier: 'db' });
    });

    it('names the component that alone fails the most, among several failing in one scenario', async () => {
        // api fails 10 s, db 30 s: together 40 s of 100 s; db alone 30 s.
        const scenarios = 'scenario both { duration 100s fail api at 10s for 10s fail db at 50s for 30s fail kv at 10s for 50s }';
        expect(await objective(system(scenarios))).toMatchObject({ value: 0.6, scenario: 'both', tier: 'db' });
    });

    it('is met when the lowest is above the target, and judges nothing when no scenario fails anything', async () => {
        expect(await objective(system('scenario one { duration 100s fail api at 10s for 0.5s }'))).toMatchObject({ value: 0.995, met: true, scenario: 'one' });
        const spared = await objective(system('scenario one { duration 100s fail kv at 10s for 10s }'));
        // No scenario fails any of f's requests: no worst, no objective judged.
        expect(spared).toBeUndefined();
    });

    it('judges flows without an availability objective on nothing', async () => {
        const report = analyticReport(await model(system('scenario one { duration 100s fail api at 10s for 10s }')));
        expect(report.flows.g.objectives).toBeUndefined();
        expect(analyticReport(await model(system('scenario one { duration 100s fail api at 10s for 10s }', ''))).flows.f.objectives).toBeUndefined();
    });

    it('under a run\'s own scenario, judges that scenario with no tier', async () => {
        const report = analyticReport(await model(system('scenario one { duration 100s fail api at 10s for 10s } scenario two { duration 100s fail db at 10s for 30s }')), { scenario: 'one' });
        expect(report.flows.f.objectives).toEqual([{ objective: 'availability', target: 0.99, value: 0.9, met: false, scenario: 'one' }]);
        expect(report.scenario).toBe('one');
        // 500/s for 10 s of 100 s, f's half of them failing.
        expect(report.flows.f.failed).toBe(250 * 10);
        expect(report.flows.g.failed).toBe(250 * 10);
        expect(report.availability).toBeCloseTo(0.9, 6);
    });
});

describe('latency objectives', () => {
    it('are judged on the flow\'s distribution, with the tier that adds most to its mean', async () => {
        // M/M/1 at 500 of 1000/s: exponential of rate 500/s; p50 = ln 2 / 500 = 1.386 ms, p99 = ln 100 / 500 = 9.21 ms.
        const report = analyticReport(await model(`system S { workload { rps 500 } client u service api { ${SVC} }
          flow f read p50 1.5ms p99 9ms : u -> api }`));
        const [p50, p99] = report.flows.f.objectives!;
        expect(p50).toMatchObject({ objective: 'p50', target: 1.5, met: true, tier: 'api' });
        expectWithin(p50.value, ms(Math.log(2) / 500), 2e-3, 'p50');
        expect(p99).toMatchObject({ objective: 'p99', target: 9, met: false, tier: 'api' });
        expectWithin(p99.value, ms(Math.log(100) / 500), 2e-3, 'p99');
    });
});
