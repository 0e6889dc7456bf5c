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
import { keySpaceOf, workloadSpace } from '../analysis/key-spaces.js';
import { replicationOf, writeServiceScale, type Replication } from '../analysis/replication.js';
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
    /** Where its reads and writes go among its replicas; `copies`: each replica is a pool that applies every write. */
    replication: Replication;
    copies: boolean;
    /** The replica that takes the writes under a single leader, and whether it does now (not from its loss until a failover or its return). */
    leader: number;
    writable: boolean;
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
    /** Of the completions: reads and writes (as each node's `[read]`/`[write]` or its request says). */
    reads: number;
    writes: number;
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
        const replication = replicationOf(c);
        const perReplica = lb !== undefined && units > 1 && !partition;
        const shards = partition ? createShardRouter(partition) : undefined;
        const stationCount = shards?.shards ?? 1;
        const writeScale = writeServiceScale(c);
        const stations = Array.from({ length: stationCount }, (_, shard) => {
            const station = new Station(
                i, units, perReplica || replication.copies, serversPerUnit, service.latency, lb?.algorithm, lb?.mode === 'active_passive', lb?.weights ?? [],
            );
            station.shard = shard;
            station.writeScale = writeScale;
            return station;
        });
        const failover = failoverOf(model, c.name);
        const rt: Runtime = {
            component: c, units, live: units, downSince: 0, downs: new Int32Array(units), balanced: perReplica,
            replication, copies: replication.copies, leader: 0, writable: true,
            detectS: failover?.detectS, readmitS: failover?.readmitS, excluded: false,
            serversPerUnit, stations, router: shards, appServer: false,
            write: cache?.write, invalidateOnWrite: (cache?.invalidation ?? 'on_write') === 'on_write',
            cdnRank: 0, cdnFraction: 0,
            collapse: c.kind === 'proxy' && c.collapsedForwarding ? new Map() : undefined,
            hist: new Histogram(), completions: 0, reads: 0, writes: 0, arrivals: 0, retries: 0, timeouts: 0, failed: 0,
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
        const space = keySpaceOf(model, rt.component) ?? workloadSpace(model);
        const caches = rt.caches as PolicyCache[];
        const reads = readRps();
        if (ttl < Infinity && reads !== undefined && keyCount(space.keys) <= capacity) warmUnderTtl(space, caches, ttl, reads, pinned, rng);
        else warm(space, caches, ttl, pinned, rng);
        return;
    }
    rt.cacheMode = 'analytic';
    const hit = cacheHitModel(model, rt.component, readRps());
    const space = keySpaceOf(model, rt.component) ?? workloadSpace(model);
    const keys = keyCount(space.keys), s = Math.max(0, space.zipf);
    const norm = zipfNorm(keys, s);
    const prob = (key: number) => Math.pow(key, -s) / norm;
    rt.caches = Array.from({ length: instances }, () => new ModelCache(hit.itemHit, prob, rng));
}

/**
 * Fills caches whose every key fits to their steady state under a TTL: an instance holds key k
 * when it was read in the last TTL, which for reads at rate λ (Poisson) happens a share
 * λT / (1 + λT) of the time (a miss, T cached, then a wait of mean 1/λ for the next read), its
 * entry's age then uniform over the TTL. Drawing reads instead would leave the rare keys out
 * and make their first reads of the run cold misses that steady state does not have.
 */
function warmUnderTtl(space: { keys: number | undefined; zipf: number }, caches: PolicyCache[], ttl: number, readRps: number, pinned: boolean, rng: Rng): void {
    const keys = keyCount(space.keys), s = Math.max(0, space.zipf);
    const norm = zipfNorm(keys, s);
    for (let key = 1; key <= keys; key++) {
        const keyRps = readRps * Math.pow(key, -s) / norm;
        const holders = pinned ? [caches[mix32(key) % caches.length]] : caches;
        const rate = pinned ? keyRps : keyRps / caches.length;
        const held = rate * ttl / (1 + rate * ttl);
        for (const cache of holders) if (rng.next() < held) cache.put(key, -rng.next() * ttl, false);
    }
}

/**
 * Fills caches to steady state before time 0 with reads drawn from their key space (two
 * capacities' worth): spread over instances in turn, or by key hash when an ip_hash balancer
 * pins keys to replicas; insertion times spread over the last TTL.
 */
function warm(space: { keys: number | undefined; zipf: number }, caches: PolicyCache[], ttl: number, pinned: boolean, rng: Rng): void {
    const sampler = new ZipfSampler(keyCount(space.keys), Math.max(0, space.zipf));
    const draws = 2 * caches.reduce((n, c) => n + c.capacity, 0);
    for (let i = 0; i < draws; i++) {
        const key = sampler.sample(rng);
        const cache = caches[pinned ? mix32(key) % caches.length : i % caches.length];
        const at = ttl === Infinity ? 0 : -rng.next() * ttl;
        if (!cache.lookup(key, at)) cache.put(key, at, false);
    }
}
