/**
 * The `archlint simulate` report (cli.md): the contract scripts depend on. Fields are only
 * ever added. Latencies are milliseconds, rates per second; numbers are rounded to 6
 * significant digits so a report is byte-for-byte stable for a seed. Every client request
 * offered in the window is completed, failed, or still in flight when the run ended
 * (`offered = completed + failed + inFlight`); availability counts only the completed.
 */
import type { Engine } from './engine.js';
import type { ArchFlow, Percentile } from '../model/types.js';
import type { Histogram } from './histogram.js';
import type { OfferedLoad } from './settings.js';
import { DEPTH_POINTS } from './setup.js';

/** Mean and percentiles of a latency, in milliseconds. */
export interface LatencySummary { mean: number; p50: number; p95: number; p99: number }

/** One component's figures; every field after `latencyMs` extends cli.md. */
export interface ComponentReport {
    utilisation: number;
    throughputRps: number;
    latencyMs: LatencySummary;
    /** Busiest replica or shard. */
    maxUtilisation: number;
    failed: number;
    /** Calls that reached it per client request offered (retries and fan-out included). */
    callsPerRequest: number;
    /** Calls to it that were retries, and calls to it whose caller gave up at its timeout. */
    retries: number;
    timeouts: number;
    /** Of throughputRps: reads and writes, as each call's `[read]`/`[write]` (or its request) says. */
    readRps: number;
    writeRps: number;
    /** A store whose replicas each apply every write: operations per second on each replica (leader first), reads served and writes applied, over all shards. */
    replicaRps?: number[];
}

/** A flow objective as a run judges it (language.md v2: `p99 300ms`, `availability 99.9%` in the flow's header). */
export interface ObjectiveResult {
    objective: Percentile | 'availability';
    /** Milliseconds for a percentile, a share (0..1) for availability. */
    target: number;
    /** What the run gives, in the same unit. */
    value: number;
    met: boolean;
    /** The estimate's: the component that contributes most (to the flow's mean time, or to its failed requests). */
    tier?: string;
    /** The estimate's availability: the scenario where it is lowest. */
    scenario?: string;
}

/** The quantile each percentile objective names. */
export const QUANTILES: Readonly<Record<Percentile, number>> = { p50: 0.5, p90: 0.9, p95: 0.95, p99: 0.99, p999: 0.999 };

/** The latency objectives of `flow`, judged on its quantiles (`quantileMs(q)`, milliseconds). */
export function latencyObjectives(flow: ArchFlow, quantileMs: (q: number) => number, tier?: string): ObjectiveResult[] {
    return (Object.keys(QUANTILES) as Percentile[]).flatMap((p) => {
        const target = flow.objectives.latencyS[p];
        if (target === undefined) return [];
        const value = round(quantileMs(QUANTILES[p]));
        return [{ objective: p, target: round(target * 1000), value, met: value <= target * 1000, ...(tier === undefined ? {} : { tier }) }];
    });
}

/** The availability objective of `flow` judged on `value` (0..1), if it states one and a value is known. */
export function availabilityObjective(flow: ArchFlow, value: number | undefined, detail: { tier?: string; scenario?: string } = {}): ObjectiveResult[] {
    const target = flow.objectives.availability;
    if (target === undefined || value === undefined) return [];
    return [{ objective: 'availability', target, value: round(value), met: value >= target, ...detail }];
}

/** One cache's figures; `model` says whether its policy ran ('simulated') or the per-key model did. */
export interface CacheReport {
    hitRate: number;
    lostWrites: number;
    collapsed: number;
    model: 'simulated' | 'analytic' | 'hit_ratio';
}

/** One queue's figures; `depthOverTime` is the deepest depth in each of 60 slices of the run. */
export interface QueueReport {
    maxDepth: number;
    deadLettered: number;
    depth: number;
    lost: number;
    dropped: number;
    depthOverTime: number[];
}

/** Client requests per second offered, completed and failed in each of 60 slices of the window. */
export interface TimelineReport {
    offeredRps: number[];
    completedRps: number[];
    failedRps: number[];
}

/** The whole report, shared by simulation and `--analytic`. */
export interface SimulationReport {
    system: string;
    scenario: string | null;
    seed: number;
    durationS: number;
    mode: 'simulation' | 'analytic';
    /** `inFlight`: offered requests neither completed nor failed when the run ended (not completed). */
    requests: { offered: number; completed: number; failed: number; inFlight: number };
    throughputRps: number;
    availability: number;
    latencyMs: LatencySummary;
    /** Per flow; `objectives` where its header states any (judged by this run). */
    flows: Record<string, { throughputRps: number; latencyMs: LatencySummary; failed: number; objectives?: ObjectiveResult[] }>;
    components: Record<string, ComponentReport>;
    caches: Record<string, CacheReport>;
    shards: Record<string, { loadRps: number[]; maxOverMean: number }>;
    queues: Record<string, QueueReport>;
    /** Caps hit: 'events', 'wallTime', 'memory', 'routes', 'cancelled'. Empty when the run completed. */
    limitsHit: string[];
    /** Simulated seconds of the window actually covered (less than durationS when a cap stopped the run). */
    simulatedS: number;
    events: number;
    /** The load offered: its basis (mean, peak, a factor, the scenario's load), the factor on the mean, and the rate. */
    load: OfferedLoad;
    /** Seconds at the start left out of the statistics. */
    warmupS: number;
    timeline: TimelineReport;
}

/** What the report says about the run before its figures. */
export interface ReportHead {
    scenario: string | null;
    seed: number;
    durationS: number;
    warmupS: number;
    load: OfferedLoad;
}

/** Rounds to 6 significant digits; non-finite numbers become 0 (JSON has no Infinity). */
export function round(x: number): number {
    return Number.isFinite(x) ? Number(x.toPrecision(6)) : 0;
}

/** Latency summary of a histogram of seconds. */
export function summarise(h: Histogram): LatencySummary {
    return {
        mean: round(h.mean() * 1000), p50: round(h.percentile(0.5) * 1000),
        p95: round(h.percentile(0.95) * 1000), p99: round(h.percentile(0.99) * 1000),
    };
}

/** The report of an engine's run, whose measured window ended at `windowEnd` (durationS unless a cap stopped it). */
export function buildReport(engine: Engine, head: ReportHead, limitsHit: string[], windowEnd: number): SimulationReport {
    const { model, config } = engine;
    const span = Math.max(windowEnd - config.warmupS, 1e-12);
    // A run stopped early booked service it never gave: take it back out of the busy time.
    const unserved = windowEnd < config.durationS ? engine.bookedAfter(windowEnd) : undefined;
    const completed = engine.hist.count;
    const flows: SimulationReport['flows'] = {};
    model.flows.forEach((flow, i) => {
        const f = engine.flows[i];
        flows[flow.name] = { throughputRps: round(f.hist.count / span), latencyMs: summarise(f.hist), failed: f.failed };
        const finished = f.hist.count + f.failed;
        const objectives = [
            ...(f.hist.count ? latencyObjectives(flow, (q) => f.hist.percentile(q) * 1000) : []),
            ...availabilityObjective(flow, finished ? f.hist.count / finished : undefined),
        ];
        if (objectives.length) flows[flow.name].objectives = objectives;
    });
    const components: SimulationReport['components'] = {};
    const caches: SimulationReport['caches'] = {};
    const shards: SimulationReport['shards'] = {};
    const queues: SimulationReport['queues'] = {};
    for (const rt of engine.runtimes) {
        const c = rt.component;
        if (c.kind === 'client') continue;
        const pools = rt.stations.flatMap((s) => s.pools);
        let busy = 0, capacity = 0, max = 0;
        for (const p of pools) {
            if (!Number.isFinite(p.servers) || rt.stations[0].instant) continue;
            const nominal = rt.balanced || rt.copies ? rt.serversPerUnit : rt.serversPerUnit * rt.units;
            const time = p.busyTime - (unserved?.[p.id] ?? 0);
            busy += time;
            capacity += nominal * span;
            max = Math.max(max, time / (nominal * span));
        }
        components[c.name] = {
            utilisation: round(capacity > 0 ? busy / capacity : 0), throughputRps: round(rt.completions / span),
            latencyMs: summarise(rt.hist), maxUtilisation: round(max), failed: rt.failed,
            callsPerRequest: round(engine.offered ? rt.arrivals / engine.offered : 0), retries: rt.retries, timeouts: rt.timeouts,
            readRps: round(rt.reads / span), writeRps: round(rt.writes / span),
        };
        if (rt.copies) {
            components[c.name].replicaRps = rt.stations[0].pools.map((_, r) =>
                round(rt.stations.reduce((sum, s) => sum + s.pools[r].completions + s.pools[r].applied, 0) / span));
        }
        if (rt.caches || c.kind === 'cdn') {
            const looked = rt.hits + rt.misses;
            caches[c.name] = {
                hitRate: round(looked ? rt.hits / looked : 0), lostWrites: rt.lostWrites, collapsed: rt.collapsed,
                model: rt.cacheMode ?? 'hit_ratio',
            };
        }
        if (rt.router) {
            const load = rt.stations.map((s) => s.pools.reduce((sum, p) => sum + p.completions, 0) / span);
            const mean = load.reduce((a, b) => a + b, 0) / load.length;
            shards[c.name] = { loadRps: load.map(round), maxOverMean: round(mean > 0 ? Math.max(...load) / mean : 0) };
        }
        if (rt.queue) {
            const Q = rt.queue;
            const last = Math.min(DEPTH_POINTS - 1, Math.floor((windowEnd / config.durationS) * DEPTH_POINTS));
            const series = Array.from(Q.series, (d, i) => (i <= Q.lastSlice ? d : i <= last ? Q.endDepth : 0));
            queues[c.name] = {
                maxDepth: Q.maxDepth, deadLettered: Q.deadLettered, depth: Q.endDepth, lost: Q.lost, dropped: Q.dropped,
                depthOverTime: series,
            };
        }
    }
    const slice = config.durationS / DEPTH_POINTS;
    const perSecond = (counts: Float64Array) => Array.from(counts, (n) => round(n / slice));
    return {
        system: model.name, scenario: head.scenario, seed: head.seed, durationS: head.durationS, mode: 'simulation',
        requests: { offered: engine.offered, completed, failed: engine.failed, inFlight: engine.open },
        throughputRps: round(completed / span),
        availability: round(engine.offered ? completed / engine.offered : 1),
        latencyMs: summarise(engine.hist),
        flows, components, caches, shards, queues, limitsHit,
        simulatedS: round(windowEnd), events: engine.events,
        load: { ...head.load, rps: round(head.load.rps) }, warmupS: head.warmupS,
        timeline: { offeredRps: perSecond(engine.timeline.offered), completedRps: perSecond(engine.timeline.completed), failedRps: perSecond(engine.timeline.failed) },
    };
}
