/**
 * What a run offers and what it says about itself: by default the load the capacity rules
 * judge (rps × peak), or the mean, a factor, or the scenario's own load; and a run cut short
 * by a cap says how much it simulated and counts the requests it left in flight as not
 * completed, never "availability 100%" over requests that never finished.
 */
import { describe, expect, it } from 'vitest';
import { model } from '../helpers.js';
import { analyse } from '../../language-server/analysis/model-analysis.js';
import { runSimulation } from '../../language-server/simulation/run.js';
import { analyticReport } from '../../language-server/simulation/estimate/report.js';

const master = `system S {
  workload { rps 600 peak 2x }
  client u
  database master { capacity 1000 rps latency 1ms }
  u -> master
  scenario rush { duration 30s load 1.5x }
}`;

describe('offered load', () => {
    it('is rps × peak by default: the simulation shows the utilisation lint judges', async () => {
        const m = await model(master);
        const lint = analyse(m).traffic.loads.get('master')!.utilisation!;
        expect(lint).toBeCloseTo(1.2, 9);
        const report = await runSimulation(m, { durationS: 30, seed: 3 });
        expect(report.load).toEqual({ basis: 'peak', factor: 2, rps: 1200 });
        // Offered 1,200 rps for 30 s (Poisson σ ≈ 190); a master 120% busy serves its 1,000/s.
        expect(Math.abs(report.requests.offered - 36_000)).toBeLessThan(1000);
        expect(report.components.master.utilisation).toBeGreaterThan(0.99);
        expect(analyticReport(m).components.master.utilisation).toBeCloseTo(1.2, 6);
    });

    it('is the mean with load mean, a factor on the mean with a number, the scenario\'s own load in a scenario', async () => {
        const m = await model(master);
        const mean = await runSimulation(m, { durationS: 30, seed: 3, load: 'mean' });
        expect(mean.load).toEqual({ basis: 'mean', factor: 1, rps: 600 });
        expect(Math.abs(mean.components.master.utilisation - 0.6)).toBeLessThan(0.02);
        const half = await runSimulation(m, { durationS: 10, seed: 3, load: 0.5 });
        expect(half.load).toEqual({ basis: 'factor', factor: 0.5, rps: 300 });
        expect(Math.abs(half.requests.offered - 3000)).toBeLessThan(250);
        const rush = await runSimulation(m, { scenario: 'rush', seed: 3 });
        expect(rush.load).toEqual({ basis: 'scenario', factor: 1.5, rps: 900 });
        expect(analyticReport(m, { load: 'mean' }).components.master.utilisation).toBeCloseTo(0.6, 6);
    });
});

describe('a run cut short by a cap', () => {
    it('says what it simulated and counts what never finished as not completed (an absurd rate)', async () => {
        const m = await model(`system S { workload { rps 1000 } client u service api { capacity 1k rps latency 1ms } u -> api }`);
        const report = await runSimulation(m, { rps: 1e12 });
        expect(report.limitsHit).toEqual(['memory']);
        expect(report.simulatedS).toBeLessThan(1e-3);
        const { offered, completed, failed, inFlight } = report.requests;
        expect(offered).toBe(500_000);
        expect(inFlight).toBe(offered - completed - failed);
        expect(inFlight).toBeGreaterThan(490_000);
        expect(report.availability).toBeCloseTo(completed / offered, 6);
        expect(report.availability).toBeLessThan(0.01);
        // The one server was busy all the time it was simulated: never more.
        expect(report.components.api.utilisation).toBeLessThanOrEqual(1);
        expect(report.components.api.utilisation).toBeGreaterThan(0.9);
    });

    it('says how far an event cap let a 60 s run go, and its rates are over that span', async () => {
        const m = await model(`system S { workload { rps 10k } client u service api { capacity 20k rps latency 1ms } u -> api }`);
        const report = await runSimulation(m, { durationS: 60, limits: { maxEvents: 200_000 } });
        expect(report.limitsHit).toEqual(['events']);
        expect(report.durationS).toBe(60);
        // Two events a request (arrival, departure): 100k requests, 10 s of a 10k rps run.
        expect(Math.abs(report.simulatedS - 10)).toBeLessThan(0.5);
        expect(Math.abs(report.throughputRps - 10_000)).toBeLessThan(300);
        expect(report.requests.completed + report.requests.failed + report.requests.inFlight).toBe(report.requests.offered);
        expect(Math.abs(report.components.api.utilisation - 0.5)).toBeLessThan(0.02);
    });

    it('lets requests in flight at the end of a whole run finish, so a healthy run completes everything', async () => {
        const m = await model(`system S { workload { rps 500 } client u service api { capacity 1k rps latency 1ms } u -> api }`);
        const report = await runSimulation(m, { durationS: 20, seed: 8 });
        expect(report.limitsHit).toEqual([]);
        expect(report.requests.inFlight).toBe(0);
        expect(report.requests.completed).toBe(report.requests.offered);
        expect(report.availability).toBe(1);
    });
});
