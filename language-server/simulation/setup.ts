/**
 * Builds the per-component runtime of a simulation: stations and pools (servers and service
 * times from analysis/service.ts, so the declared capacity is the simulated one), shard
 * routers, cache instances (run by their real policy when they fit in memory, warmed to
 * steady state before the clock starts; else by the analytic per-key hit model), CDN hit
 * boundaries, queues, and how the balancer in front detects failures.
 */
import type { ArchComponent, ArchModel, CacheSpec, QueueSpec } from '../model/types.js';
import { cacheSpecOf, partitionOf, ttlOf } from '../model/kinds.js';
import { createShardRouter, type ShardRouter } from '../analysis/partition.js';
import { cacheHitModel } from '../analysis/caches.js';
import { computeLoads } from '../analysis/traffic.js';
import { keyCount, zipfNorm, zipfSum } from '../analysis/zipf.js';
import { mix32 } from '../analysis/hash.js';
import { serviceOf } from '../analysis/service.js';
import { balancerOf, failoverOf } from '../analysis/failover.js';
import { CACHE, type Program } from './program.js';
import { Station, unitsOf } from './stations.js';
import { MessageLine } from './message-line.js';
import { ModelCache, PolicyCache, type SimCache } from './cache-sim.js';
import { Histogram } from './histogram.js';
import { ZipfSampler, type Rng } from './random.js';

/** Cache items simulated per component at most; larger caches use the analytic hit model. */
export const MAX_SIMULATED_ITEMS = 1 << 20;
/** Points of a queue's depth-over-time series. */
export const DEPTH_POINTS = 60;

/** A queue's line and counters. */
export interface QueueRuntime {
    line: MessageLine;
    depth: number;
    /** Depth when the measured window closed (or when it last changed inside it). */
    endDepth: number;
    maxDepth: number;
    deadLettered: number;
    lost: number;
    dropped: number;
    /** Deepest depth in each of DEPTH_POINTS equal slices of the run, filled up to `lastSlice`. */
    series: Float64Array;
    lastSlice: number;
    /** Requeues a failed message (false: at most once). */
    redeliver: boolean;
    retries: number;
    deadLetter: number;
    capacity: number;
}

/** What one component does at run time, and what was measured there. */
export interface Runtime {
    component: ArchComponent;
    units: number;
    /** Live replica units (0: the whole component is down), and since when it has been wholly down. */
    live: number;
    downSince: number;
    downs: Int32Array;
    balanced: boolean;
    /** Health check of the balancer in front: seconds from failure to exclusion, and from recovery to readmission. */
    detectS?: number;
    readmitS?: number;
    /** Wholly down and taken out by that health check: the balancer chooses among the others. */
    excluded: boolean;
    serversPerUnit: number;
    /** One station, or one per shard. */
    stations: Station[];
    router?: ShardRouter;
    caches?: SimCache[];
    cacheMode?: 'simulated' | 'analytic';
    appServer: boolean;
    write?: CacheSpec['write'];
    invalidateOnWrite: boolean;
    /** CDN: ranks up to `cdnRank` hit, rank cdnRank + 1 with probability cdnFraction. */
    cdnRank: number;
    cdnFraction: number;
    collapse?: Map<number, number>;
    queue?: QueueRuntime;
    hist: Histogram;
    completions: number;
    /** Calls that reached it (retries included), calls to it that were retries, and calls to it whose caller timed out. */
    arrivals: number;
    retries: number;
    timeouts: number;
    failed: number;
    hits: number;
    misses: number;
    lostWrites: number;
    collapsed: number;
}

/** Inputs that shape the runtime. */
export interface SetupOptions {
    /** The run's workload rate (fits the analytic model of caches too large to simulate). */
    rps: number;
}

/** Builds every component's runtime; `rng` warms the caches. */
export function buildRuntimes(model: ArchModel, program: Program, rng: Rng, options: SetupOptions): Runtime[] {
    const components = [...model.components.values()];
    const index = new Map(components.map((c, i) => [c.name, i]));
    const appTiers = new Map<number, number>();
    const pinned = new Set<number>();
    for (let n = 0; n < program.size; n++) {
        if (program.behaviour[n] !== CACHE || program.parentComp[n] < 0) continue;
        if (cacheSpecOf(components[program.comp[n]])?.placement !== 'app_server') continue;
        const tier = components[program.parentComp[n]];
        appTiers.set(program.comp[n], Math.max(appTiers.get(program.comp[n]) ?? 1, unitsOf(tier)));
        if (balancerOf(model, tier.name)?.algorithm === 'ip_hash') pinned.add(program.comp[n]);
    }
    let loads: ReturnType<typeof computeLoads> | undefined;
    const readRps = (c: ArchComponent) => (loads ??= computeLoads(model, { peak: false, rpsOverride: options.rps, load: 1 })).get(c.name)?.readRps;

    const runtimes = components.map((c, i) => {
        const units = unitsOf(c);
        const lb = balancerOf(model, c.name);
        const service = serviceOf(c);
        const serversPerUnit = (service.servers * c.replicas) / units;
        const partition = partitionOf(c);
        const cache = cacheSpecOf(c);
        const perReplica = lb !== undefined && units > 1 && !partition;
        const shards = partition ? createShardRouter(partition) : undefined;
        const stationCount = shards?.shards ?? 1;
        const stations = Array.from({ length: stationCount }, () => new Station(
            i, units, perReplica, serversPerUnit, service.latency, lb?.algorithm, lb?.mode === 'active_passive', lb?.weights ?? [],
        ));
        const failover = failoverOf(model, c.name);
        const rt: Runtime = {
            component: c, units, live: units, downSince: 0, downs: new Int32Array(units), balanced: perReplica,
            detectS: failover?.detectS, readmitS: failover?.readmitS, excluded: false,
            serversPerUnit, stations, router: shards, appServer: false,
            write: cache?.write, invalidateOnWrite: (cache?.invalidation ?? 'on_write') === 'on_write',
            cdnRank: 0, cdnFraction: 0,
            collapse: c.kind === 'proxy' && c.collapsedForwarding ? new Map() : undefined,
            hist: new Histogram(), completions: 0, arrivals: 0, retries: 0, timeouts: 0, failed: 0,
            hits: 0, misses: 0, lostWrites: 0, collapsed: 0,
        };
        if (c.kind === 'cdn') Object.assign(rt, cdnBoundary(model, c.hitRatio));
        if (cache) buildCaches(model, rt, cache, appTiers.get(i) ?? 1, pinned.has(i), rng, () => readRps(c));
        if (c.kind === 'queue') rt.queue = buildQueue(c.queue, index);
        return rt;
    });
    for (let n = 0; n < program.size; n++) {
        const parent = program.parentComp[n];
        if (program.behaviour[n] === CACHE && parent >= 0 && runtimes[program.comp[n]].appServer) {
            for (const s of runtimes[parent].stations) s.setsReplica = true;
        }
        if (components[program.comp[n]].kind !== 'queue') continue;
        for (let k = 0; k < program.childCount[n]; k++) {
            for (const s of runtimes[program.comp[program.children[program.childStart[n] + k]]].stations) {
                if (!s.sources.includes(program.comp[n])) s.sources.push(program.comp[n]);
            }
        }
    }
    return runtimes;
}

function buildQueue(spec: QueueSpec, index: Map<string, number>): QueueRuntime {
    return {
        line: new MessageLine(), depth: 0, endDepth: 0, maxDepth: 0, deadLettered: 0, lost: 0, dropped: 0,
        series: new Float64Array(DEPTH_POINTS), lastSlice: 0, redeliver: spec.delivery !== 'at_most_once',
        retries: spec.retries, deadLetter: spec.deadLetter === undefined ? -1 : index.get(spec.deadLetter) ?? -1,
        capacity: spec.maxDepth ?? Infinity,
    };
}

/** A CDN serves its most popular objects: the ranks whose Zipf mass makes up its hit ratio. */
function cdnBoundary(model: ArchModel, ratio: number): { cdnRank: number; cdnFraction: number } {
    const keys = keyCount(model.workload.keys);
    const s = Math.max(0, model.workload.zipf);
    const norm = zipfNorm(keys, s);
    let lo = 0, hi = keys;
    while (lo < hi) {
        const mid = Math.floor((lo + hi + 1) / 2);
        if (zipfSum(1, mid, s) / norm <= ratio) lo = mid;
        else hi = mid - 1;
    }
    const rest = ratio - zipfSum(1, lo, s) / norm;
    const next = lo < keys ? Math.pow(lo + 1, -s) / norm : 1;
    return { cdnRank: lo, cdnFraction: Math.min(1, Math.max(0, rest / next)) };
}

function buildCaches(model: ArchModel, rt: Runtime, spec: CacheSpec, tierUnits: number, pinned: boolean, rng: Rng, readRps: () => number | undefined): void {
    rt.appServer = spec.placement === 'app_server';
    const instances = rt.appServer ? Math.max(tierUnits, unitsOf(rt.component)) : 1;
    const capacity = spec.capacityItems;
    const ttl = ttlOf(rt.component) ?? Infinity;
    if (capacity !== undefined && capacity * instances <= MAX_SIMULATED_ITEMS) {
        rt.cacheMode = 'simulated';
        rt.caches = Array.from({ length: instances }, () => new PolicyCache(Math.max(1, Math.floor(capacity)), spec.eviction, ttl, rng));
        warm(model, rt.caches as PolicyCache[], ttl, pinned, rng);
        return;
    }
    rt.cacheMode = 'analytic';
    const hit = cacheHitModel(model, rt.component, readRps());
    const keys = keyCount(model.workload.keys), s = Math.max(0, model.workload.zipf);
    const norm = zipfNorm(keys, s);
    const prob = (key: number) => Math.pow(key, -s) / norm;
    rt.caches = Array.from({ length: instances }, () => new ModelCache(hit.itemHit, prob, rng));
}

/**
 * Fills caches to steady state before time 0 with reads drawn from the workload (two
 * capacities' worth): spread over instances in turn, or by key hash when an ip_hash balancer
 * pins keys to replicas; insertion times spread over the last TTL.
 */
function warm(model: ArchModel, caches: PolicyCache[], ttl: number, pinned: boolean, rng: Rng): void {
    const sampler = new ZipfSampler(keyCount(model.workload.keys), Math.max(0, model.workload.zipf));
    const draws = 2 * caches.reduce((n, c) => n + c.capacity, 0);
    for (let i = 0; i < draws; i++) {
        const key = sampler.sample(rng);
        const cache = caches[pinned ? mix32(key) % caches.length : i % caches.length];
        const at = ttl === Infinity ? 0 : -rng.next() * ttl;
        if (!cache.lookup(key, at)) cache.put(key, at, false);
    }
}
