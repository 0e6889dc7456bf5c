/**
 * The simulation driver: resolves a run's settings (scenario, duration, seed, rate), steps
 * the engine in slices, and between slices enforces the caps that need the wall clock
 * (events, wall time, memory via in-flight requests), reports progress and honours
 * cancellation. The engine itself stays pure and deterministic.
 */
import { performance } from 'node:perf_hooks';
import type { ArchModel, ArchScenario } from '../model/types.js';
import { Engine } from './engine.js';
import { buildReport, type SimulationReport } from './report.js';

/** Simulated seconds when neither the options nor the scenario give a duration. */
export const DEFAULT_DURATION_S = 60;
/** Seed when neither the options nor the scenario give one: same input, same output. */
export const DEFAULT_SEED = 1;

/** Hard caps on one run. */
export interface SimulationLimits {
    /** Events processed at most (default 100M). */
    maxEvents?: number;
    /** Wall-clock milliseconds at most (default 60 s). */
    maxWallMs?: number;
    /** Requests in flight at most, the memory cap (default 500k, ~50 MB). */
    maxInFlight?: number;
}

/** How to run a simulation. */
export interface SimulationOptions {
    /** Scenario name: its duration, load, seed and failures apply. */
    scenario?: string;
    durationS?: number;
    seed?: number;
    /** Mean offered rate replacing `workload.rps` (a scenario's load still multiplies it). */
    rps?: number;
    /** Seconds at the start excluded from statistics (default 0). */
    warmupS?: number;
    limits?: SimulationLimits;
    /** Stops the run early; the report then lists 'cancelled'. */
    signal?: AbortSignal;
    /** Called between slices with the fraction of simulated time done (0..1). */
    onProgress?: (fraction: number) => void;
}

/** A run that cannot start: unknown scenario or invalid settings. */
export class SimulationError extends Error {}

/** Events per slice between wall-clock, progress and cancellation checks. */
const SLICE_EVENTS = 250_000;

/** The scenario named `name`, or undefined; throws SimulationError when the model has none by that name. */
export function findScenario(model: ArchModel, name: string | undefined): ArchScenario | undefined {
    if (name === undefined) return undefined;
    const scenario = model.scenarios.find((s) => s.name === name);
    if (!scenario) throw new SimulationError(`system ${model.name} has no scenario ${name}`);
    return scenario;
}

/** A run's settings once options, scenario and defaults are combined. */
export interface ResolvedRun {
    scenario: ArchScenario | undefined;
    durationS: number;
    seed: number;
    /** Mean offered rate before the scenario's load (the override or workload.rps). */
    baseRps: number;
    /** The scenario's load factor (1 without one). */
    load: number;
}

/** Combines options, the scenario and defaults; throws SimulationError on an unknown scenario or bad duration. */
export function resolveRun(model: ArchModel, options: SimulationOptions = {}): ResolvedRun {
    const scenario = findScenario(model, options.scenario);
    const durationS = options.durationS ?? scenario?.durationS ?? DEFAULT_DURATION_S;
    const seed = options.seed ?? scenario?.seed ?? DEFAULT_SEED;
    if (!(durationS > 0) || !Number.isFinite(durationS)) throw new SimulationError(`duration must be a positive number of seconds, got ${durationS}`);
    const baseRps = options.rps ?? model.workload.rps;
    return { scenario, durationS, seed, baseRps: Number.isFinite(baseRps) && baseRps > 0 ? baseRps : 0, load: scenario?.load ?? 1 };
}

/** Builds a ready engine and the report header for `model` under `options`. */
export function prepare(model: ArchModel, options: SimulationOptions = {}): { engine: Engine; head: { scenario: string | null; seed: number; durationS: number } } {
    const run = resolveRun(model, options);
    const rps = run.baseRps * run.load;
    const engine = new Engine(model, {
        seed: run.seed, rps: Number.isFinite(rps) ? rps : 0, durationS: run.durationS,
        warmupS: Math.min(options.warmupS ?? 0, run.durationS / 2),
        failures: run.scenario?.failures ?? [],
        maxInFlight: options.limits?.maxInFlight ?? 500_000,
    });
    return { engine, head: { scenario: run.scenario?.name ?? null, seed: run.seed, durationS: run.durationS } };
}

/** Runs a simulation of `model` to the end of its duration or the first cap; never throws on a model. */
export async function runSimulation(model: ArchModel, options: SimulationOptions = {}): Promise<SimulationReport> {
    const { engine, head } = prepare(model, options);
    const maxEvents = options.limits?.maxEvents ?? 100_000_000;
    const maxWallMs = options.limits?.maxWallMs ?? 60_000;
    const started = performance.now();
    const limitsHit: string[] = engine.program.truncated ? ['routes'] : [];
    let lastYield = started;
    for (;;) {
        const budget = Math.min(SLICE_EVENTS, maxEvents - engine.events);
        const done = engine.runUntil(head.durationS, budget);
        if (engine.limit) { limitsHit.push(engine.limit); break; }
        if (done < budget) break;
        if (engine.events >= maxEvents) { limitsHit.push('events'); break; }
        const now = performance.now();
        if (now - started > maxWallMs) { limitsHit.push('wallTime'); break; }
        if (options.signal?.aborted) { limitsHit.push('cancelled'); break; }
        options.onProgress?.(Math.min(1, engine.now / head.durationS));
        if (now - lastYield > 50) {
            // Let timers, I/O and abort signals in this thread run between slices.
            await new Promise<void>((resolve) => setImmediate(resolve));
            lastYield = performance.now();
        }
    }
    options.onProgress?.(1);
    return buildReport(engine, head, limitsHit);
}
