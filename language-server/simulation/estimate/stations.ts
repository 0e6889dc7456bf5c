/**
 * Each component as the estimate sees it: a G/G/c station at its offered load (queueing.ts:
 * Erlang C + Allen–Cunneen, exact for M/M/c), with servers and service times from
 * analysis/service.ts as the simulator has them. Replicas with no balancer share one queue;
 * behind one each replica has its own (round robin smooths arrivals to Erlang-R, least-*
 * behaves close to one shared queue). A single server fed by Poisson arrivals gets its exact
 * sojourn distribution (Pollaczek–Khinchine on a grid); the others their closed-form tail.
 * A queue's consumers show their service only: a message's wait for them is the queue's time.
 * A store whose replicas each apply every write (analysis/replication.ts) is one station per
 * replica and shard, at the reads that replica serves plus every write of its shard: a read
 * sees the replicas `reads` names, a write its leader (or any replica under multi or none)
 * and then the slowest of its synchronous followers.
 */
import type { ArchComponent, ArchModel } from '../../model/types.js';
import { shardLoads, shardReadWrite, type ComponentLoad } from '../../analysis/traffic.js';
import { readReplicas, replicaRates, replicationOf, servesReads, writeServiceScale, type Replication } from '../../analysis/replication.js';
import { erlangC, lognormalTail, stationTime, type ServiceShape, type StationTime } from '../../analysis/queueing.js';
import { GridDistribution, Spectrum, mg1Wait } from '../../analysis/distribution.js';
import { balancerOf } from '../../analysis/failover.js';
import { serviceOf } from '../../analysis/service.js';
import { unitsOf } from '../stations.js';
import { partitionOf } from '../../model/kinds.js';

/** Mean and variance of a time, seconds. */
export interface Moments { mean: number; variance: number }

/** A time: its moments, and its tail or its distribution where known. */
export interface TimeModel extends Moments {
    /** P(time > t), where a closed form is known. */
    tail?: (t: number) => number;
    /** The exact distribution on a grid of `size` points `step` apart, where one is known. */
    grid?: (step: number, size: number) => GridDistribution;
}

/** A component's station as the estimate sees it. */
export interface StationModel extends TimeModel {
    utilisation: number;
    maxUtilisation: number;
    /** Mean wait in line (what a queue feeding this consumer shows as its own time), and the chance to wait. */
    wait: number;
    waitProb: number;
    /** Where a write sees other times than a read (a copied store): the write's station. */
    write?: StationModel;
    /** A copied store: operations per second on each replica (leader first), over all shards. */
    replicaRps?: number[];
}

/** Points of a grid (a power of two, for the transform). */
export const GRID_POINTS = 4096;
/** z-score of the quantile 1 − 10⁻⁹ a grid reaches (of a lognormal with the route's moments): the mass beyond is negligible. */
const Z_REACH = 5.997807;

/** A time that is always zero. */
export const ZERO: Moments = { mean: 0, variance: 0 };
const IDLE: StationModel = { ...ZERO, utilisation: 0, maxUtilisation: 0, wait: 0, waitProb: 0 };

/** The stations of every component, queues showing their consumers' wait. */
export function stationsOf(model: ArchModel, loads: ReadonlyMap<string, ComponentLoad>, durationS: number): StationModel[] {
    const components = [...model.components.values()];
    const index = new Map(components.map((c, i) => [c.name, i]));
    const consumers = new Set(model.edges.filter((e) => e.kind === 'consume').map((e) => e.to));
    const stations = components.map((c) => stationOf(model, c, loads.get(c.name), durationS, consumers.has(c.name)));
    components.forEach((c, i) => {
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
    return stations;
}

/** The station model of one component at its offered load. */
function stationOf(model: ArchModel, c: ArchComponent, load: ComponentLoad | undefined, durationS: number, consumer: boolean): StationModel {
    const lambda = load?.rps ?? 0;
    const { servers: perReplica, latency } = serviceOf(c);
    if (!latency || !(latency.meanS > 0) || c.kind === 'client') return IDLE;
    const shape: ServiceShape = { meanS: latency.meanS, kind: latency.kind, sigma: latency.kind === 'lognormal' ? latency.sigma : undefined };
    const servers = perReplica * c.replicas;
    const replication = replicationOf(c);
    if (replication.copies && load) return copiedStation(model, c, load, shape, perReplica, replication, durationS);
    const serviceOnly = (s: StationTime, poisson: boolean, lambdaAt = lambda, serversAt = servers): StationModel => {
        const wait = s.mean - shape.meanS;
        const waitProb = s.utilisation >= 1 ? 1 : wait > 0 ? erlangC(serversAt, lambdaAt * shape.meanS) : 0;
        if (consumer) {
            const service = stationTime(0, Infinity, shape);
            return { ...service, grid: (step, size) => GridDistribution.fromTail(service.tail, step, size), utilisation: s.utilisation, maxUtilisation: s.utilisation, wait, waitProb };
        }
        const exact = poisson && serversAt === 1 && s.utilisation < 1 && shape.kind !== 'exponential' ? pollaczekKhinchine(shape, s.utilisation) : undefined;
        return { ...s, grid: exact, maxUtilisation: s.utilisation, wait, waitProb };
    };
    if (partitionOf(c) && load) {
        const shards = shardLoads(model, c, load).map((rps) => ({ rps, time: stationTime(rps, servers, shape, { durationS }) }));
        const total = shards.reduce((a, s) => a + s.rps, 0);
        const m = mix(shards.map((s) => [s.rps, s.time] as [number, Moments]));
        const util = shards.reduce((a, s) => a + s.time.utilisation, 0) / shards.length;
        const tail = mixtureTail(shards.map((s) => [total > 0 ? s.rps / total : 1 / shards.length, s.time]));
        return { ...m, tail, utilisation: util, maxUtilisation: Math.max(...shards.map((s) => s.time.utilisation)), wait: total > 0 ? m.mean - shape.meanS : 0, waitProb: 0 };
    }
    const units = unitsOf(c);
    const lb = balancerOf(model, c.name);
    if (!lb || units <= 1) return serviceOnly(stationTime(lambda, servers, shape, { durationS }), true);
    const perUnit = servers / units;
    if (lb.mode === 'active_passive') {
        const s = stationTime(lambda, perUnit, shape, { durationS });
        return { ...serviceOnly(s, true, lambda, perUnit), utilisation: s.utilisation / units, maxUtilisation: s.utilisation };
    }
    switch (lb.algorithm) {
        case 'least_connections': case 'least_response_time': case 'least_bandwidth':
            return serviceOnly(stationTime(lambda, servers, shape, { durationS, shortestOf: units }), false);
        case 'round_robin': case 'weighted_round_robin':
            return serviceOnly(stationTime(lambda / units, perUnit, shape, { durationS, ca2: 1 / units }), false, lambda / units, perUnit);
        default:
            return serviceOnly(stationTime(lambda / units, perUnit, shape, { durationS }), true, lambda / units, perUnit);
    }
}

/**
 * A store whose replicas each apply every write: each replica of each shard a station of its
 * own at the reads it serves and all the writes of its shard (its service time the mix of a
 * read's and a write's, `write_capacity` making writes longer); reads mix the replicas that
 * serve them, writes the leader's (any replica's under multi or none) then the slowest of
 * the synchronous followers.
 */
function copiedStation(
    model: ArchModel, c: ArchComponent, load: ComponentLoad, shape: ServiceShape, servers: number, replication: Replication, durationS: number,
): StationModel {
    const { reads, writes } = shardReadWrite(model, c, load);
    const writeMean = shape.meanS * writeServiceScale(c);
    const readers = readReplicas(replication);
    const n = replication.replicas;
    const readParts: [number, StationTime][] = [], writeParts: [number, StationTime][] = [], followerParts: [number, StationTime][] = [];
    const replicaRps = new Array<number>(n).fill(0);
    let busy = 0, peak = 0;
    reads.forEach((shardReads, i) => {
        const rates = replicaRates(replication, shardReads, writes[i]);
        const times = rates.map((rate, r) => {
            const readsOn = servesReads(replication, r) ? shardReads / readers : 0;
            const meanS = rate > 0 ? (readsOn * shape.meanS + writes[i] * writeMean) / rate : shape.meanS;
            busy += servers === Infinity ? 0 : (rate * meanS) / servers;
            replicaRps[r] += rate;
            return stationTime(rate, servers, { ...shape, meanS }, { durationS });
        });
        times.forEach((time, r) => {
            peak = Math.max(peak, time.utilisation);
            if (servesReads(replication, r)) readParts.push([shardReads / readers, time]);
            if (replication.mode !== 'single') writeParts.push([writes[i] / n, time]);
            else if (r > 0) followerParts.push([writes[i], time]);
        });
        if (replication.mode === 'single') writeParts.push([writes[i], times[0]]);
    });
    const utilisation = busy / (reads.length * n);
    const read = mixed(readParts, utilisation, peak);
    const leader = mixed(writeParts, utilisation, peak);
    const write = replication.syncFollowers > 0 ? waitingFor(leader, mixed(followerParts, utilisation, peak), replication.syncFollowers) : leader;
    return { ...read, write, replicaRps };
}

/** The mixture of station times weighted by the traffic each takes (evenly when none takes any). */
function mixed(parts: [number, StationTime][], utilisation: number, maxUtilisation: number): StationModel {
    const total = parts.reduce((a, [w]) => a + w, 0);
    const weighted = parts.map(([w, t]): [number, StationTime] => [total > 0 ? w / total : 1 / parts.length, t]);
    const m = mix(weighted);
    return { ...m, tail: mixtureTail(weighted), utilisation, maxUtilisation, wait: 0, waitProb: 0 };
}

/**
 * P(T > t) of a mixture of station times with weights summing to 1. Flat arrays and a plain
 * loop: a store of 1,000 shards of 3 replicas is 3,000 parts, evaluated at every point of a grid.
 */
function mixtureTail(parts: readonly [number, StationTime][]): (t: number) => number {
    const weights = Float64Array.from(parts, ([w]) => w);
    const tails = parts.map(([, s]) => s.tail);
    return (t) => {
        let sum = 0;
        for (let j = 0; j < tails.length; j++) sum += weights[j] * tails[j](t);
        return sum;
    };
}

/** A write's time: the leader's, then the slowest of `k` synchronous followers applying it. */
function waitingFor(leader: StationModel, follower: StationModel, k: number): StationModel {
    const slowest = slowestOf(follower, k);
    return {
        ...leader, mean: leader.mean + slowest.mean, variance: leader.variance + slowest.variance, tail: undefined,
        grid: (step, size) => Spectrum.of(stationGrid(leader, step, size), size)
            .times(Spectrum.of(stationGrid(follower, step, size).maxOf(k), size)).distribution(step),
    };
}

/** P(T > t) of a station alone: its closed form, else a lognormal with its moments. */
export function stationTail(s: TimeModel): (t: number) => number {
    return s.tail ?? lognormalTail(s.mean, s.variance);
}

/** A station's time on a grid: exact where known, else from its tail. */
export function stationGrid(s: TimeModel, step: number, size: number): GridDistribution {
    if (s.grid) return s.grid(step, size);
    if (!(s.mean > 0)) return GridDistribution.fromTail(() => 0, step, size);
    return GridDistribution.fromTail(stationTail(s), step, size);
}

/** The exact M/G/1 sojourn time (wait by Pollaczek–Khinchine, then service) at utilisation `rho`. */
function pollaczekKhinchine(shape: ServiceShape, rho: number): (step: number, size: number) => GridDistribution {
    const S = shape.meanS;
    const serviceTail = shape.kind === 'const'
        ? (t: number) => (t < S ? 1 : 0)
        : lognormalTail(S, S * S * Math.expm1((shape.sigma ?? 0) ** 2));
    return (step, size) => {
        const wait = mg1Wait(serviceTail, S, rho, step, size);
        const service = GridDistribution.fromTail(serviceTail, step, size);
        return Spectrum.of(wait, size).times(Spectrum.of(service, size)).distribution(step);
    };
}

/** The mixture of weighted parts (weights need not sum to 1). */
export function mix(parts: [number, Moments][]): Moments {
    const w = parts.reduce((a, [x]) => a + x, 0);
    if (!(w > 0)) return ZERO;
    let mean = 0, second = 0;
    for (const [x, m] of parts) {
        mean += (x / w) * m.mean;
        second += (x / w) * (m.variance + m.mean * m.mean);
    }
    return { mean, variance: Math.max(0, second - mean * mean) };
}

/** Where a grid for a time with `moments` must reach: its 1 − 10⁻⁹ quantile under a lognormal fit, at least 8 means. */
export function reachOf(moments: Moments): number {
    const s2 = Math.log1p(moments.variance / Math.max(1e-300, moments.mean * moments.mean));
    return Math.max(Math.exp(Math.log(moments.mean) - s2 / 2 + Z_REACH * Math.sqrt(s2)), 8 * moments.mean);
}

/** Moments of the slowest of `k` independent draws of a time with moments `m` (on a grid of its own, its tail fitted where not known). */
export function slowestOf(m: TimeModel, k: number): Moments {
    if (k <= 1 || !(m.mean > 0)) return { mean: m.mean, variance: m.variance };
    const reach = reachOf(m) * (1 + Math.log(k));
    return gridMoments(stationGrid(m, reach / GRID_POINTS, GRID_POINTS).maxOf(k));
}

/** Mean and variance of a grid distribution. */
export function gridMoments(d: GridDistribution): Moments {
    let mean = 0, second = 0;
    d.mass.forEach((p, i) => {
        const t = i * d.step;
        mean += p * t;
        second += p * t * t;
    });
    return { mean, variance: Math.max(0, second - mean * mean) };
}

