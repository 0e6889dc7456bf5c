/**
 * The figures of a simulation report that the diagram draws (utilisation, cache hit rates,
 * shard loads), shared by `archlint render --overlay simulation` and the editor's diagram
 * after a Simulate run, and the check a diagram request makes of figures sent to it.
 */
import type { SimulationReport } from '../simulation/report.js';
import type { SimulationOverlay } from './types.js';

/** Most components, caches or partitioned stores an overlay may name; most shards per store. */
const MAX_ENTRIES = 100_000, MAX_SHARDS = 100_000;

/** The overlay of `report`: only the figures the diagram draws. */
export function overlayFromReport(report: Pick<SimulationReport, 'components' | 'caches' | 'shards'>): SimulationOverlay {
    const pick = <T, U>(record: Record<string, T>, map: (value: T) => U) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, map(v)]));
    return {
        components: pick(report.components, (c) => ({ utilisation: c.utilisation })),
        caches: pick(report.caches, (c) => ({ hitRate: c.hitRate })),
        shards: pick(report.shards, (s) => ({ loadRps: s.loadRps })),
    };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function isTable(v: unknown, entry: (e: Record<string, unknown>) => boolean): boolean {
    if (v === undefined) return true;
    if (!isRecord(v)) return false;
    const keys = Object.keys(v);
    return keys.length <= MAX_ENTRIES && keys.every((k) => k.length <= 1_000 && isRecord(v[k]) && entry(v[k] as Record<string, unknown>));
}

/** Whether `v` is a well-formed overlay (finite numbers, bounded sizes). */
export function isSimulationOverlay(v: unknown): v is SimulationOverlay {
    return isRecord(v)
        && isTable(v.components, (c) => c.utilisation === undefined || isNumber(c.utilisation))
        && isTable(v.caches, (c) => isNumber(c.hitRate))
        && isTable(v.shards, (s) => Array.isArray(s.loadRps) && s.loadRps.length <= MAX_SHARDS && s.loadRps.every(isNumber));
}
