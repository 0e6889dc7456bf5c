/**
 * Steady-state cache hit rates under independent Zipf requests: Che's approximation for LRU,
 * its FIFO/random analogue (λT / (1 + λT)), static top-C for LFU (perfect LFU: an upper
 * bound; in-cache LFU measures a few points lower), about C/N for MRU (under independent
 * requests MRU keeps every key alike, plus the key just used), and LIFO as LRU (its frozen
 * first C keys are a popularity-weighted sample, like LRU's contents). TTLs (expiry from
 * insertion) cap each key's hit rate at λ·ttl / (1 + λ·ttl). Writes that invalidate
 * (write_around with on_write invalidation) leave a key cached only when its last access was
 * a read: each key's hit rate and occupancy scale by the read ratio. The key space is
 * bucketed (zipf.ts), so a billion keys cost ~2k terms.
 */
import type { CacheSpec, LoadBalancerSpec } from '../model/types.js';
import { keyCount, popularityBuckets, type PopularityBuckets } from './zipf.js';

/** Inputs to a hit-rate estimate: one logical cache and the traffic it sees. */
export interface HitRateInput {
    policy: CacheSpec['eviction'];
    capacityItems: number | undefined;
    keys: number | undefined;
    zipf: number;
    ttlS?: number;
    rps?: number;
    replicas?: number;
    placement?: CacheSpec['placement'];
    balancer?: LoadBalancerSpec['algorithm'];
    /** Share of the cache's accesses that are reads (default 1). */
    readRatio?: number;
    write?: CacheSpec['write'];
    invalidation?: CacheSpec['invalidation'];
}

/** A fitted hit model: the overall rate, and the hit probability of a key by its request probability. */
export interface HitModel {
    hitRate: number;
    /** Hit probability of a key requested with probability `prob` per request (whole key space). */
    itemHit(prob: number): number;
}

/** LRU hit rate by Che's approximation: Σ p_i (1 − e^{−p_i T}) with Σ (1 − e^{−p_i T}) = C. */
export function cheHitRate(capacity: number, keys: number, zipf: number): number {
    return policyModel('lru', capacity, keyCount(keys), zipf, Infinity, 1).hitRate;
}

/** Estimated steady-state hit rate (0..1) of a cache, with placement and balancer effects. */
export function estimateHitRate(input: HitRateInput): number {
    return hitModel(input).hitRate;
}

/** The fitted hit model behind estimateHitRate (the simulator uses it for caches too big to run). */
export function hitModel(input: HitRateInput): HitModel {
    const keys = keyCount(input.keys);
    const replicas = Math.max(1, Math.floor(input.replicas ?? 1));
    const perReplica = input.placement === 'app_server' && replicas > 1;
    // ip_hash pins each key to one replica: r caches of C act as one of r·C. Any other
    // balancer sends every key everywhere: each replica caches the whole key space in C.
    const pinned = perReplica && input.balancer === 'ip_hash';
    const capacity = input.capacityItems === undefined ? Infinity : pinned ? input.capacityItems * replicas : input.capacityItems;
    const rate = input.rps !== undefined && input.rps > 0 ? (perReplica && !pinned ? input.rps / replicas : input.rps) : undefined;
    // Requests during one TTL, per key of probability 1: the TTL in "request" time units.
    const ttlRequests = input.ttlS !== undefined && rate !== undefined ? input.ttlS * rate : Infinity;
    const invalidates = (input.write ?? 'write_around') === 'write_around' && (input.invalidation ?? 'on_write') === 'on_write';
    const kept = invalidates ? Math.min(1, Math.max(0, input.readRatio ?? 1)) : 1;
    return policyModel(input.policy, capacity, keys, input.zipf, ttlRequests, kept);
}

const memo = new Map<string, HitModel>();

function policyModel(policy: CacheSpec['eviction'], capacity: number, keys: number, zipf: number, ttlRequests: number, kept: number): HitModel {
    const id = `${policy}|${capacity}|${keys}|${zipf}|${ttlRequests}|${kept}`;
    let model = memo.get(id);
    if (!model) {
        model = fit(policy, capacity, keys, Math.max(0, zipf), ttlRequests, kept);
        if (memo.size > 256) memo.clear();
        memo.set(id, model);
    }
    return model;
}

function fit(policy: CacheSpec['eviction'], capacity: number, keys: number, zipf: number, ttlRequests: number, kept: number): HitModel {
    if (!(capacity >= 1) || kept === 0) return { hitRate: 0, itemHit: () => 0 };
    const ttl = (p: number) => (ttlRequests === Infinity ? 1 : (p * ttlRequests) / (1 + p * ttlRequests));
    const buckets = popularityBuckets(keys, zipf);
    if (capacity >= keys) return withRate(buckets, (p) => kept * ttl(p));
    switch (policy) {
        case 'lfu': {
            const threshold = topThreshold(buckets, capacity);
            return withRate(buckets, (p) => kept * Math.min(ttl(p), p > threshold.prob ? 1 : p === threshold.prob ? threshold.fraction : 0));
        }
        case 'mru':
            // The slot just used serves an immediate repeat (p); the other C − 1 hold any key alike.
            return withRate(buckets, (p) => kept * Math.min(ttl(p), p + (1 - p) * ((capacity - 1) / keys)));
        case 'fifo':
        case 'random':
            return characteristic(buckets, capacity, (p, t) => kept * Math.min(ttl(p), (p * t) / (1 + p * t)));
        default:
            return characteristic(buckets, capacity, (p, t) => kept * Math.min(ttl(p), -Math.expm1(-p * t)));
    }
}

/** Solves Σ n_b·h(p_b, T) = C for the characteristic time T (in requests), then the hit rate. */
function characteristic(buckets: PopularityBuckets, capacity: number, h: (p: number, t: number) => number): HitModel {
    const occupancy = (t: number) => {
        let sum = 0;
        for (let b = 0; b < buckets.count.length; b++) sum += buckets.count[b] * h(buckets.prob[b], t);
        return sum;
    };
    let hi = capacity;
    let grown = 0;
    while (occupancy(hi) < capacity && grown++ < 200) hi *= 4;
    if (occupancy(hi) < capacity) return withRate(buckets, (p) => h(p, Infinity)); // TTL keeps the cache from filling
    let lo = 0;
    for (let i = 0; i < 60 && hi - lo > hi * 1e-9; i++) {
        const mid = (lo + hi) / 2;
        if (occupancy(mid) < capacity) lo = mid;
        else hi = mid;
    }
    const t = (lo + hi) / 2;
    return withRate(buckets, (p) => h(p, t));
}

/** The request probability at which the C hottest keys end, and the fraction of its bucket kept. */
function topThreshold(buckets: PopularityBuckets, capacity: number): { prob: number; fraction: number } {
    let left = capacity;
    for (let b = 0; b < buckets.count.length; b++) {
        if (buckets.count[b] >= left) return { prob: buckets.prob[b], fraction: left / buckets.count[b] };
        left -= buckets.count[b];
    }
    return { prob: 0, fraction: 1 };
}

function withRate(buckets: PopularityBuckets, itemHit: (p: number) => number): HitModel {
    let hitRate = 0;
    for (let b = 0; b < buckets.count.length; b++) hitRate += buckets.count[b] * buckets.prob[b] * itemHit(buckets.prob[b]);
    return { hitRate: Math.min(1, Math.max(0, hitRate)), itemHit };
}
