/**
 * The `--analytic` report: the same shape as a simulation, from closed forms. Offered loads,
 * hit rates and shard shares come from traffic.ts (the numbers lint uses); each component is
 * a G/G/c station (queueing.ts: Erlang C + Allen–Cunneen) — shared M/M/c without a balancer,
 * per replica behind one (round robin smooths arrivals to Erlang-R, least-* behaves close to
 * one shared queue); end-to-end latency sums the stations along the compiled routes, mixing
 * over choices and cache hits, and its percentiles come from a lognormal with those moments.
 */
import type { ArchComponent, ArchModel } from '../model/types.js';
import { analyseTraffic, shardLoads, type ComponentLoad } from './traffic.js';
import { buildTrafficGraph } from './traffic-graph.js';
import { erlangC, quantileOf, stationTime, type ServiceShape, type StationTime } from './queueing.js';
import { compileProgram, CACHE, CDN, QUEUE, type Program } from '../simulation/program.js';
import { resolveRun, type SimulationOptions } from '../simulation/run.js';
import { outagesOf } from '../simulation/failures.js';
import { unitsOf } from '../simulation/stations.js';
import { DEPTH_POINTS } from '../simulation/setup.js';
import { round, type LatencySummary, type SimulationReport } from '../simulation/report.js';
import { balancerOf, outageEffects } from './availability.js';

/** Mean and variance of a time, seconds. */
interface Moments { mean: number; variance: number }

/** A component's station as the analytic model sees it. */
interface Station extends Moments {
    tail?: (t: number) => number;
    utilisation: number;
    maxUtilisation: number;
    /** Mean wait in line (what a queue feeding this consumer shows as its own time), and the chance to wait. */
    wait: number;
    waitProb: number;
}

const ZERO: Moments = { mean: 0, variance: 0 };
const Z95 = 1.6448536270, Z99 = 2.3263478740;

/** The closed-form estimate of `model` under `options` (scenario, duration, rate), in the report shape. */
export function analyticReport(model: ArchModel, options: SimulationOptions = {}): SimulationReport {
    const run = resolveRun(model, options);
    const graph = buildTrafficGraph(model);
    const traffic = analyseTraffic(model, graph, { peak: false, load: run.load, rpsOverride: run.baseRps });
    const components = [...model.components.values()];
    const index = new Map(components.map((c, i) => [c.name, i]));
    const program = compileProgram(model, index);
    const consumers = new Set(model.edges.filter((e) => e.kind === 'consume').map((e) => e.to));
    const stations = components.map((c) => stationOf(model, c, traffic.loads.get(c.name), run.durationS, consumers.has(c.name)));
    components.forEach((c, i) => {
        // A message's time at a queue is its wait for a consumer (the consumers' line).
        const fed = model.edges.filter((e) => e.kind === 'consume' && e.from === c.name).map((e) => stations[index.get(e.to)!]);
        if (c.kind !== 'queue' || !fed.length) return;
        const wait = Math.max(...fed.map((s) => s.wait));
        const waitProb = Math.max(...fed.map((s) => s.waitProb));
        const theta = wait > 0 ? waitProb / wait : Infinity;
        stations[i] = {
            mean: wait, variance: wait > 0 ? (2 * waitProb) / (theta * theta) - wait * wait : 0,
            tail: (t) => (t <= 0 ? 1 : waitProb * Math.exp(-theta * t)), utilisation: 0, maxUtilisation: 0, wait, waitProb,
        };
    });

    const hitOf = (c: ArchComponent): number => (c.kind === 'cdn' ? c.hitRatio ?? 0 : traffic.hitRates.get(c.name) ?? 0);
    const hit = (n: number): number => hitOf(components[program.comp[n]]);
    const route: Route = {
        program, hit, own: (n) => stations[program.comp[n]],
        acksWrite: (n) => components[program.comp[n]].cache?.write === 'write_back',
    };
    const effects = outageEffects(model, outagesOf(model, run.scenario?.failures ?? [], index), run.durationS);
    const flows: SimulationReport['flows'] = {};
    let total = ZERO, totalRps = 0, failedRps = 0;
    for (const entry of program.entries) {
        const both = (f: (write: boolean) => number) => entry.readShare * f(false) + (1 - entry.readShare) * f(true);
        const m = mix([[entry.readShare, routeMoments(route, entry.node, false)], [1 - entry.readShare, routeMoments(route, entry.node, true)]]);
        const rps = entry.share * run.baseRps * run.load;
        const failed = effects.reduce((a, e) => a + (e.windowS / run.durationS) * both((w) => routeFailure(route, entry.node, w, e.failing)), 0);
        total = mix([[totalRps, total], [rps, m]]);
        totalRps += rps;
        failedRps += rps * Math.min(1, failed);
        if (entry.flow >= 0) flows[model.flows[entry.flow].name] = { throughputRps: round(rps), latencyMs: summary(m), failed: Math.round(rps * Math.min(1, failed) * run.durationS) };
    }
    const availability = totalRps > 0 ? 1 - failedRps / totalRps : 1;
    const report: SimulationReport = {
        system: model.name, scenario: run.scenario?.name ?? null, seed: run.seed, durationS: run.durationS, mode: 'analytic',
        requests: { offered: Math.round(totalRps * run.durationS), completed: Math.round(totalRps * run.durationS * availability), failed: Math.round(totalRps * run.durationS * (1 - availability)) },
        throughputRps: round(totalRps * availability), availability: round(availability), latencyMs: summary(total),
        flows, components: {}, caches: {}, shards: {}, queues: {}, limitsHit: program.truncated ? ['routes'] : [],
        simulatedS: run.durationS, events: 0,
    };
    components.forEach((c, i) => {
        if (c.kind === 'client') return;
        const load = traffic.loads.get(c.name);
        const s = stations[i];
        // A station serves at most its capacity (the rest waits); a queue passes on what its consumers take.
        const served = c.queue ? Math.min(load?.rps ?? 0, consumerCapacity(model, c.name)) : servedRps(model, c, load);
        report.components[c.name] = {
            utilisation: round(s.utilisation), throughputRps: round(served), latencyMs: summary(s, s.tail),
            maxUtilisation: round(s.maxUtilisation), failed: 0,
        };
        if (c.cache || c.kind === 'cdn') report.caches[c.name] = { hitRate: round(hitOf(c)), lostWrites: 0, collapsed: 0, model: c.cache ? 'analytic' : 'hit_ratio' };
        if (c.partition && load) {
            const shards = shardLoads(model, c, load);
            const mean = shards.reduce((a, b) => a + b, 0) / shards.length;
            report.shards[c.name] = { loadRps: shards.map(round), maxOverMean: round(mean > 0 ? Math.max(...shards) / mean : 0) };
        }
        if (c.queue) report.queues[c.name] = queueOf(model, c, load, stations, index, run.durationS);
    });
    return report;
}

/** The station model of one component at its offered load. */
function stationOf(model: ArchModel, c: ArchComponent, load: ComponentLoad | undefined, durationS: number, consumer: boolean): Station {
    const lambda = load?.rps ?? 0;
    const latency = c.latency;
    if (!latency || !(latency.meanS > 0) || c.kind === 'client') return { ...ZERO, utilisation: 0, maxUtilisation: 0, wait: 0, waitProb: 0 };
    const shape: ServiceShape = { meanS: latency.meanS, kind: latency.kind, sigma: latency.kind === 'lognormal' ? latency.sigma : undefined };
    const servers = c.concurrency * c.replicas;
    const serviceOnly = (s: StationTime): Station => {
        // A consumer's line is its queue: the wait shows there, the consumer shows service only.
        const wait = s.mean - shape.meanS;
        const waitProb = s.utilisation >= 1 ? 1 : wait > 0 ? erlangC(servers, lambda * shape.meanS) : 0;
        if (!consumer) return { ...s, maxUtilisation: s.utilisation, wait, waitProb };
        const service = stationTime(0, Infinity, shape);
        return { ...service, utilisation: s.utilisation, maxUtilisation: s.utilisation, wait, waitProb };
    };
    if (c.partition && load) {
        const shards = shardLoads(model, c, load).map((rps) => ({ rps, time: stationTime(rps, servers, shape, { durationS }) }));
        const total = shards.reduce((a, s) => a + s.rps, 0);
        const m = mix(shards.map((s) => [s.rps, s.time] as [number, Moments]));
        const util = shards.reduce((a, s) => a + s.time.utilisation, 0) / shards.length;
        return { ...m, utilisation: util, maxUtilisation: Math.max(...shards.map((s) => s.time.utilisation)), wait: total > 0 ? m.mean - shape.meanS : 0, waitProb: 0 };
    }
    const units = unitsOf(c);
    const lb = balancerOf(model, c.name);
    if (!lb || units <= 1) return serviceOnly(stationTime(lambda, servers, shape, { durationS }));
    const perUnit = servers / units;
    if (lb.mode === 'active_passive') {
        const s = stationTime(lambda, perUnit, shape, { durationS });
        return { ...serviceOnly(s), utilisation: s.utilisation / units, maxUtilisation: s.utilisation };
    }
    switch (lb.algorithm) {
        case 'least_connections': case 'least_response_time': case 'least_bandwidth':
            return serviceOnly(stationTime(lambda, servers, shape, { durationS, shortestOf: units }));
        case 'round_robin': case 'weighted_round_robin':
            return serviceOnly(stationTime(lambda / units, perUnit, shape, { durationS, ca2: 1 / units }));
        default:
            return serviceOnly(stationTime(lambda / units, perUnit, shape, { durationS }));
    }
}

/** The compiled routes with what the analytic model knows of each node. */
interface Route {
    program: Program;
    own(n: number): Moments;
    hit(n: number): number;
    /** Whether a write ends at this node (a write-back cache acknowledges it). */
    acksWrite(n: number): boolean;
}

/** Moments of the time from `node` to the end of its subtree for a read or a write. */
function routeMoments(r: Route, node: number, write: boolean): Moments {
    return sum(r.own(node), after(r, node, write, ZERO, (parts) => mix(parts), (a, b) => sum(a, b), (n) => routeMoments(r, n, write)));
}

/** Probability that a request from `node` on fails, when `failing[c]` of requests through c fail. */
function routeFailure(r: Route, node: number, write: boolean, failing: Float64Array): number {
    const q = failing[r.program.comp[node]];
    const rest = after(r, node, write, 0,
        (parts) => parts.reduce((a, [w, x]) => a + w * x, 0) / Math.max(1e-300, parts.reduce((a, [w]) => a + w, 0)),
        (a, b) => 1 - (1 - a) * (1 - b), (n) => routeFailure(r, n, write, failing));
    return 1 - (1 - q) * (1 - rest);
}

/**
 * Folds what follows `node` for one request: nothing after a queue (messages do not hold
 * the request) or a write a write-back cache acknowledged; one child by weight at a
 * spreader; the synchronous calls in turn otherwise, skipped on a cache or CDN read hit.
 */
function after<T>(r: Route, node: number, write: boolean, none: T, choose: (parts: [number, T][]) => T, then: (a: T, b: T) => T, of: (n: number) => T): T {
    const p = r.program;
    const start = p.childStart[node], count = p.childCount[node];
    const b = p.behaviour[node];
    if (b === QUEUE || (b === CACHE && write && r.acksWrite(node))) return none;
    if (p.choice[node]) {
        const parts: [number, T][] = [];
        for (let k = 0; k < count; k++) parts.push([p.cumWeight[start + k] - (k ? p.cumWeight[start + k - 1] : 0), of(p.children[start + k])]);
        return count ? choose(parts) : none;
    }
    let rest = none;
    for (let k = 0; k < count; k++) if (!p.async[p.children[start + k]]) rest = then(rest, of(p.children[start + k]));
    if ((b === CACHE || b === CDN) && !write) rest = choose([[r.hit(node), none], [1 - r.hit(node), rest]]);
    return rest;
}

/**
 * A queue's depth: growing by (arrivals − consumer capacity) when overloaded, else the mean
 * line of its consumers (depth at end) and its 99.9th percentile (max depth; P(line ≥ n) = C·ρ^n).
 */
function queueOf(model: ArchModel, c: ArchComponent, load: ComponentLoad | undefined, stations: Station[], index: Map<string, number>, durationS: number): SimulationReport['queues'][string] {
    const lambda = load?.rps ?? 0;
    const capacity = consumerCapacity(model, c.name);
    const growth = Math.max(0, lambda - capacity);
    const own = stations[index.get(c.name)!];
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
    const capacity = c.latency && c.latency.meanS > 0 ? (c.concurrency * c.replicas) / c.latency.meanS : Infinity;
    const parts = c.partition ? shardLoads(model, c, load) : [load.rps];
    return parts.reduce((a, rps) => a + Math.min(rps, capacity), 0);
}

/** Requests per second the consumers of queue `name` can take (Infinity without a capacity; 0 without consumers). */
function consumerCapacity(model: ArchModel, name: string): number {
    const consumers = model.edges.filter((e) => e.kind === 'consume' && e.from === name).map((e) => model.components.get(e.to)!);
    return consumers.reduce((a, w) => a + (w.capacityRps ?? Infinity) * w.replicas, 0);
}

function sum(a: Moments, b: Moments): Moments {
    return { mean: a.mean + b.mean, variance: a.variance + b.variance };
}

/** The mixture of weighted parts (weights need not sum to 1). */
function mix(parts: [number, Moments][]): Moments {
    const w = parts.reduce((a, [x]) => a + x, 0);
    if (!(w > 0)) return ZERO;
    let mean = 0, second = 0;
    for (const [x, m] of parts) {
        mean += (x / w) * m.mean;
        second += (x / w) * (m.variance + m.mean * m.mean);
    }
    return { mean, variance: Math.max(0, second - mean * mean) };
}

/** Milliseconds summary: exact tails where a station gives one, else a lognormal with the moments. */
function summary(m: Moments, tail?: (t: number) => number): LatencySummary {
    const ms = (x: number) => round(x * 1000);
    if (!(m.mean > 0)) return { mean: 0, p50: 0, p95: 0, p99: 0 };
    if (tail) {
        const q = (p: number) => quantileOf(tail, p, m.mean);
        return { mean: ms(m.mean), p50: ms(q(0.5)), p95: ms(q(0.95)), p99: ms(q(0.99)) };
    }
    const s2 = Math.log1p(m.variance / (m.mean * m.mean));
    const s = Math.sqrt(s2), mu = Math.log(m.mean) - s2 / 2;
    return { mean: ms(m.mean), p50: ms(Math.exp(mu)), p95: ms(Math.exp(mu + Z95 * s)), p99: ms(Math.exp(mu + Z99 * s)) };
}
