/**
 * The simulation driver: resolves a run's settings, steps the engine in slices, and between
 * slices enforces the caps that need the wall clock (events, wall time, memory via in-flight
 * requests), reports progress and honours cancellation. When the window closes, requests
 * already in flight get up to DRAIN_S more simulated seconds to finish (a load tester's
 * graceful stop); whatever is still open then is reported in flight, never as completed.
 * The engine itself stays pure and deterministic.
 */
import type { ArchModel } from '../model/types.js';
import { Engine } from './engine.js';
import { buildReport, type ReportHead, type SimulationReport } from './report.js';
import { resolveRun, type SimulationOptions } from './settings.js';

/** Runs `callback` once this thread's pending tasks have: setImmediate in Node; a browser worker has only timers. */
const soon = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate ?? ((callback: () => void) => setTimeout(callback, 0));

/** Events per slice between wall-clock, progress and cancellation checks. */
const SLICE_EVENTS = 250_000;
/** Simulated seconds after the window in which requests in flight may still finish (k6's default graceful stop). */
export const DRAIN_S = 30;
/** Request ids share an event's 32-bit payload with its kind: the in-flight cap stays below 2^28. */
const MAX_IN_FLIGHT = 1 << 28;

/** Builds a ready engine and the report header for `model` under `options`. */
function prepare(model: ArchModel, options: SimulationOptions = {}): { engine: Engine; head: ReportHead } {
    const run = resolveRun(model, options);
    const engine = new Engine(model, {
        seed: run.seed, rps: run.load.rps, durationS: run.durationS, warmupS: run.warmupS,
        failures: run.scenario?.failures ?? [], spikes: run.scenario?.spikes ?? [],
        maxInFlight: Math.min(MAX_IN_FLIGHT, options.limits?.maxInFlight ?? 500_000),
    });
    return { engine, head: { scenario: run.scenario?.name ?? null, seed: run.seed, durationS: run.durationS, warmupS: run.warmupS, load: run.load } };
}

/** Runs a simulation of `model` to the end of its duration or the first cap; never throws on a model. */
export async function runSimulation(model: ArchModel, options: SimulationOptions = {}): Promise<SimulationReport> {
    const { engine, head } = prepare(model, options);
    const maxEvents = options.limits?.maxEvents ?? 100_000_000;
    const maxWallMs = options.limits?.maxWallMs ?? 60_000;
    const started = performance.now();
    const limitsHit: string[] = engine.program.truncated ? ['routes'] : [];
    let lastYield = started;
    let windowEnd: number | undefined;
    /** Steps the engine to `until` (while `more` holds); false when a cap stopped it. */
    const step = async (until: number, more: () => boolean): Promise<boolean> => {
        while (more()) {
            const budget = Math.min(SLICE_EVENTS, maxEvents - engine.events);
            const done = engine.runUntil(until, budget);
            if (engine.limit) { limitsHit.push(engine.limit); return false; }
            if (done < budget) return true;
            if (engine.events >= maxEvents) { limitsHit.push('events'); return false; }
            const now = performance.now();
            if (now - started > maxWallMs) { limitsHit.push('wallTime'); return false; }
            if (options.signal?.aborted) { limitsHit.push('cancelled'); return false; }
            options.onProgress?.(Math.min(1, engine.now / head.durationS));
            if (now - lastYield > 50) {
                // Let timers, I/O and abort signals in this thread run between slices.
                await new Promise<void>((resolve) => soon(resolve));
                lastYield = performance.now();
            }
        }
        return true;
    };
    if (await step(head.durationS, () => true)) {
        windowEnd = head.durationS;
        await drain(engine, step, head.durationS);
    }
    options.onProgress?.(1);
    return buildReport(engine, head, limitsHit, windowEnd ?? Math.min(engine.now, head.durationS));
}

/** Lets requests in flight at the end of the window finish, for up to DRAIN_S simulated seconds. */
async function drain(engine: Engine, step: (until: number, more: () => boolean) => Promise<boolean>, end: number): Promise<void> {
    // Step in short simulated slices so that the drain stops soon after the last request is done.
    for (let t = end; engine.open > 0 && t < end + DRAIN_S;) {
        t = Math.min(end + DRAIN_S, t + 0.1);
        if (!(await step(t, () => engine.open > 0))) return;
    }
}
