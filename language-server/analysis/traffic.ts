/**
 * Offered load per component: each source's rate (× peak × load) pushed through the traffic
 * graph. A client or load balancer splits it over what stands behind it, a queue over its
 * consumers by their capacity, a service calls each dependency with all of it, an async call
 * turns it into writes (enqueued messages), and a cache or CDN ends its hits and passes its
 * misses and all writes on, and a read of a round-robin partitioned store asks every shard.
 * v2 (language.md, "Semantics the tools share"): a call's `[xN]` multiplies what flows through
 * it by N and `[P%]` by P; its `[read]`/`[write]` makes it, and what it calls, a read or a
 * write; a request entering a component with another key space is a fresh key there; without
 * flows a store's own `write_ratio` says how much of its traffic writes. Utilisation is load /
 * (replicas × capacity), taken on the busiest shard for a partitioned store; where each
 * replica applies every write, `replication` says what the busiest replica takes. The
 * simulator's analytic mode reads these same numbers.
 */
import type { ArchComponent, ArchModel } from '../model/types.js';
import { buildTrafficGraph, splitWeights, storeWriteShare, type TrafficEdge, type TrafficGraph, type TrafficNode } from './traffic-graph.js';
import { cacheHitModel, isCaching } from './caches.js';
import { scatterWidth } from './partition.js';
import { keySpaceOf, workloadSpace, WORKLOAD_SPACE, type KeySpace } from './key-spaces.js';
import { replicaLoad, replicationOf, type ReplicaLoad } from './replication.js';
import { shardReadWrite, shardLoads } from './shard-loads.js';
import type { HitModel } from './cache-model.js';
import { cacheSpecOf, isStore, partitionOf, ttlOf } from '../model/kinds.js';

/** Single points of failure (cut analysis), exported here with the loads for the simulator. */
export { findSinglePointsOfFailure, type SinglePointOfFailure } from './cuts.js';
export { shardLoads, shardReadWrite } from './shard-loads.js';
export type { ReplicaLoad } from './replication.js';

/** The load offered to one component. */
export interface ComponentLoad {
    /** Requests per second it receives (reads + writes; a scatter read counts once per shard it asks). */
    rps: number;
    /** Reads per second offered (after `[xN]`, `[P%]`, `[read]`/`[write]` and the caches in front). */
    readRps: number;
    /** Writes per second offered (each counted once, however many replicas apply it). */
    writeRps: number;
    /** Reads that reach it after a cache or CDN missed them (their hottest keys were served there). */
    missedReadRps: number;
    /** Requests per second for the single most popular key of its key space (what no partitioning can spread). */
    hotKeyRps: number;
    /** Of hotKeyRps: the hottest key's reads and its writes. */
    hotKeyReadRps: number;
    hotKeyWriteRps: number;
    /** Its busiest shard, for a partitioned store: index (0-based), requests per second and traffic share. */
    busiestShard?: { index: number; rps: number; share: number };
    /** Load over capacity (replicas × capacity; per shard when partitioned); undefined without capacity. */
    utilisation?: number;
    /** A database or store (or a cache or queue that states its leader): reads per replica and writes per shard, against their capacities. */
    replication?: ReplicaLoad;
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

/** Rates in flight along one edge, split by what they are, and the key space their keys belong to. */
interface Flowing { r: number; m: number; w: number; hot: number; space: string | undefined }

const ZERO: Flowing = { r: 0, m: 0, w: 0, hot: 0, space: undefined };
/** The space of a stream merged from streams of different spaces. */
const MIXED = '\u0000mixed';

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
    const hitModels = new Map<string, HitModel>();
    let inflow = propagate(model, graph, scale, (c) => memoHit(hitModels, model, c));
    if ([...hitModels.keys()].some((name) => expires(model.components.get(name)))) {
        // A TTL's effect depends on the read rate the cache sees: refit with the rates just found.
        const reads = new Map<string, number>();
        for (const [node, v] of inflow) reads.set(node.component.name, (reads.get(node.component.name) ?? 0) + v.r + v.m);
        hitModels.clear();
        inflow = propagate(model, graph, scale, (c) => memoHit(hitModels, model, c, reads.get(c.name)));
    }

    const totals = new Map<string, Flowing>();
    for (const [node, v] of inflow) {
        // A read of a round-robin partitioned store asks every shard: one request each.
        const partition = partitionOf(node.component);
        const fanOut = partition ? scatterWidth(partition) : 1;
        const own = writeRatioApplied(model, node.component, v);
        const reached = fanOut === 1 ? own : { ...own, r: own.r * fanOut, m: own.m * fanOut };
        totals.set(node.component.name, add(totals.get(node.component.name) ?? ZERO, reached, 1));
    }
    const loads = new Map<string, ComponentLoad>();
    for (const [name, v] of totals) loads.set(name, loadOf(model, model.components.get(name)!, v));
    const hitRates = new Map([...hitModels].map(([name, hit]) => [name, hit.hitRate]));
    return { loads, hitRates };
}

/** The load of `component` from the traffic `v` that reaches it. */
function loadOf(model: ArchModel, component: ArchComponent, v: Flowing): ComponentLoad {
    const hottest = (keySpaceOf(model, component) ?? workloadSpace(model)).hottest;
    const load: ComponentLoad = {
        rps: v.r + v.m + v.w, readRps: v.r + v.m, writeRps: v.w, missedReadRps: v.m,
        hotKeyRps: v.hot + hottest * v.w, hotKeyReadRps: v.hot, hotKeyWriteRps: hottest * v.w,
    };
    if (partitionOf(component)) load.busiestShard = busiestShard(model, component, load);
    load.utilisation = utilisationOf(component, load);
    if (isStore(component) || replicationOf(component).copies) {
        const shards = shardReadWrite(model, component, load);
        load.replication = replicaLoad(component, shards.reads, shards.writes);
    }
    return load;
}

/** Without flows a store's `write_ratio` sets the share of its own traffic that writes (not what it passes on). */
function writeRatioApplied(model: ArchModel, component: ArchComponent, v: Flowing): Flowing {
    const share = storeWriteShare(model, component);
    if (share === undefined) return v;
    const total = v.r + v.m + v.w, reads = v.r + v.m, keep = total * (1 - share);
    const scale = reads > 0 ? keep / reads : 0;
    return reads > 0
        ? { ...v, r: v.r * scale, m: v.m * scale, hot: v.hot * scale, w: total * share }
        : { ...v, r: keep, hot: keep * (keySpaceOf(model, component) ?? workloadSpace(model)).hottest, w: total * share };
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

function busiestShard(model: ArchModel, component: ArchComponent, load: Pick<ComponentLoad, 'readRps' | 'writeRps' | 'missedReadRps'>): ComponentLoad['busiestShard'] {
    const shards = shardLoads(model, component, load);
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
function propagate(model: ArchModel, graph: TrafficGraph, scale: number, hitOf: (c: ArchComponent) => HitModel): Map<TrafficNode, Flowing> {
    const inflow = new Map<TrafficNode, Flowing>();
    const space = (node: TrafficNode) => keySpaceOf(model, node.component);
    const workload = workloadSpace(model);
    for (const source of graph.sources) {
        const rps = source.share * scale;
        const reads = rps * source.readShare;
        const entered = enter({ r: reads, m: 0, w: rps - reads, hot: reads * workload.hottest, space: workload.id }, space(source.root));
        inflow.set(source.root, add(inflow.get(source.root) ?? ZERO, entered, 1));
    }
    for (const node of graph.order) {
        const v = inflow.get(node);
        if (!v) continue;
        // A cache that ends a path still answers (and misses) reads: fit its hit model too.
        const passed = isCaching(node.component) ? afterCache(v, hitOf(node.component), spaceHottest(model, v)) : v;
        if (node.out.length === 0) continue;
        const weights = splitWeights(node);
        node.out.forEach((edge, i) => {
            const sent = enter(accessed(edge, passed, model), space(edge.to));
            const calls = edge.kind === 'consume' ? 1 : edge.call.count * edge.call.share;
            inflow.set(edge.to, add(inflow.get(edge.to) ?? ZERO, sent, weights[i] * calls));
        });
    }
    return inflow;
}

/** What an edge carries as its callee sees it: an async call enqueues writes; `[read]`/`[write]` recast the rest. */
function accessed(edge: TrafficEdge, v: Flowing, model: ArchModel): Flowing {
    const access = edge.kind === 'async' ? 'write' : edge.kind === 'consume' ? undefined : edge.call.access;
    if (access === 'write') return { r: 0, m: 0, w: v.r + v.m + v.w, hot: 0, space: v.space };
    if (access !== 'read' || v.w === 0) return v;
    return { r: v.r + v.w, m: v.m, w: 0, hot: v.hot + spaceHottest(model, v) * v.w, space: v.space };
}

/** The hottest-key share of the space `v`'s keys belong to (the workload's for a mixed stream). */
function spaceHottest(model: ArchModel, v: Flowing): number {
    if (v.space === undefined || v.space === WORKLOAD_SPACE || v.space === MIXED) return workloadSpace(model).hottest;
    const owner = model.components.get(v.space);
    return (owner && keySpaceOf(model, owner)?.hottest) ?? workloadSpace(model).hottest;
}

/** Traffic entering a component of key space `space`: keys of another space are fresh keys there. */
function enter(v: Flowing, space: KeySpace | undefined): Flowing {
    if (!space || v.space === space.id) return v;
    const reads = v.r + v.m;
    return { r: reads, m: 0, w: v.w, hot: reads * space.hottest, space: space.id };
}

/** What a cache passes on: read misses (now free of the hottest keys it serves) and all writes. */
function afterCache(v: Flowing, hit: HitModel, hottest: number): Flowing {
    const miss = 1 - hit.hitRate;
    return { r: 0, m: (v.r + v.m) * miss, w: v.w, hot: v.hot * (1 - hit.itemHit(hottest)), space: v.space };
}

function add(a: Flowing, b: Flowing, k: number): Flowing {
    const space = a.space === undefined ? b.space : b.space === undefined || a.space === b.space ? a.space : MIXED;
    return { r: a.r + b.r * k, m: a.m + b.m * k, w: a.w + b.w * k, hot: a.hot + b.hot * k, space };
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
