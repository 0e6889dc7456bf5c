/**
 * The `--analytic` report: the simulator's second solver, the same shape as a simulation,
 * from closed forms over the same compiled routes. Offered loads, hit rates and shard shares
 * come from analysis/traffic.ts (the numbers lint uses); stations from stations.ts;
 * end-to-end latency from routes.ts (sojourn distributions convolved along the routes);
 * availability from availability.ts. Flow objectives (`p99 300ms`, `availability 99.9%`) are
 * judged on those: latency at the run's load, with the tier that adds most to the flow's mean
 * time; availability under the run's scenario, or without one over the system's scenarios
 * (the lowest, with its scenario and the component that fails most of the flow's requests).
 * Spikes, timeouts and retries are left to the simulator.
 */
import type { ArchComponent, ArchFlow, ArchModel } from '../../model/types.js';
import { analyseTraffic, shardLoads, type ComponentLoad } from '../../analysis/traffic.js';
import { buildTrafficGraph } from '../../analysis/traffic-graph.js';
import { scatterWidth } from '../../analysis/partition.js';
import { capacityOf } from '../../analysis/service.js';
import { lognormalTail, quantileOf } from '../../analysis/queueing.js';
import type { GridDistribution, Spectrum } from '../../analysis/distribution.js';
import { compileProgram, type Entry } from '../program.js';
import { resolveRun, SimulationError, type SimulationOptions } from '../settings.js';
import { outagesOf } from '../failures.js';
import { DEPTH_POINTS } from '../setup.js';
import { availabilityObjective, latencyObjectives, round, type LatencySummary, type ObjectiveResult, type SimulationReport } from '../report.js';
import { outageEffects, type OutageEffect } from './availability.js';
import { gridMoments, stationsOf, mix, stationGrid, stationTail, type Moments, type StationModel } from './stations.js';
import { routeContributions, routeDistribution, routeFailure, routeMoments, type Failing, type Route } from './routes.js';
import { cacheSpecOf, partitionOf } from '../../model/kinds.js';

/** Programs larger than this get lognormal percentiles from their moments instead of convolved grids. */
const MAX_GRID_NODES = 4096;

/** One entry's latency: its moments and, where computed, its distribution. */
interface EntryTime extends Moments {
    distribution?: GridDistribution;
}

/** An entry's lowest availability over the scenarios: where, and the component failing most of its requests there. */
interface Availability {
    availability: number;
    scenario: string;
    tier?: string;
}

/** The closed-form estimate of `model` under `options` (scenario, duration, load), in the report shape. */
export function analyticReport(model: ArchModel, options: SimulationOptions = {}): SimulationReport {
    const run = resolveRun(model, options);
    const graph = buildTrafficGraph(model);
    const traffic = analyseTraffic(model, graph, { peak: false, load: run.load.factor, rpsOverride: run.baseRps });
    const components = [...model.components.values()];
    const index = new Map(components.map((c, i) => [c.name, i]));
    const program = compileProgram(model, index);
    const stations = stationsOf(model, traffic.loads, run.durationS);
    const hitOf = (c: ArchComponent): number => (c.kind === 'cdn' ? c.hitRatio : traffic.hitRates.get(c.name) ?? 0);
    const route: Route = {
        program, station: (n, write) => { const s = stations[program.comp[n]]; return write ? s.write ?? s : s; },
        hit: (n) => hitOf(components[program.comp[n]]),
        acksWrite: (n) => cacheSpecOf(components[program.comp[n]])?.write === 'write_back',
        scatter: (n) => { const p = partitionOf(components[program.comp[n]]); return p ? scatterWidth(p) : 1; },
        checks: (n) => { const c = components[program.comp[n]]; return c.kind === 'loadbalancer' && c.loadBalancer.healthCheck !== undefined; },
    };
    const effects = outageEffects(model, outagesOf(model, run.scenario?.failures ?? [], index), run.durationS);
    const worst = run.scenario ? undefined : worstScenarios(model, route, index);
    const memo = new Map<string, Moments>();
    const spectra = new Map<string, Spectrum>();
    const flows: SimulationReport['flows'] = {};
    const entries: [number, EntryTime][] = [];
    const timelineFailed = new Float64Array(DEPTH_POINTS);
    const slice = run.durationS / DEPTH_POINTS;
    let totalRps = 0, failedRps = 0;
    for (const entry of program.entries) {
        const m = mix([[entry.readShare, routeMoments(route, entry.node, false, memo)], [1 - entry.readShare, routeMoments(route, entry.node, true, memo)]]);
        const distribution = program.size <= MAX_GRID_NODES ? routeDistribution(route, entry.node, entry.readShare, m, spectra) : undefined;
        // The grid's own moments are exact where the fitted ones are not (the slowest of several calls).
        const time: EntryTime = distribution ? { ...gridMoments(distribution), distribution } : m;
        const rps = entry.share * run.load.rps;
        let failed = 0;
        for (const e of effects) {
            const share = entryFailure(route, entry, e);
            failed += (e.windowS / run.durationS) * share;
            for (let i = 0; i < DEPTH_POINTS; i++) {
                const overlap = Math.min((i + 1) * slice, e.fromS + e.windowS) - Math.max(i * slice, e.fromS);
                if (overlap > 0) timelineFailed[i] += rps * share * (overlap / slice);
            }
        }
        entries.push([rps, time]);
        totalRps += rps;
        failedRps += rps * Math.min(1, failed);
        if (entry.flow < 0) continue;
        const flow = model.flows[entry.flow];
        flows[flow.name] = { throughputRps: round(rps), latencyMs: summary(time), failed: Math.round(rps * Math.min(1, failed) * run.durationS) };
        const objectives = judged(flow, entry, time, route, components, worst?.get(entry) ?? (run.scenario ? { availability: 1 - Math.min(1, failed), scenario: run.scenario.name } : undefined));
        if (objectives.length) flows[flow.name].objectives = objectives;
    }
    const availability = totalRps > 0 ? 1 - failedRps / totalRps : 1;
    const measured = run.durationS - run.warmupS;
    const report: SimulationReport = {
        system: model.name, scenario: run.scenario?.name ?? null, seed: run.seed, durationS: run.durationS, mode: 'analytic',
        requests: {
            offered: Math.round(totalRps * measured), completed: Math.round(totalRps * measured * availability),
            failed: Math.round(totalRps * measured * (1 - availability)), inFlight: 0,
        },
        throughputRps: round(totalRps * availability), availability: round(availability), latencyMs: mixtureSummary(entries),
        flows, components: {}, caches: {}, shards: {}, queues: {}, limitsHit: program.truncated ? ['routes'] : [],
        simulatedS: run.durationS, events: 0, load: { ...run.load, rps: round(run.load.rps) }, warmupS: run.warmupS,
        timeline: {
            offeredRps: Array.from({ length: DEPTH_POINTS }, () => round(totalRps)),
            completedRps: Array.from(timelineFailed, (f) => round(totalRps - f)),
            failedRps: Array.from(timelineFailed, round),
        },
    };
    components.forEach((c, i) => {
        if (c.kind === 'client') return;
        const load = traffic.loads.get(c.name);
        const s = stations[i];
        // A station serves at most its capacity (the rest waits); a queue passes on what its consumers take.
        const served = c.kind === 'queue' ? Math.min(load?.rps ?? 0, consumerCapacity(model, c.name)) : servedRps(model, c, load, s);
        const part = load && load.rps > 0 ? served / load.rps : 0;
        report.components[c.name] = {
            utilisation: round(s.utilisation), throughputRps: round(served), latencyMs: stationSummary(s),
            maxUtilisation: round(s.maxUtilisation), failed: 0,
            callsPerRequest: round(totalRps > 0 ? (load?.rps ?? 0) / totalRps : 0), retries: 0, timeouts: 0,
            readRps: round((load?.readRps ?? 0) * part), writeRps: round((load?.writeRps ?? 0) * part),
        };
        // An overloaded copied store serves at its busiest replica's pace: every replica slows with it.
        if (s.replicaRps) report.components[c.name].replicaRps = s.replicaRps.map((x) => round(s.maxUtilisation > 1 ? x / s.maxUtilisation : x));
        const cache = cacheSpecOf(c);
        if (cache || c.kind === 'cdn') report.caches[c.name] = { hitRate: round(hitOf(c)), lostWrites: 0, collapsed: 0, model: cache ? 'analytic' : 'hit_ratio' };
        if (partitionOf(c) && load) {
            const shards = shardLoads(model, c, load);
            const mean = shards.reduce((a, b) => a + b, 0) / shards.length;
            report.shards[c.name] = { loadRps: shards.map(round), maxOverMean: round(mean > 0 ? Math.max(...shards) / mean : 0) };
        }
        if (c.kind === 'queue') report.queues[c.name] = queueOf(model, c, load, s, run.durationS);
    });
    return report;
}

/** The share of an entry's requests that fail while `failing` holds. */
function entryFailure(route: Route, entry: Entry, failing: Failing): number {
    const f = (write: boolean) => routeFailure(route, entry.node, write, failing);
    return Math.min(1, entry.readShare * f(false) + (1 - entry.readShare) * f(true));
}

/** Each entry's lowest availability over the system's scenarios, the scenario and the component that fails most of its requests there. */
function worstScenarios(model: ArchModel, route: Route, index: Map<string, number>): Map<Entry, Availability> | undefined {
    if (!model.scenarios.length || !model.flows.some((f) => f.objectives.availability !== undefined)) return undefined;
    const components = [...model.components.values()];
    const worst = new Map<Entry, Availability>();
    for (const scenario of model.scenarios) {
        const durationS = runnableDuration(model, scenario.name);
        if (durationS === undefined) continue;
        const effects = outageEffects(model, outagesOf(model, scenario.failures, index), durationS);
        for (const entry of route.program.entries) {
            if (entry.flow < 0 || model.flows[entry.flow].objectives.availability === undefined) continue;
            const failed = Math.min(1, effects.reduce((a, e) => a + (e.windowS / durationS) * entryFailure(route, entry, e), 0));
            if (failed <= (1 - (worst.get(entry)?.availability ?? 1))) continue;
            worst.set(entry, { availability: 1 - failed, scenario: scenario.name, tier: components[mostFailing(route, entry, effects, durationS)]?.name });
        }
    }
    return worst;
}

/** A scenario's duration, or undefined when it cannot be run (no positive duration): it has no requests to judge. */
function runnableDuration(model: ArchModel, scenario: string): number | undefined {
    try {
        return resolveRun(model, { scenario }).durationS;
    } catch (error) {
        if (error instanceof SimulationError) return undefined;
        throw error;
    }
}

/** The component whose outages alone fail the most of an entry's requests during `effects`. */
function mostFailing(route: Route, entry: Entry, effects: OutageEffect[], durationS: number): number {
    const suspects = new Set(effects.flatMap((e) => [...e.reads.keys()].filter((c) => e.reads[c] > 0 || e.writes[c] > 0)));
    let best = -1, bestShare = 0;
    for (const c of suspects) {
        const share = effects.reduce((a, e) => {
            const only = { ...e, reads: onlyAt(e.reads, c), writes: onlyAt(e.writes, c) };
            return a + (e.windowS / durationS) * entryFailure(route, entry, only);
        }, 0);
        if (share > bestShare) [best, bestShare] = [c, share];
    }
    return best;
}

function onlyAt(values: Float64Array, c: number): Float64Array {
    const out = new Float64Array(values.length);
    out[c] = values[c];
    return out;
}

/** A flow's objectives judged on its estimate: latency on its distribution, availability on the scenarios' worst. */
function judged(flow: ArchFlow, entry: Entry, time: EntryTime, route: Route, components: ArchComponent[], availability: Availability | undefined): ObjectiveResult[] {
    const latency = Object.keys(flow.objectives.latencyS).length > 0;
    const tier = latency ? slowestTier(route, entry, components) : undefined;
    const quantile = (q: number) => (time.distribution ? time.distribution.quantile(q) : quantileOf(lognormalTail(time.mean, time.variance), q, time.mean)) * 1000;
    const detail = availability && { scenario: availability.scenario, ...(availability.tier === undefined ? {} : { tier: availability.tier }) };
    return [...(latency ? latencyObjectives(flow, quantile, tier) : []), ...availabilityObjective(flow, availability?.availability, detail)];
}

/** The component that adds most to an entry's mean time. */
function slowestTier(route: Route, entry: Entry, components: ArchComponent[]): string | undefined {
    const total = new Map<number, number>();
    for (const [share, write] of [[entry.readShare, false], [1 - entry.readShare, true]] as const) {
        if (share <= 0) continue;
        for (const [c, t] of routeContributions(route, entry.node, write)) total.set(c, (total.get(c) ?? 0) + share * t);
    }
    let best: number | undefined;
    for (const [c, t] of total) if (t > 0 && (best === undefined || t > total.get(best)!)) best = c;
    return best === undefined ? undefined : components[best].name;
}

/**
 * A queue's depth: growing by (arrivals − consumer capacity) when overloaded, else the mean
 * line of its consumers (depth at end) and its 99.9th percentile (max depth; P(line ≥ n) = C·ρ^n).
 */
function queueOf(model: ArchModel, c: ArchComponent, load: ComponentLoad | undefined, own: StationModel, durationS: number): SimulationReport['queues'][string] {
    const lambda = load?.rps ?? 0;
    const capacity = consumerCapacity(model, c.name);
    const growth = Math.max(0, lambda - capacity);
    const rho = capacity > 0 && Number.isFinite(capacity) ? lambda / capacity : 0;
    const mean = growth > 0 ? 0 : lambda * own.wait;
    const high = growth > 0 || own.waitProb <= 0.001 || rho <= 0 ? mean : Math.log(0.001 / own.waitProb) / Math.log(rho);
    const series = Array.from({ length: DEPTH_POINTS }, (_, i) => Math.round(growth > 0 ? growth * ((i + 1) / DEPTH_POINTS) * durationS : mean));
    const final = series[DEPTH_POINTS - 1];
    return { maxDepth: growth > 0 ? final : Math.ceil(Math.max(mean, high)), deadLettered: 0, depth: final, lost: 0, dropped: 0, depthOverTime: series };
}

/** Requests per second a component completes: its offered load up to its capacity (per shard when partitioned; a copied store up to its busiest replica's). */
function servedRps(model: ArchModel, c: ArchComponent, load: ComponentLoad | undefined, station: StationModel): number {
    if (!load) return 0;
    if (station.replicaRps) return load.rps * (station.maxUtilisation > 1 ? 1 / station.maxUtilisation : 1);
    const capacity = capacityOf(c);
    const parts = partitionOf(c) ? shardLoads(model, c, load) : [load.rps];
    return parts.reduce((a, rps) => a + Math.min(rps, capacity), 0);
}

/** Requests per second the consumers of queue `name` can take (Infinity without a capacity; 0 without consumers). */
function consumerCapacity(model: ArchModel, name: string): number {
    const consumers = model.edges.filter((e) => e.kind === 'consume' && e.from === name).map((e) => model.components.get(e.to)!);
    return consumers.reduce((a, w) => a + capacityOf(w), 0);
}

const ms = (x: number) => round(x * 1000);

/** A station's own summary: exact on a grid where known, else from its tail. */
function stationSummary(s: StationModel): LatencySummary {
    if (!(s.mean > 0)) return { mean: 0, p50: 0, p95: 0, p99: 0 };
    if (s.grid) {
        const d = stationGrid(s, (s.mean * 40) / 8192, 8192);
        return { mean: ms(s.mean), p50: ms(d.quantile(0.5)), p95: ms(d.quantile(0.95)), p99: ms(d.quantile(0.99)) };
    }
    const tail = stationTail(s);
    const q = (p: number) => quantileOf(tail, p, s.mean);
    return { mean: ms(s.mean), p50: ms(q(0.5)), p95: ms(q(0.95)), p99: ms(q(0.99)) };
}

/** One entry's summary: its distribution's percentiles, or a lognormal with its moments. */
function summary(t: EntryTime): LatencySummary {
    return mixtureSummary([[1, t]]);
}

/** Percentiles of a mixture of entries weighted by their rates (bisection on the mixed distribution). */
function mixtureSummary(entries: [number, EntryTime][]): LatencySummary {
    const total = entries.reduce((a, [w]) => a + w, 0);
    const weighted = entries.map(([w, t]): [number, EntryTime] => [total > 0 ? w / total : 1 / entries.length, t]);
    const m = mix(weighted);
    if (!(m.mean > 0)) return { mean: 0, p50: 0, p95: 0, p99: 0 };
    const tails = weighted.map(([w, t]): [number, (x: number) => number] =>
        [w, t.distribution ? (x) => 1 - t.distribution!.cdf(x) : lognormalTail(t.mean, t.variance)]);
    const tail = (x: number) => tails.reduce((a, [w, f]) => a + w * f(x), 0);
    const q = (p: number) => quantileOf(tail, p, m.mean);
    return { mean: ms(m.mean), p50: ms(q(0.5)), p95: ms(q(0.95)), p99: ms(q(0.99)) };
}
