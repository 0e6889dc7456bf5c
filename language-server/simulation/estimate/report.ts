/**
 * The `--analytic` report: the simulator's second solver, the same shape as a simulation,
 * from closed forms over the same compiled routes. Offered loads, hit rates and shard shares
 * come from analysis/traffic.ts (the numbers lint uses); stations from stations.ts;
 * end-to-end latency from routes.ts (sojourn distributions convolved along the routes);
 * availability from availability.ts. Spikes, timeouts and retries are left to the simulator.
 */
import type { ArchComponent, ArchModel } from '../../model/types.js';
import { analyseTraffic, shardLoads, type ComponentLoad } from '../../analysis/traffic.js';
import { buildTrafficGraph } from '../../analysis/traffic-graph.js';
import { scatterWidth } from '../../analysis/partition.js';
import { capacityOf } from '../../analysis/service.js';
import { lognormalTail, quantileOf } from '../../analysis/queueing.js';
import { GridDistribution, type Spectrum } from '../../analysis/distribution.js';
import { compileProgram } from '../program.js';
import { resolveRun, type SimulationOptions } from '../settings.js';
import { outagesOf } from '../failures.js';
import { DEPTH_POINTS } from '../setup.js';
import { round, type LatencySummary, type SimulationReport } from '../report.js';
import { outageEffects } from './availability.js';
import { stationsOf, mix, type Moments, type StationModel } from './stations.js';
import { routeDistribution, routeFailure, routeMoments, stationGrid, stationTail, type Route } from './routes.js';
import { cacheSpecOf, partitionOf } from '../../model/kinds.js';

/** Programs larger than this get lognormal percentiles from their moments instead of convolved grids. */
const MAX_GRID_NODES = 4096;

/** One entry's latency: its moments and, where computed, its distribution. */
interface EntryTime extends Moments {
    distribution?: GridDistribution;
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
        program, station: (n) => stations[program.comp[n]], hit: (n) => hitOf(components[program.comp[n]]),
        acksWrite: (n) => cacheSpecOf(components[program.comp[n]])?.write === 'write_back',
        scatter: (n) => { const p = partitionOf(components[program.comp[n]]); return p ? scatterWidth(p) : 1; },
        checks: (n) => { const c = components[program.comp[n]]; return c.kind === 'loadbalancer' && c.loadBalancer.healthCheck !== undefined; },
    };
    const effects = outageEffects(model, outagesOf(model, run.scenario?.failures ?? [], index), run.durationS);
    const memo = new Map<number, Moments>();
    const spectra = new Map<string, Spectrum>();
    const flows: SimulationReport['flows'] = {};
    const entries: [number, EntryTime][] = [];
    const timelineFailed = new Float64Array(DEPTH_POINTS);
    const slice = run.durationS / DEPTH_POINTS;
    let totalRps = 0, failedRps = 0;
    for (const entry of program.entries) {
        const both = (f: (write: boolean) => number) => entry.readShare * f(false) + (1 - entry.readShare) * f(true);
        const m = mix([[entry.readShare, routeMoments(route, entry.node, false, memo)], [1 - entry.readShare, routeMoments(route, entry.node, true, memo)]]);
        const time: EntryTime = program.size <= MAX_GRID_NODES ? { ...m, distribution: routeDistribution(route, entry.node, entry.readShare, m, spectra) } : m;
        const rps = entry.share * run.load.rps;
        let failed = 0;
        for (const e of effects) {
            const share = Math.min(1, both((w) => routeFailure(route, entry.node, w, e.failing, e.excluded)));
            failed += (e.windowS / run.durationS) * share;
            for (let i = 0; i < DEPTH_POINTS; i++) {
                const overlap = Math.min((i + 1) * slice, e.fromS + e.windowS) - Math.max(i * slice, e.fromS);
                if (overlap > 0) timelineFailed[i] += rps * share * (overlap / slice);
            }
        }
        entries.push([rps, time]);
        totalRps += rps;
        failedRps += rps * Math.min(1, failed);
        if (entry.flow >= 0) flows[model.flows[entry.flow].name] = { throughputRps: round(rps), latencyMs: summary(time), failed: Math.round(rps * Math.min(1, failed) * run.durationS) };
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
        const served = c.kind === 'queue' ? Math.min(load?.rps ?? 0, consumerCapacity(model, c.name)) : servedRps(model, c, load);
        report.components[c.name] = {
            utilisation: round(s.utilisation), throughputRps: round(served), latencyMs: stationSummary(s),
            maxUtilisation: round(s.maxUtilisation), failed: 0,
            callsPerRequest: round(totalRps > 0 ? (load?.rps ?? 0) / totalRps : 0), retries: 0, timeouts: 0,
        };
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

/** Requests per second a component completes: its offered load up to its capacity (per shard when partitioned). */
function servedRps(model: ArchModel, c: ArchComponent, load: ComponentLoad | undefined): number {
    if (!load) return 0;
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
