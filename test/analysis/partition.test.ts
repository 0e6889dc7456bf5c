/**
 * Shard routing (analysis/partition.ts) against routers rebuilt here from their definitions:
 * mod-N over the key's hash, equal ranges of the unit hash, Zipf(1) natural weights, a
 * consistent ring rebuilt from its splitmix32 stream and searched by brute force, and
 * composite groups (largest divisor ≤ √N). Traffic shares are summed key by key. hash.ts
 * (tested apart against an independent fmix32) supplies the hashes.
 */
import { describe, expect, it } from 'vitest';
import { HashRing, MAX_SHARDS, createShardRouter, hottestKeyShare, scatterWidth, shardShares } from '../../language-server/analysis/partition.js';
import { mix32, unitHash } from '../../language-server/analysis/hash.js';
import type { PartitionScheme, PartitionSpec, Workload } from '../../language-server/model/types.js';

const spec = (p: Partial<PartitionSpec>): PartitionSpec => ({ schemes: [{ scheme: 'hash', key: 'id' }], shards: 8, consistent: false, vnodes: 1, ...p });
const schemes = (...names: PartitionScheme['scheme'][]) => names.map((scheme) => ({ scheme, key: 'k' }));
const workload = (w: Partial<Workload>): Workload => ({ rps: 1000, peak: 1, zipf: 0, readRatio: 1, ...w });
const KEYS = Array.from({ length: 2000 }, (_, i) => i * 7919 + 1);
/** Zipf(1) weights of n values: 1/i over H_n. */
const harmonicWeights = (n: number) => {
    let h = 0;
    for (let i = 1; i <= n; i++) h += 1 / i;
    return Array.from({ length: n }, (_, i) => 1 / (i + 1) / h);
};

/** The ring's points rebuilt from their stream: state += 0x9e3779b9, point = mix32(state), shard by shard. */
function ringPoints(shards: number, vnodes: number, seed = 0x9e3779b9): [number, number][] {
    const points: [number, number][] = [];
    let state = seed;
    for (let s = 0; s < shards; s++) for (let v = 0; v < vnodes; v++) points.push([mix32((state = (state + 0x9e3779b9) % 2 ** 32)), s]);
    return points;
}

/** The owner of hash h by brute force: the smallest point at or after h, else the smallest point (wrap round). */
function ringOwner(points: [number, number][], h: number): number {
    const byPoint = (a: [number, number], b: [number, number]) => a[0] - b[0] || a[1] - b[1];
    const after = points.filter(([p]) => p >= h).sort(byPoint);
    return (after.length ? after[0] : [...points].sort(byPoint)[0])[1];
}

describe('HashRing', () => {
    it('gives each hash to the first point clockwise at or after it, wrapping past the top', () => {
        const ring = new HashRing(5, 3);
        const points = ringPoints(5, 3);
        const probes = [0, 1, 2 ** 32 - 1, ...points.map(([p]) => p), ...points.map(([p]) => p + 1), ...KEYS.slice(0, 300).map(mix32)];
        for (const h of probes) expect(ring.lookup(h), `hash ${h}`).toBe(ringOwner(points, h));
    });

    it('owns each arc from the previous point up to its own, the first arc wrapping from the last point', () => {
        const points = ringPoints(4, 2).sort((a, b) => a[0] - b[0]);
        const expected = [0, 0, 0, 0];
        points.forEach(([p, s], i) => (expected[s] += (i === 0 ? p + 2 ** 32 - points[points.length - 1][0] : p - points[i - 1][0]) / 2 ** 32));
        const arcs = new HashRing(4, 2).arcFractions();
        expected.forEach((f, s) => expect(arcs[s]).toBeCloseTo(f, 12));
        expect(arcs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
        expect(new HashRing(3, 2, 12345).lookup(0)).toBe(ringOwner(ringPoints(3, 2, 12345), 0));
    });
});

describe('createShardRouter', () => {
    it('routes hash and directory keys by hash mod N, each shard an equal share', () => {
        for (const scheme of [schemes('hash'), schemes('directory'), []]) {
            const router = createShardRouter(spec({ schemes: scheme, shards: 6 }));
            expect(router.shards).toBe(6);
            for (const key of KEYS) expect(router.shardOf(key, key % 2 === 0)).toBe(mix32(key) % 6);
            expect(Array.from(router.keyFraction(false))).toEqual(Array(6).fill(1 / 6));
        }
    });

    it('models at least 1 and at most MAX_SHARDS whole shards', () => {
        expect(createShardRouter(spec({ shards: 0 })).shards).toBe(1);
        expect(createShardRouter(spec({ shards: 2.7 })).shards).toBe(2);
        expect(createShardRouter(spec({ shards: 1e9 })).shards).toBe(MAX_SHARDS);
        expect(MAX_SHARDS).toBe(65536);
    });

    it('deals round-robin writes in turn and sends every read to all shards', () => {
        const router = createShardRouter(spec({ schemes: schemes('round_robin'), shards: 3 }));
        expect([1, 2, 3, 4, 5, 6, 7].map((k) => router.shardOf(k, true))).toEqual([0, 1, 2, 0, 1, 2, 0]);
        expect(router.shardOf(5, false)).toBe(-1);
        expect(Array.from(router.keyFraction(true))).toEqual([1 / 3, 1 / 3, 1 / 3]);
    });

    it('cuts the unit hash into equal ranges; a monotonic key writes to the newest shard', () => {
        const range = createShardRouter(spec({ schemes: schemes('range'), shards: 5 }));
        for (const key of KEYS) expect(range.shardOf(key, true)).toBe(Math.floor(unitHash(key) * 5));
        expect(Array.from(range.keyFraction(true))).toEqual(Array(5).fill(0.2));
        const monotonic = createShardRouter(spec({ schemes: schemes('range'), shards: 5, keyTrait: 'monotonic' }));
        for (const key of KEYS.slice(0, 50)) {
            expect(monotonic.shardOf(key, true)).toBe(4);
            expect(monotonic.shardOf(key, false)).toBe(Math.floor(unitHash(key) * 5));
        }
        expect(Array.from(monotonic.keyFraction(true))).toEqual([0, 0, 0, 0, 1]);
        expect(Array.from(monotonic.keyFraction(false))).toEqual(Array(5).fill(0.2));
    });

    it('spreads list values and natural keys by Zipf(1) weights 1/i over H_N', () => {
        const weights = harmonicWeights(4);
        const cumulative = weights.map((_, i) => weights.slice(0, i + 1).reduce((a, b) => a + b, 0));
        for (const p of [spec({ schemes: schemes('list'), shards: 4 }), spec({ schemes: schemes('range'), shards: 4, keyTrait: 'natural' })]) {
            const router = createShardRouter(p);
            for (const key of KEYS) {
                const u = unitHash(key);
                expect(router.shardOf(key, false), `key ${key} at ${u}`).toBe(cumulative.findIndex((c) => c > u));
            }
            Array.from(router.keyFraction(false)).forEach((f, i) => expect(f).toBeCloseTo(weights[i], 12));
        }
    });

    it('places keys on a consistent ring of at most 2^18 points, at least one per shard', () => {
        const router = createShardRouter(spec({ shards: 5, consistent: true, vnodes: 3.9 }));
        const points = ringPoints(5, 3);
        for (const key of KEYS.slice(0, 300)) expect(router.shardOf(key, false)).toBe(ringOwner(points, mix32(key)));
        Array.from(router.keyFraction(false)).forEach((f, s) => expect(f).toBeCloseTo(new HashRing(5, 3).arcFractions()[s], 15));
        const zero = createShardRouter(spec({ shards: 3, consistent: true, vnodes: 0 }));
        for (const key of KEYS.slice(0, 100)) expect(zero.shardOf(key, false)).toBe(ringOwner(ringPoints(3, 1), mix32(key)));
        // 2^18 points over 3000 shards leaves 87 per shard, not the 100 asked for.
        const big = createShardRouter(spec({ shards: 3000, consistent: true, vnodes: 100 })).keyFraction(false);
        const arcs = new HashRing(3000, 87).arcFractions();
        expect(big.every((f, i) => f === arcs[i])).toBe(true);
    });

    it('composes an outer scheme over √N groups with an inner one (salted) inside each group', () => {
        // 12 shards: 3 groups (largest divisor ≤ √12) of 4.
        const router = createShardRouter(spec({ schemes: schemes('hash', 'range'), shards: 12 }));
        for (const key of KEYS) expect(router.shardOf(key, false)).toBe((mix32(key) % 3) * 4 + Math.floor(unitHash(key ^ 0x5bd1e995) * 4));
        const sixteen = createShardRouter(spec({ schemes: schemes('range', 'hash'), shards: 16 }));
        for (const key of KEYS) expect(sixteen.shardOf(key, false)).toBe(Math.floor(unitHash(key) * 4) * 4 + (mix32(key ^ 0x5bd1e995) % 4));
        // 7 is prime: one group of 7.
        const prime = createShardRouter(spec({ schemes: schemes('hash', 'hash'), shards: 7 }));
        for (const key of KEYS) expect(prime.shardOf(key, false)).toBe(mix32(key ^ 0x5bd1e995) % 7);
    });

    it('makes a composite read scatter when either level does, and multiplies the levels’ fractions', () => {
        const router = createShardRouter(spec({ schemes: schemes('round_robin', 'hash'), shards: 4 }));
        for (const key of KEYS.slice(0, 20)) expect(router.shardOf(key, false)).toBe(-1);
        expect(createShardRouter(spec({ schemes: schemes('hash', 'round_robin'), shards: 4 })).shardOf(9, false)).toBe(-1);
        const list = createShardRouter(spec({ schemes: schemes('list', 'range'), shards: 6, keyTrait: 'monotonic' }));
        // 6 shards: 2 groups of 3. Outer weights 2/3, 1/3; inner monotonic writes all on the last of each group.
        expect(Array.from(list.keyFraction(true)).map((f) => +f.toFixed(12))).toEqual([0, 0, 0.666666666667, 0, 0, 0.333333333333]);
        expect(Array.from(list.keyFraction(false)).map((f) => +f.toFixed(12))).toEqual([2 / 9, 2 / 9, 2 / 9, 1 / 9, 1 / 9, 1 / 9].map((f) => +f.toFixed(12)));
    });
});

describe('shardShares', () => {
    it('sums every key’s Zipf probability on its shard, reads and writes apart', () => {
        // 500 keys, Zipf 1, 70% reads; writes of a monotonic range key all land on the newest shard.
        const keys = 500, s = 1, read = 0.7, shards = 4;
        let norm = 0;
        for (let k = 1; k <= keys; k++) norm += k ** -s;
        const expected = [0, 0, 0, 0];
        for (let k = 1; k <= keys; k++) {
            const p = k ** -s / norm;
            expected[Math.floor(unitHash(k) * shards)] += p * read;
            expected[shards - 1] += p * (1 - read);
        }
        const shares = shardShares(spec({ schemes: schemes('range'), shards, keyTrait: 'monotonic' }), workload({ keys, zipf: s, readRatio: read }));
        shares.forEach((x, i) => expect(x, `shard ${i}`).toBeCloseTo(expected[i], 9));
    });

    it('spreads a round-robin read over all shards and clamps the read ratio and Zipf exponent', () => {
        const rr = shardShares(spec({ schemes: schemes('round_robin'), shards: 4 }), workload({ keys: 100, readRatio: 3 }));
        rr.forEach((x) => expect(x).toBeCloseTo(0.25, 12));
        // A negative exponent counts as uniform: 10 keys of 0.1, each on mix32(k) mod 3.
        const uniform = shardShares(spec({ shards: 3 }), workload({ keys: 10, zipf: -2, readRatio: -1 }));
        const expected = [0, 0, 0];
        for (let k = 1; k <= 10; k++) expected[mix32(k) % 3] += 0.1;
        uniform.forEach((x, i) => expect(x).toBeCloseTo(expected[i], 12));
    });

    it('spreads writes a round-robin level deals in turn over that level, as dealing many requests does', () => {
        // 16 shards: 4 groups of 4. 50 keys at Zipf 1, writes only.
        const keys = 50, shards = 16;
        const weights = harmonicWeights(keys);
        const byGroupHash = Array(shards).fill(0), byInnerHash = Array(shards).fill(0);
        weights.forEach((p, i) => {
            const key = i + 1;
            // hash then round_robin: the key's group by hash, its writes dealt over the group's 4 shards.
            for (let s = 0; s < 4; s++) byGroupHash[(mix32(key) % 4) * 4 + s] += p / 4;
            // round_robin then hash: dealt over the 4 groups, at the salted hash's place in each.
            for (let g = 0; g < 4; g++) byInnerHash[g * 4 + (mix32(key ^ 0x5bd1e995) % 4)] += p / 4;
        });
        for (const [names, expected] of [[schemes('hash', 'round_robin'), byGroupHash], [schemes('round_robin', 'hash'), byInnerHash]] as const) {
            const partition = spec({ schemes: names, shards });
            const shares = shardShares(partition, workload({ keys, zipf: 1, readRatio: 0 }));
            shares.forEach((x, i) => expect(x, `${names.map((n) => n.scheme).join(' then ')}, shard ${i}`).toBeCloseTo(expected[i], 12));
            // The simulator's router deals one request at a time: over a stream of writes drawn by weight it lands where the shares say.
            const router = createShardRouter(partition);
            const dealt = Array(shards).fill(0);
            const draws = 64_000;
            let u = 0.5;
            for (let n = 0; n < draws; n++) {
                u = (u + 0.6180339887498949) % 1;
                let key = 0;
                for (let acc = weights[0]; acc < u && key < keys - 1; acc += weights[++key]);
                dealt[router.shardOf(key + 1, true)] += 1 / draws;
            }
            dealt.forEach((x, i) => expect(Math.abs(x - expected[i]), `dealt to shard ${i}`).toBeLessThan(0.01));
        }
        // A read scatters to every shard as soon as one level is round robin.
        shardShares(spec({ schemes: schemes('hash', 'round_robin'), shards }), workload({ keys, zipf: 1, readRatio: 1 })).forEach((x) => expect(x).toBeCloseTo(1 / 16, 12));
    });

    it('places the first 2^14 keys one by one and spreads the rest by expected fractions', () => {
        // 100 000 uniform keys on mod-4 hashing: 16 384 placed at 1e-5 each, the other 0.83616 even.
        const shares = shardShares(spec({ shards: 4 }), workload({ keys: 100_000, readRatio: 0.5 }));
        const expected = [0.83616 / 4, 0.83616 / 4, 0.83616 / 4, 0.83616 / 4];
        for (let k = 1; k <= 16_384; k++) expected[mix32(k) % 4] += 1e-5;
        shares.forEach((x, i) => expect(x, `shard ${i}`).toBeCloseTo(expected[i], 9));
        // Writes of a monotonic key past the head follow the write fractions (the newest shard).
        const writes = shardShares(spec({ schemes: schemes('range'), shards: 4, keyTrait: 'monotonic' }), workload({ keys: 100_000, readRatio: 0 }));
        expect(writes[3]).toBeCloseTo(1, 12);
        // Reads of a monotonic key past the head spread evenly: only new writes go to the newest shard.
        const reads = shardShares(spec({ schemes: schemes('range'), shards: 4, keyTrait: 'monotonic' }), workload({ keys: 100_000, readRatio: 1 }));
        const byRange = [0.83616 / 4, 0.83616 / 4, 0.83616 / 4, 0.83616 / 4];
        for (let k = 1; k <= 16_384; k++) byRange[Math.floor(unitHash(k) * 4)] += 1e-5;
        reads.forEach((x, i) => expect(x, `shard ${i}`).toBeCloseTo(byRange[i], 9));
    });

    it('applies consistent hashing to hash keys only', () => {
        for (const scheme of ['directory', 'range'] as const) {
            const router = createShardRouter(spec({ schemes: schemes(scheme), shards: 4, consistent: true, vnodes: 8 }));
            for (const key of KEYS.slice(0, 100)) expect(router.shardOf(key, false)).toBe(scheme === 'range' ? Math.floor(unitHash(key) * 4) : mix32(key) % 4);
        }
    });
});

describe('scatterWidth and hottestKeyShare', () => {
    it('asks every shard only under round robin, clamped like the router', () => {
        expect(scatterWidth(spec({ schemes: schemes('round_robin'), shards: 6.5 }))).toBe(6);
        expect(scatterWidth(spec({ schemes: schemes('hash', 'round_robin'), shards: 9 }))).toBe(9);
        expect(scatterWidth(spec({ schemes: schemes('round_robin'), shards: 0 }))).toBe(1);
        expect(scatterWidth(spec({ schemes: schemes('round_robin'), shards: 1e7 }))).toBe(65536);
        expect(scatterWidth(spec({ schemes: schemes('hash'), shards: 6 }))).toBe(1);
    });

    it('gives the hottest key 1 / H(N, s) of the traffic', () => {
        expect(hottestKeyShare(10, 1)).toBeCloseTo(1 / (1 + 1 / 2 + 1 / 3 + 1 / 4 + 1 / 5 + 1 / 6 + 1 / 7 + 1 / 8 + 1 / 9 + 1 / 10), 12);
        expect(hottestKeyShare(10, -1)).toBeCloseTo(0.1, 12);
        expect(hottestKeyShare(4, 2)).toBeCloseTo(1 / (1 + 1 / 4 + 1 / 9 + 1 / 16), 12);
    });
});

describe('round-robin writes', () => {
    it('deal each write to the next shard whatever its key: 1/N of the writes each, however skewed the keys', () => {
        // The simulator routes the n-th write to shard n mod N; the hottest key's writes do not pile up on one shard.
        const writes = shardShares(spec({ schemes: schemes('round_robin'), shards: 4 }), workload({ keys: 200, zipf: 1, readRatio: 0 }));
        expect(writes).toHaveLength(4);
        writes.forEach((x, i) => expect(x, `shard ${i}`).toBeCloseTo(0.25, 12));
        const mixed = shardShares(spec({ schemes: schemes('round_robin'), shards: 5 }), workload({ keys: 50_000, zipf: 1.2, readRatio: 0.4 }));
        mixed.forEach((x, i) => expect(x, `shard ${i}`).toBeCloseTo(0.2, 12));
    });
});

describe('composite round robin', () => {
    it('sends each read to every shard', () => {
        const reads = shardShares(spec({ schemes: schemes('round_robin', 'hash'), shards: 6 }), workload({ keys: 300, zipf: 1, readRatio: 1 }));
        expect(reads).toHaveLength(6);
        reads.forEach((x) => expect(x).toBeCloseTo(1 / 6, 12));
    });

    it('puts a hashed group’s writes in that group, reads spread over all', () => {
        // 6 shards: 2 groups of 3, the group by mix32(k) mod 2. Half the traffic reads (1/6 a shard), half writes by key.
        const shares = shardShares(spec({ schemes: schemes('hash', 'round_robin'), shards: 6 }), workload({ keys: 300, zipf: 1, readRatio: 0.5 }));
        let norm = 0;
        for (let k = 1; k <= 300; k++) norm += 1 / k;
        const groups = [0.25, 0.25];
        for (let k = 1; k <= 300; k++) groups[mix32(k) % 2] += 0.5 / k / norm;
        groups.forEach((g, i) => expect(shares.slice(3 * i, 3 * i + 3).reduce((a, b) => a + b, 0), `group ${i}`).toBeCloseTo(g, 12));
    });
});
