/**
 * A run's settings, shared by the simulation and the estimate: the scenario, duration, seed,
 * warm-up, and the offered load. By default a run offers what the capacity rules judge,
 * `rps × peak`; `load: 'mean'` offers the mean rate, a number multiplies the mean, and a
 * scenario's own `load` (a factor on the mean, language.md) wins over the default.
 */
import type { ArchModel, ArchScenario } from '../model/types.js';

/** Simulated seconds when neither the options nor the scenario give a duration. */
export const DEFAULT_DURATION_S = 60;
/** Seed when neither the options nor the scenario give one: same input, same output. */
export const DEFAULT_SEED = 1;

/** Which load a run offers: the mean rate, the peak (rps × peak), or the mean times a factor. */
export type LoadChoice = 'mean' | 'peak' | number;

/** Hard caps on one run. */
export interface SimulationLimits {
    /** Events processed at most (default 100M). */
    maxEvents?: number;
    /** Wall-clock milliseconds at most (default 60 s). */
    maxWallMs?: number;
    /** Requests in flight at most, the memory cap (default 500k, ~50 MB). */
    maxInFlight?: number;
}

/** How to run a simulation (or the estimate). */
export interface SimulationOptions {
    /** Scenario name: its duration, load, seed, failures and spikes apply. */
    scenario?: string;
    durationS?: number;
    seed?: number;
    /** Mean offered rate replacing `workload.rps` (the load choice still multiplies it). */
    rps?: number;
    /** Offered load: 'peak' by default (or the scenario's load), 'mean', or a factor on the mean. */
    load?: LoadChoice;
    /** Seconds at the start excluded from statistics (default 0; less than the duration). */
    warmupS?: number;
    limits?: SimulationLimits;
    /** Stops the run early; the report then lists 'cancelled'. */
    signal?: AbortSignal;
    /** Called between slices with the fraction of simulated time done (0..1). */
    onProgress?: (fraction: number) => void;
}

/** A run that cannot start: unknown scenario or invalid settings. */
export class SimulationError extends Error {}

/** The offered load of a run, as the report's header states it. */
export interface OfferedLoad {
    /** Where the factor came from. */
    basis: 'mean' | 'peak' | 'factor' | 'scenario';
    /** The factor on the mean rate. */
    factor: number;
    /** Offered requests per second (before spikes). */
    rps: number;
}

/** A run's settings once options, scenario and defaults are combined. */
export interface ResolvedRun {
    scenario: ArchScenario | undefined;
    durationS: number;
    seed: number;
    warmupS: number;
    /** Mean offered rate before the load factor (the override or workload.rps). */
    baseRps: number;
    load: OfferedLoad;
}

/** The scenario named `name`, or undefined; throws SimulationError when the model has none by that name. */
function findScenario(model: ArchModel, name: string | undefined): ArchScenario | undefined {
    if (name === undefined) return undefined;
    const scenario = model.scenarios.find((s) => s.name === name);
    if (!scenario) throw new SimulationError(`system ${model.name} has no scenario ${name}`);
    return scenario;
}

/** Combines options, the scenario and defaults; throws SimulationError on an unknown scenario or bad settings. */
export function resolveRun(model: ArchModel, options: SimulationOptions = {}): ResolvedRun {
    const scenario = findScenario(model, options.scenario);
    const durationS = options.durationS ?? scenario?.durationS ?? DEFAULT_DURATION_S;
    const seed = options.seed ?? scenario?.seed ?? DEFAULT_SEED;
    if (!(durationS > 0) || !Number.isFinite(durationS)) throw new SimulationError(`duration must be a positive number of seconds, got ${durationS}`);
    const warmupS = options.warmupS ?? 0;
    if (!(warmupS >= 0 && warmupS < durationS)) throw new SimulationError(`warm-up must be at least 0 and shorter than the duration (${durationS} s), got ${warmupS}`);
    const declared = options.rps ?? model.workload.rps;
    const baseRps = Number.isFinite(declared) && declared > 0 ? declared : 0;
    const choice = options.load;
    const [basis, factor]: [OfferedLoad['basis'], number] = typeof choice === 'number' ? ['factor', choice]
        : choice === 'mean' ? ['mean', 1]
        : choice === undefined && scenario?.load !== undefined ? ['scenario', scenario.load]
        : ['peak', model.workload.peak];
    if (!(factor >= 0) || !Number.isFinite(factor)) throw new SimulationError(`load must be a factor of 0 or more, got ${factor}`);
    const rps = baseRps * factor;
    return { scenario, durationS, seed, warmupS, baseRps, load: { basis, factor, rps: Number.isFinite(rps) ? rps : 0 } };
}
