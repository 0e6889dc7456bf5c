/**
 * Each component as the estimate sees it: a G/G/c station at its offered load (queueing.ts:
 * Erlang C + Allen–Cunneen, exact for M/M/c), with servers and service times from
 * analysis/service.ts as the simulator has them. Replicas with no balancer share one queue;
 * behind one each replica has its own (round robin smooths arrivals to Erlang-R, least-*
 * behaves close to one shared queue). A single server fed by Poisson arrivals gets its exact
 * sojourn distribution (Pollaczek–Khinchine on a grid); the others their closed-form tail.
 * A queue's consumers show their service only: a message's wait for them is the queue's time.
 */
import type { ArchComponent, ArchModel } from '../../model/types.js';
import { shardLoads, type ComponentLoad } from '../../analysis/traffic.js';
import { erlangC, lognormalTail, stationTime, type ServiceShape, type StationTime } from '../../analysis/queueing.js';
import { GridDistribution, Spectrum, mg1Wait } from '../../analysis/distribution.js';
import { balancerOf } from '../../analysis/failover.js';
import { serviceOf } from '../../analysis/service.js';
import { unitsOf } from '../stations.js';
import { partitionOf } from '../../model/kinds.js';

/** Mean and variance of a time, seconds. */
export interface Moments { mean: number; variance: number }

/** A component's station as the estimate sees it. */
export interface StationModel extends Moments {
    /** P(time > t), where a closed form is known. */
    tail?: (t: number) => number;
    /** The exact distribution on a grid of `size` points `step` apart, where one is known. */
    grid?: (step: number, size: number) => GridDistribution;
    utilisation: number;
    maxUtilisation: number;
    /** Mean wait in line (what a queue feeding this consumer shows as its own time), and the chance to wait. */
    wait: number;
    waitProb: number;
}

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
        const tail = (t: number) => shards.reduce((a, s) => a + (total > 0 ? s.rps / total : 1 / shards.length) * s.time.tail(t), 0);
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
