/** The simulation driver (run.ts): caps, the drain after the window, progress and the in-flight limit, on small fast models. */
import { describe, expect, it } from 'vitest';
import { model } from '../helpers.js';
import { DRAIN_S, runSimulation } from '../../language-server/simulation/run.js';

/** Requests that take `latency` each, never queued (no capacity: servers without limit). */
const slow = (latency: string, rps = 20) => `system S {
  workload { rps ${rps} }
  client u
  service api { latency ${latency} const }
  u -> api
}`;

describe('runSimulation', () => {
    it('lets requests in flight finish for up to 30 s after the window, and no longer', async () => {
        expect(DRAIN_S).toBe(30);
        // 2 s window, every request takes exactly 31 s: one offered before 1 s ends by 32 s (the drain's end),
        // one offered after 1 s does not. The timeline (60 slices of 1/30 s) says how many were offered after 1 s.
        const m = await model(slow('31s'));
        const r = await runSimulation(m, { durationS: 2, seed: 4, load: 'mean' });
        const late = Math.round(r.timeline.offeredRps.slice(30).reduce((a, b) => a + b, 0) / 30);
        expect(late).toBeGreaterThan(5);
        expect(r.requests.inFlight).toBe(late);
        expect(r.requests.completed).toBe(r.requests.offered - late);
        expect(r.limitsHit).toEqual([]);
        expect(r.simulatedS).toBe(2);
    });

    it('completes every request that ends within the drain (29 s each)', async () => {
        const r = await runSimulation(await model(slow('29s')), { durationS: 2, seed: 4, load: 'mean' });
        expect(r.requests.offered).toBeGreaterThan(10);
        expect([r.requests.inFlight, r.requests.completed]).toEqual([0, r.requests.offered]);
    });

    it('stops at the event cap exactly, and the window covered is where the clock stood', async () => {
        const r = await runSimulation(await model(slow('1ms', 1000)), { durationS: 10, limits: { maxEvents: 1000 }, load: 'mean' });
        expect(r.limitsHit).toEqual(['events']);
        expect(r.events).toBe(1000);
        // Two events a request (arrival, departure) at 1,000 rps: 500 requests, about 0.5 s.
        expect(r.simulatedS).toBeGreaterThan(0.3);
        expect(r.simulatedS).toBeLessThan(0.7);
    });

    it('stops at the event cap during the drain, with the whole window covered', async () => {
        // 1,000 rps of 10 s requests for 0.2 s: ~200 arrivals and no departure in the window; the drain needs ~200 more events.
        const r = await runSimulation(await model(slow('10s', 1000)), { durationS: 0.2, seed: 2, load: 'mean', limits: { maxEvents: 300 } });
        expect(r.limitsHit).toEqual(['events']);
        expect(r.events).toBe(300);
        expect(r.simulatedS).toBe(0.2);
    });

    it('counts slices of 250,000 events: a cap above one slice is still exact, and progress rises to 1', async () => {
        const fractions: number[] = [];
        const r = await runSimulation(await model(slow('1ms', 100_000)), {
            durationS: 10, load: 'mean', limits: { maxEvents: 600_000 }, onProgress: (f) => fractions.push(f),
        });
        expect(r.limitsHit).toEqual(['events']);
        expect(r.events).toBe(600_000);
        // Two full slices report progress (the third stops at the cap), then the end reports 1.
        expect(fractions.length).toBe(3);
        expect(fractions[0]).toBeGreaterThan(0);
        expect(fractions[1]).toBeGreaterThan(fractions[0]);
        expect(fractions[1]).toBeLessThan(1);
        expect(fractions[2]).toBe(1);
        // 125,000 requests a slice at 100,000 rps: 1.25 s of the 10 s.
        expect(Math.abs(fractions[0] - 0.125)).toBeLessThan(0.01);
    });

    it('stops when the signal has aborted, at the end of the first slice', async () => {
        const abort = new AbortController();
        abort.abort();
        const r = await runSimulation(await model(slow('1ms', 100_000)), { durationS: 10, load: 'mean', signal: abort.signal });
        expect(r.limitsHit).toEqual(['cancelled']);
        expect(r.events).toBe(250_000);
    });

    it('stops at the wall-clock cap after a slice', async () => {
        const r = await runSimulation(await model(slow('1ms', 100_000)), { durationS: 10, load: 'mean', limits: { maxWallMs: 0 } });
        expect(r.limitsHit).toEqual(['wallTime']);
        expect(r.events).toBe(250_000);
    });

    it('stops at the in-flight limit it is given (memory)', async () => {
        // 31 s requests at 1,000 rps: the 51st arrival finds 50 in flight.
        const r = await runSimulation(await model(slow('31s', 1000)), { durationS: 1, load: 'mean', limits: { maxInFlight: 50 } });
        expect(r.limitsHit).toEqual(['memory']);
        expect(r.requests.inFlight).toBe(50);
        expect(r.requests.completed).toBe(0);
    });

    it('does not drain a run that a cap stopped', async () => {
        const r = await runSimulation(await model(slow('1s', 1000)), { durationS: 5, load: 'mean', limits: { maxInFlight: 100 } });
        expect(r.limitsHit).toEqual(['memory']);
        // Stopped within the first 0.2 s (100 arrivals, none done before 1 s): nothing completed after.
        expect(r.requests.completed).toBe(0);
        expect(r.simulatedS).toBeLessThan(0.5);
    });
});
