/** A run's settings: options win over the scenario, the scenario over the defaults; bad settings are refused. */
import { describe, expect, it } from 'vitest';
import type { ArchModel, ArchScenario } from '../../language-server/model/types.js';
import { DEFAULT_DURATION_S, DEFAULT_SEED, resolveRun, SimulationError } from '../../language-server/simulation/settings.js';

function scenario(name: string, fields: Partial<ArchScenario> = {}): ArchScenario {
    return { name, failures: [], spikes: [], ...fields } as unknown as ArchScenario; // source is never read here
}

/** A model with only what resolveRun reads: its name, workload and scenarios. */
function stub(rps: number, peak: number, scenarios: ArchScenario[] = []): ArchModel {
    return { name: 'shop', workload: { rps, peak, zipf: 0, readRatio: 1 }, scenarios } as unknown as ArchModel;
}

describe('resolveRun', () => {
    it('without options or scenario: 60 s, seed 1, no warm-up, the peak load rps × peak', () => {
        expect(DEFAULT_DURATION_S).toBe(60);
        expect(DEFAULT_SEED).toBe(1);
        expect(resolveRun(stub(200, 3))).toEqual({
            scenario: undefined, durationS: 60, seed: 1, warmupS: 0, baseRps: 200,
            load: { basis: 'peak', factor: 3, rps: 600 },
        });
    });

    it("takes a scenario's duration, seed and load when the options do not give them", () => {
        const s = scenario('spike', { durationS: 30, seed: 7, load: 1.5 });
        const run = resolveRun(stub(100, 2, [scenario('other', { durationS: 5, seed: 3, load: 9 }), s]), { scenario: 'spike' });
        expect(run.scenario).toBe(s);
        expect([run.durationS, run.seed]).toEqual([30, 7]);
        expect(run.load).toEqual({ basis: 'scenario', factor: 1.5, rps: 150 });
    });

    it("lets the options' duration, seed and load win over the scenario's", () => {
        const m = stub(100, 2, [scenario('spike', { durationS: 30, seed: 7, load: 1.5 })]);
        const run = resolveRun(m, { scenario: 'spike', durationS: 12, seed: 42, load: 'mean' });
        expect([run.durationS, run.seed]).toEqual([12, 42]);
        expect(run.load).toEqual({ basis: 'mean', factor: 1, rps: 100 });
        expect(resolveRun(m, { scenario: 'spike', load: 'peak' }).load).toEqual({ basis: 'peak', factor: 2, rps: 200 });
        expect(resolveRun(m, { scenario: 'spike', load: 0.5 }).load).toEqual({ basis: 'factor', factor: 0.5, rps: 50 });
    });

    it('falls back to the defaults for what a scenario leaves out, and to the peak when it has no load', () => {
        const run = resolveRun(stub(10, 4, [scenario('bare')]), { scenario: 'bare' });
        expect([run.durationS, run.seed, run.warmupS]).toEqual([60, 1, 0]);
        expect(run.load).toEqual({ basis: 'peak', factor: 4, rps: 40 });
    });

    it('refuses a scenario the model does not have', () => {
        expect(() => resolveRun(stub(10, 1, [scenario('a')]), { scenario: 'b' })).toThrow(SimulationError);
        expect(() => resolveRun(stub(10, 1, [scenario('a')]), { scenario: 'b' })).toThrow('system shop has no scenario b');
    });

    it('refuses a duration that is not a positive finite number of seconds', () => {
        for (const durationS of [0, -1, NaN, Infinity]) {
            expect(() => resolveRun(stub(10, 1), { durationS }), String(durationS)).toThrow(SimulationError);
            // The message names the duration, not the warm-up (which a duration of 0 or less would also break).
            expect(() => resolveRun(stub(10, 1), { durationS }), String(durationS)).toThrow(`duration must be a positive number of seconds, got ${durationS}`);
        }
        expect(() => resolveRun(stub(10, 1, [scenario('s', { durationS: 0 })]), { scenario: 's' })).toThrow(SimulationError);
        expect(resolveRun(stub(10, 1), { durationS: 1e-3 }).durationS).toBe(1e-3);
    });

    it('takes a warm-up from 0 up to, not including, the duration', () => {
        expect(resolveRun(stub(10, 1), { durationS: 10, warmupS: 0 }).warmupS).toBe(0);
        expect(resolveRun(stub(10, 1), { durationS: 10, warmupS: 9.5 }).warmupS).toBe(9.5);
        for (const warmupS of [-0.1, 10, 11, NaN]) {
            expect(() => resolveRun(stub(10, 1), { durationS: 10, warmupS }), String(warmupS))
                .toThrow(new SimulationError(`warm-up must be at least 0 and shorter than the duration (10 s), got ${warmupS}`));
        }
    });

    it('offers the rps override times the load factor, and nothing for a rate that is not a positive finite number', () => {
        expect(resolveRun(stub(10, 2), { rps: 50 })).toMatchObject({ baseRps: 50, load: { rps: 100 } });
        for (const rps of [0, -5, NaN, Infinity]) {
            expect(resolveRun(stub(10, 2), { rps }), String(rps)).toMatchObject({ baseRps: 0, load: { rps: 0 } });
            expect(resolveRun(stub(rps, 2)), String(rps)).toMatchObject({ baseRps: 0, load: { rps: 0 } });
        }
    });

    it('takes a load factor of 0 or more and refuses a negative or non-finite one', () => {
        expect(resolveRun(stub(10, 2), { load: 0 }).load).toEqual({ basis: 'factor', factor: 0, rps: 0 });
        for (const load of [-1, NaN, Infinity]) {
            expect(() => resolveRun(stub(10, 2), { load }), String(load)).toThrow(new SimulationError(`load must be a factor of 0 or more, got ${load}`));
        }
        expect(() => resolveRun(stub(10, -1))).toThrow(SimulationError);
        expect(() => resolveRun(stub(10, 1, [scenario('s', { load: -2 })]), { scenario: 's' })).toThrow(SimulationError);
    });

    it('offers 0 when rate × factor overflows to Infinity', () => {
        // 1e300 × 1e10 exceeds the largest double (~1.8e308).
        expect(resolveRun(stub(1e300, 1), { load: 1e10 }).load).toEqual({ basis: 'factor', factor: 1e10, rps: 0 });
    });
});
