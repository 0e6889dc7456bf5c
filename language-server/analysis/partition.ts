/**
 * Where each key lands in a partitioned store, and the traffic share of every shard. The same
 * router places keys in the simulator, so the hot shard lint reports is the one it measures.
 * Keys are popularity ranks (1 = hottest) placed by a fixed hash; natural keys and list
 * values (country, zip code) are assumed to follow Zipf(1) over the shards.
 */
import type { PartitionScheme, PartitionSpec, Workload } from '../model/types.js';
import { mix32, unitHash } from './hash.js';
import { keyCount, zipfNorm } from './zipf.js';

/** Routes a key to a shard; -1 means the request visits every shard (scatter-gather). */
export interface ShardRouter {
    readonly shards: number;
    /** The shard of one request (round robin deals writes in turn, so this has state). */
    shardOf(key: number, write: boolean): number;
    /** Adds `p`, a key's probability, to `shares` where its requests land on average: what shardOf does over many requests, without its state. */
    addExpected(shares: Float64Array, key: number, write: boolean, p: number): void;
    /** Expected share of each shard for a uniformly random key (reads or writes). */
    keyFraction(write: boolean): Float64Array;
}

/** One scheme's router, which also says where a key lands on average: a shard, or -1 for all of them alike. */
interface SchemeRouter extends ShardRouter {
    expectedShard(key: number, write: boolean): number;
}

/** Fixed seed of the consistent ring, so lint and simulation build the same ring. */
const RING_SEED = 0x9e3779b9;
/** Keys placed one by one before the tail is spread by expected fractions. */
const EXACT_KEYS = 1 << 14;
/** Shards modelled at most (absurd declarations must not exhaust memory). */
export const MAX_SHARDS = 1 << 16;
/** Room for every shard index below a ring point when the two are packed into one number. */
const SHARD_SPAN = MAX_SHARDS;
/** Ring points at most; vnodes are reduced beyond it. */
const MAX_RING_POINTS = 1 << 18;

/** A consistent-hash ring with `vnodes` points per shard, built from a fixed seed. */
export class HashRing {
    private readonly points: Uint32Array;
    private readonly owners: Int32Array;

    constructor(readonly shards: number, readonly vnodes: number, seed = RING_SEED) {
        // Each point packed with its shard as point·2^16 + shard (exact below 2^53), so a native
        // numeric sort orders by point then shard (sorting pairs with a comparator took 0.4 s at 256k points).
        const packed = new Float64Array(shards * vnodes);
        let state = seed >>> 0;
        for (let s = 0, i = 0; s < shards; s++) {
            for (let v = 0; v < vnodes; v++, i++) {
                state = (state + 0x9e3779b9) >>> 0; // splitmix32 stream
                packed[i] = mix32(state) * SHARD_SPAN + s;
            }
        }
        packed.sort();
        this.points = new Uint32Array(packed.length);
        this.owners = new Int32Array(packed.length);
        for (let i = 0; i < packed.length; i++) {
            this.points[i] = Math.floor(packed[i] / SHARD_SPAN);
            this.owners[i] = packed[i] % SHARD_SPAN;
        }
    }

    /** The shard owning hash `h`: the first point clockwise at or after it. */
    lookup(h: number): number {
        const points = this.points;
        let lo = 0, hi = points.length;
        while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (points[mid] < h) lo = mid + 1;
            else hi = mid;
        }
        return this.owners[lo === points.length ? 0 : lo];
    }

    /** The fraction of the hash space each shard owns. */
    arcFractions(): Float64Array {
        const out = new Float64Array(this.shards);
        const p = this.points;
        for (let i = 0; i < p.length; i++) {
            const prev = i === 0 ? p[p.length - 1] - 4294967296 : p[i - 1];
            out[this.owners[i]] += (p[i] - prev) / 4294967296;
        }
        return out;
    }
}

/** The shards modelled for a partition spec: its whole shard count, 1 to MAX_SHARDS. */
export function shardCount(partition: PartitionSpec): number {
    return Math.min(MAX_SHARDS, Math.max(1, Math.floor(partition.shards)));
}

/** Builds the router of a partition spec (composite: outer scheme picks a group, inner spreads in it). */
export function createShardRouter(partition: PartitionSpec): ShardRouter {
    const shards = shardCount(partition);
    const schemes = partition.schemes.length ? partition.schemes : [{ scheme: 'hash' } as PartitionScheme];
    if (schemes.length === 1) return schemeRouter(schemes[0].scheme, shards, partition, 0);
    const groups = groupCount(shards);
    const outer = schemeRouter(schemes[0].scheme, groups, partition, 0);
    const inner = schemeRouter(schemes[1].scheme, shards / groups, partition, 0x5bd1e995);
    const width = shards / groups;
    return {
        shards,
        shardOf(key, write) {
            const g = outer.shardOf(key, write);
            const i = inner.shardOf(key, write);
            return g < 0 || i < 0 ? -1 : g * width + i;
        },
        addExpected(into, key, write, p) {
            const g = outer.expectedShard(key, write), i = inner.expectedShard(key, write);
            // A read scatters to every shard when either level does, as shardOf says; a write dealt in turn by one level spreads over that level.
            if ((g < 0 && i < 0) || (!write && (g < 0 || i < 0))) spreadAll(into, p);
            else if (g < 0) for (let group = 0; group < groups; group++) into[group * width + i] += p / groups;
            else if (i < 0) for (let s = 0; s < width; s++) into[g * width + s] += p / width;
            else into[g * width + i] += p;
        },
        keyFraction(write) {
            const o = outer.keyFraction(write), i = inner.keyFraction(write);
            return Float64Array.from({ length: shards }, (_, s) => o[Math.floor(s / width)] * i[s % width]);
        },
    };
}

/** Traffic fraction per shard (sums to 1): hot keys placed exactly, the tail by expected fractions. */
export function shardShares(partition: PartitionSpec, workload: Workload): number[] {
    const router = createShardRouter(partition);
    const n = router.shards;
    const keys = keyCount(workload.keys);
    const s = Math.max(0, workload.zipf);
    const read = Math.min(1, Math.max(0, workload.readRatio));
    const norm = zipfNorm(keys, s);
    const shares = new Float64Array(n);
    const head = Math.min(keys, EXACT_KEYS);
    let placed = 0;
    for (let k = 1; k <= head; k++) {
        const p = Math.pow(k, -s) / norm;
        placed += p;
        if (read > 0) router.addExpected(shares, k, false, p * read);
        if (read < 1) router.addExpected(shares, k, true, p * (1 - read));
    }
    const tail = Math.max(0, 1 - placed);
    if (tail > 0) {
        const r = router.keyFraction(false), w = router.keyFraction(true);
        for (let i = 0; i < n; i++) shares[i] += tail * (read * r[i] + (1 - read) * w[i]);
    }
    const total = shares.reduce((a, b) => a + b, 0);
    return Array.from(shares, (x) => x / total);
}

/** Shards one read asks: all of them when rows are dealt round robin (no key says where a row is), else 1. */
export function scatterWidth(partition: PartitionSpec): number {
    return partition.schemes.some((s) => s.scheme === 'round_robin') ? shardCount(partition) : 1;
}

/** Fraction of all requests that go to the single hottest key (1 / H(N, s)). */
export function hottestKeyShare(keys: number | undefined, zipf: number): number {
    return 1 / zipfNorm(keyCount(keys), Math.max(0, zipf));
}

/** Adds `p` evenly over every shard of `shares`. */
function spreadAll(shares: Float64Array, p: number): void {
    for (let i = 0; i < shares.length; i++) shares[i] += p / shares.length;
}

/** A scheme's router from its stateless placement (`place`; -1: every shard alike) and, where it has state, its per-request one. */
function withExpected(shards: number, place: (key: number, write: boolean) => number, keyFraction: (write: boolean) => Float64Array, shardOf = place): SchemeRouter {
    return {
        shards, shardOf, keyFraction, expectedShard: place,
        addExpected(into, key, write, p) {
            const shard = place(key, write);
            if (shard < 0) spreadAll(into, p);
            else into[shard] += p;
        },
    };
}

function schemeRouter(scheme: PartitionScheme['scheme'], shards: number, partition: PartitionSpec, salt: number): SchemeRouter {
    const even = Float64Array.from({ length: shards }, () => 1 / shards);
    const hashed = (key: number) => mix32(key ^ salt);
    if (scheme === 'hash' && partition.consistent) {
        const vnodes = Math.max(1, Math.min(Math.floor(partition.vnodes), Math.floor(MAX_RING_POINTS / shards)));
        const ring = new HashRing(shards, vnodes);
        const arcs = ring.arcFractions();
        return withExpected(shards, (key) => ring.lookup(hashed(key)), () => arcs);
    }
    if (scheme === 'hash' || scheme === 'directory') {
        return withExpected(shards, (key) => hashed(key) % shards, () => even);
    }
    if (scheme === 'round_robin') {
        // Reads ask every shard; writes are dealt in turn whatever their key, so on average they too spread evenly.
        let next = 0;
        return withExpected(shards, () => -1, () => even, (_key, write) => (write ? next++ % shards : -1));
    }
    const natural = naturalWeights(shards);
    const cumulative = new Float64Array(shards);
    natural.reduce((sum, w, i) => (cumulative[i] = sum + w), 0);
    const byWeight = (key: number) => {
        const u = unitHash(key ^ salt);
        let lo = 0, hi = shards - 1;
        while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    };
    if (scheme === 'list' || partition.keyTrait === 'natural') {
        return withExpected(shards, byWeight, () => Float64Array.from(natural));
    }
    // range: equal key ranges; a monotonic key puts every new write on the newest shard.
    const newest = Float64Array.from({ length: shards }, (_, i) => (i === shards - 1 ? 1 : 0));
    const monotonic = partition.keyTrait === 'monotonic';
    return withExpected(shards, (key, write) => (monotonic && write ? shards - 1 : Math.floor(unitHash(key ^ salt) * shards)), (write) => (monotonic && write ? newest : even));
}

/** Zipf(1) weights over `n` values: the popularity of natural keys such as countries. */
function naturalWeights(n: number): number[] {
    const raw = Array.from({ length: n }, (_, i) => 1 / (i + 1));
    const total = raw.reduce((a, b) => a + b, 0);
    return raw.map((w) => w / total);
}

/** Outer groups of a composite scheme: the largest divisor of n not above √n. */
function groupCount(n: number): number {
    for (let g = Math.floor(Math.sqrt(n)); g > 1; g--) if (n % g === 0) return g;
    return 1;
}
