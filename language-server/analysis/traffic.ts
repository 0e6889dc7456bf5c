/**
 * Offered load per component: each source's rate (× peak × load) pushed through the traffic
 * graph. A client or load balancer splits it over what stands behind it, a queue over its
 * consumers by their capacity, a service calls each dependency with all of it, an async call
 * turns it into writes (enqueued messages), and a cache or CDN ends its hits and passes its
 * misses and all writes on, and a read of a round-robin partitioned store asks every shard.
 * Utilisation is load / (replicas × capacity), taken on the busiest shard for a partitioned store. The simulator's analytic mode reads these same numbers.
 */
import type { ArchComponent, ArchModel } from '../model/types.js';
import { buildTrafficGraph, splitWeights, type TrafficGraph, type TrafficNode } from './traffic-graph.js';
import { cacheHitModel, isCaching } from './caches.js';
import { hottestKeyShare, scatterWidth } from './partition.js';
import { cachedShardShares as shardShares } from './shard-shares.js';
import type { HitModel } from './cache-model.js';
import { cacheSpecOf, partitionOf, ttlOf } from '../model/kinds.js';

/** Single points of failure (cut analysis), exported here with the loads for the simulator. */
export { findSinglePointsOfFailure, type SinglePointOfFailure } from './cuts.js';

/** The load offered to one component. */
export interface ComponentLoad {
    /** Requests per second it receives (reads + writes; a scatter read counts once per shard it asks). */
    rps: number;
    readRps: number;
    writeRps: number;
    /** Reads that reach it after a cache or CDN missed them (their hottest keys were served there). */
    missedReadRps: number;
    /** Requests per second for the single most popular key (what no partitioning can spread). */
    hotKeyRps: number;
    /** Its busiest shard, for a partitioned store: index (0-based), requests per second and traffic share. */
    busiestShard?: { index: number; rps: number; share: number };
    /** Load over capacity (replicas × capacity; per shard when partitioned); undefined without capacity. */
    utilisation?: number;
}

/** How to scale the offered load. */
export interface LoadOptions {
    /** Mean workload rate to use instead of `workload.rps`. */
    rpsOverride?: number;
    /** A factor on the rate (a scenario's `load`). Default 1. */
    load?: number;
    /** Whether to apply `workload.peak`. Default true. */
    peak?: boolean;
}

/** Rates in flight along one edge, split by what they are. */
interface Flowing { r: number; m: number; w: number; hot: number }

const ZERO: Flowing = { r: 0, m: 0, w: 0, hot: 0 };

/** Loads and the hit rates behind them. */
export interface TrafficResult {
    loads: Map<string, ComponentLoad>;
    /** Read hit rate (0..1) of each caching component that traffic reaches. */
    hitRates: Map<string, number>;
}

/** Offered load of every component reached by traffic, at `rps × peak` by default. */
export function computeLoads(model: ArchModel, options: LoadOptions = {}): Map<string, ComponentLoad> {
    return analyseTraffic(model, buildTrafficGraph(model), options).loads;
}

/** Loads and hit rates on an already built traffic graph (shared by the cached analysis). */
export function analyseTraffic(model: ArchModel, graph: TrafficGraph, options: LoadOptions = {}): TrafficResult {
    const base = options.rpsOverride ?? model.workload.rps;
    const factor = (options.peak === false ? 1 : model.workload.peak) * (options.load ?? 1);
    const scale = base * factor;
    const pHot = hottestKeyShare(model.workload.keys, model.workload.zipf);

    const hitModels = new Map<string, HitModel>();
    let inflow = propagate(graph, scale, pHot, (c) => memoHit(hitModels, model, c));
    if ([...hitModels.keys()].some((name) => expires(model.components.get(name)))) {
        // A TTL's effect depends on the read rate the cache sees: refit with the rates just found.
        const reads = new Map<string, number>();
        for (const [node, v] of inflow) reads.set(node.component.name, (reads.get(node.component.name) ?? 0) + v.r + v.m);
        hitModels.clear();
        inflow = propagate(graph, scale, pHot, (c) => memoHit(hitModels, model, c, reads.get(c.name)));
    }

    const totals = new Map<string, Flowing>();
    for (const [node, v] of inflow) {
        // A read of a round-robin partitioned store asks every shard: one request each.
        const partition = partitionOf(node.component);
        const fanOut = partition ? scatterWidth(partition) : 1;
        const reached = fanOut === 1 ? v : { ...v, r: v.r * fanOut, m: v.m * fanOut };
        totals.set(node.component.name, add(totals.get(node.component.name) ?? ZERO, reached, 1));
    }
    const loads = new Map<string, ComponentLoad>();
    for (const [name, v] of totals) {
        const component = model.components.get(name)!;
        const load: ComponentLoad = {
            rps: v.r + v.m + v.w, readRps: v.r + v.m, writeRps: v.w, missedReadRps: v.m,
            hotKeyRps: v.hot + pHot * v.w,
        };
        if (partitionOf(component)) load.busiestShard = busiestShard(model, component, v);
        load.utilisation = utilisationOf(component, load);
        loads.set(name, load);
    }
    const hitRates = new Map([...hitModels].map(([name, hit]) => [name, hit.hitRate]));
    return { loads, hitRates };
}

/** Whether a cache's entries expire (`ttl`), so that its hit rate depends on the read rate it sees. */
function expires(cache: ArchComponent | undefined): boolean {
    return cache !== undefined && cacheSpecOf(cache) !== undefined && ttlOf(cache) !== undefined;
}

/** Load over capacity for `load` at `component`; undefined when it has no capacity. */
export function utilisationOf(component: ArchComponent, load: ComponentLoad): number | undefined {
    if (component.capacityRps === undefined || component.kind === 'client') return undefined;
    const capacity = component.capacityRps * component.replicas;
    const rps = load.busiestShard?.rps ?? load.rps;
    return capacity > 0 ? rps / capacity : rps > 0 ? Infinity : 0;
}

/** Per-shard requests per second of a partitioned store under the traffic that reaches it. */
export function shardLoads(model: ArchModel, component: ArchComponent, load: Pick<ComponentLoad, 'readRps' | 'writeRps' | 'missedReadRps'>): number[] {
    const partition = partitionOf(component);
    if (!partition) return [load.readRps + load.writeRps];
    const direct = load.readRps - load.missedReadRps + load.writeRps;
    const skewed = direct > 0
        ? shardShares(partition, { ...model.workload, readRatio: (load.readRps - load.missedReadRps) / direct })
        : [];
    // Misses are spread over the tail of the key space, which is close to uniform.
    const missed = load.missedReadRps > 0 ? shardShares(partition, { ...model.workload, zipf: 0, readRatio: 1 }) : [];
    const n = Math.max(skewed.length, missed.length, 1);
    return Array.from({ length: n }, (_, i) => direct * (skewed[i] ?? 0) + load.missedReadRps * (missed[i] ?? 0));
}

function busiestShard(model: ArchModel, component: ArchComponent, v: Flowing): ComponentLoad['busiestShard'] {
    const shards = shardLoads(model, component, { readRps: v.r + v.m, writeRps: v.w, missedReadRps: v.m });
    let index = 0;
    shards.forEach((rps, i) => { if (rps > shards[index]) index = i; });
    const total = shards.reduce((a, b) => a + b, 0);
    return { index, rps: shards[index], share: total > 0 ? shards[index] / total : 1 / shards.length };
}

function memoHit(memo: Map<string, HitModel>, model: ArchModel, component: ArchComponent, rps?: number): HitModel {
    let hit = memo.get(component.name);
    if (!hit) {
        hit = cacheHitModel(model, component, rps);
        memo.set(component.name, hit);
    }
    return hit;
}

/** Pushes every source's rate through the DAG in topological order; returns each node's inflow. */
function propagate(graph: TrafficGraph, scale: number, pHot: number, hitOf: (c: ArchComponent) => HitModel): Map<TrafficNode, Flowing> {
    const inflow = new Map<TrafficNode, Flowing>();
    for (const source of graph.sources) {
        const rps = source.share * scale;
        const reads = rps * source.readShare;
        inflow.set(source.root, add(inflow.get(source.root) ?? ZERO, { r: reads, m: 0, w: rps - reads, hot: reads * pHot }, 1));
    }
    for (const node of graph.order) {
        const v = inflow.get(node);
        if (!v) continue;
        // A cache that ends a path still answers (and misses) reads: fit its hit model too.
        const passed = isCaching(node.component) ? afterCache(v, hitOf(node.component), pHot) : v;
        if (node.out.length === 0) continue;
        const weights = splitWeights(node);
        node.out.forEach((edge, i) => {
            const sent = edge.kind === 'async' ? { r: 0, m: 0, w: passed.r + passed.m + passed.w, hot: 0 } : passed;
            inflow.set(edge.to, add(inflow.get(edge.to) ?? ZERO, sent, weights[i]));
        });
    }
    return inflow;
}

/** What a cache passes on: read misses (now free of the hottest keys it serves) and all writes. */
function afterCache(v: Flowing, hit: HitModel, pHot: number): Flowing {
    const miss = 1 - hit.hitRate;
    return { r: 0, m: (v.r + v.m) * miss, w: v.w, hot: v.hot * (1 - hit.itemHit(pHot)) };
}

function add(a: Flowing, b: Flowing, k: number): Flowing {
    return { r: a.r + b.r * k, m: a.m + b.m * k, w: a.w + b.w * k, hot: a.hot + b.hot * k };
}

/**
 * Utilisation as the capacity rules judge it: over all replicas, and for a partitioned store
 * over all shards (the mean shard; an uneven busiest shard is hot-shard's finding).
 */
export function capacityUtilisation(component: ArchComponent, load: ComponentLoad): { utilisation: number; capacityRps: number } | undefined {
    if (component.capacityRps === undefined || component.kind === 'client') return undefined;
    const partition = partitionOf(component);
    const shards = partition ? Math.max(1, partition.shards) : 1;
    const capacityRps = component.capacityRps * component.replicas * shards;
    return { utilisation: capacityRps > 0 ? load.rps / capacityRps : load.rps > 0 ? Infinity : 0, capacityRps };
}
