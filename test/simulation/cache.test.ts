/**
 * Real eviction algorithms over a Zipf key stream against theory: LRU within 2 points of
 * Che's approximation, FIFO and random at or below LRU (and near their own λT/(1+λT)
 * approximation), LFU at or above LRU, MRU worst; TTL expiry; app_server caches and balancers.
 */
import { describe, expect, it } from 'vitest';
import { PolicyCache } from '../../language-server/simulation/cache-sim.js';
import { Rng, ZipfSampler } from '../../language-server/simulation/random.js';
import { cheHitRate, estimateHitRate, hitModel } from '../../language-server/analysis/cache-model.js';
import { keyCount, popularityBuckets, powIntegral, zipfNorm, zipfProbability, zipfSum } from '../../language-server/analysis/zipf.js';
import type { CacheSpec } from '../../language-server/model/types.js';
import { simulate } from './helpers.js';

/** Hit rate of `policy` over `draws` Zipf reads after a warm-up of the same length. */
function measure(policy: CacheSpec['eviction'], capacity: number, keys: number, zipf: number, draws = 1_000_000, ttl = Infinity, rate = 1): number {
    const rng = new Rng(3);
    const sampler = new ZipfSampler(keys, zipf);
    const cache = new PolicyCache(capacity, policy, ttl, rng);
    let hits = 0;
    for (let i = -draws; i < draws; i++) {
        const key = sampler.sample(rng);
        const now = i / rate;
        if (cache.lookup(key, now)) {
            if (i >= 0) hits++;
        } else cache.put(key, now, false);
    }
    return hits / draws;
}

describe('Zipf sampling (rejection-inversion)', () => {
    it('draws ranks with their Zipf probabilities', () => {
        const rng = new Rng(5), n = 1000, s = 1.1, draws = 400_000;
        const sampler = new ZipfSampler(n, s);
        const counts = new Float64Array(n + 1);
        for (let i = 0; i < draws; i++) counts[sampler.sample(rng)]++;
        for (const rank of [1, 2, 10, 100]) {
            const p = zipfProbability(rank, n, s);
            const sd = Math.sqrt(draws * p * (1 - p));
            expect(Math.abs(counts[rank] - draws * p), `rank ${rank}`).toBeLessThan(4 * sd);
        }
    });

    it('handles a billion keys without a table', () => {
        const rng = new Rng(9), sampler = new ZipfSampler(1e9, 0.9);
        let top = 0, max = 0;
        for (let i = 0; i < 200_000; i++) {
            const k = sampler.sample(rng);
            max = Math.max(max, k);
            if (k === 1) top++;
        }
        expect(max).toBeLessThanOrEqual(1e9);
        expect(max).toBeGreaterThan(1e8);
        const p1 = zipfProbability(1, 1e9, 0.9);
        expect(Math.abs(top / 200_000 - p1)).toBeLessThan(4 * Math.sqrt(p1 / 200_000));
    });
});

describe('eviction policies under Zipf', () => {
    const cases = [
        { keys: 100_000, capacity: 1_000, zipf: 0.8 },
        { keys: 50_000, capacity: 2_500, zipf: 1.1 },
    ];
    for (const { keys, capacity, zipf } of cases) {
        it(`LRU is within 2 points of Che (C=${capacity}, N=${keys}, s=${zipf})`, () => {
            expect(Math.abs(measure('lru', capacity, keys, zipf) - cheHitRate(capacity, keys, zipf))).toBeLessThan(0.02);
        });

        it(`orders the policies as theory does (C=${capacity}, N=${keys}, s=${zipf})`, () => {
            const rate = Object.fromEntries((['lru', 'lfu', 'fifo', 'random', 'mru', 'lifo'] as const).map((p) => [p, measure(p, capacity, keys, zipf, 500_000)]));
            expect(rate.fifo).toBeLessThanOrEqual(rate.lru);
            expect(rate.random).toBeLessThanOrEqual(rate.lru);
            expect(rate.lfu).toBeGreaterThanOrEqual(rate.lru);
            for (const p of ['lru', 'lfu', 'fifo', 'random', 'lifo']) expect(rate.mru).toBeLessThan(rate[p]);
            // FIFO and random follow their own characteristic-time approximation.
            for (const p of ['fifo', 'random'] as const) {
                expect(Math.abs(rate[p] - estimateHitRate({ policy: p, capacityItems: capacity, keys, zipf }))).toBeLessThan(0.02);
            }
            // MRU keeps keys regardless of popularity (about C / N), plus the key just used.
            expect(Math.abs(rate.mru - estimateHitRate({ policy: 'mru', capacityItems: capacity, keys, zipf }))).toBeLessThan(0.01);
        });
    }

    it('expires entries a TTL after insertion', () => {
        // 1000 requests/s over 10k keys, TTL 2 s: each key's hit rate is capped at λ·ttl / (1 + λ·ttl).
        const measured = measure('lru', 10_000, 10_000, 0.9, 400_000, 2, 1000);
        const model = estimateHitRate({ policy: 'lru', capacityItems: 10_000, keys: 10_000, zipf: 0.9, ttlS: 2, rps: 1000 });
        expect(Math.abs(measured - model)).toBeLessThan(0.02);
        expect(measured).toBeLessThan(measure('lru', 10_000, 10_000, 0.9, 400_000));
    });
});

describe('caches in the engine', () => {
    const appCache = (algorithm: string) => `system S {
      workload { rps 2000 keys 20k zipf 0.8 }
      client u
      loadbalancer lb { algorithm ${algorithm} }
      service api { replicas 4 capacity 1000 rps latency 1ms }
      cache local { placement app_server capacity 1000 items }
      database db { capacity 5000 rps latency 1ms }
      u -> lb -> api -> local -> db
    }`;

    it('app_server caches: round robin splits the key space per replica, ip_hash keeps it', async () => {
        const [spread, pinned] = await Promise.all([simulate(appCache('round_robin'), { durationS: 100 }), simulate(appCache('ip_hash'), { durationS: 100 })]);
        const input = { policy: 'lru' as const, capacityItems: 1000, keys: 20_000, zipf: 0.8, replicas: 4, placement: 'app_server' as const };
        expect(Math.abs(spread.caches.local.hitRate - estimateHitRate({ ...input, balancer: 'round_robin' }))).toBeLessThan(0.02);
        expect(Math.abs(pinned.caches.local.hitRate - estimateHitRate({ ...input, balancer: 'ip_hash' }))).toBeLessThan(0.03);
        expect(pinned.caches.local.hitRate).toBeGreaterThan(spread.caches.local.hitRate + 0.1);
        expect(spread.caches.local.model).toBe('simulated');
    });

    it('a TTL cache that holds every key starts the run in steady state: its misses are the TTL renewals from the first second', async () => {
        // 2000 reads/s over 1000 keys (Zipf 1), TTL 60 s, room for all: key k misses once per
        // cycle of T cached plus a mean 1/λ wait, λ/(1 + λT) per second, ~15/s in all. A cold
        // start would add a first miss for each of the hundreds of rare keys in the first seconds.
        const text = `system S { workload { rps 2000 keys 1000 zipf 1.0 } client u
          service api { capacity 5000 rps latency 1ms concurrency 16 }
          cache c { capacity 1000 items ttl 60s latency 100us }
          database db { capacity 5000 rps latency 1ms concurrency 16 }
          u -> api -> c -> db }`;
        const report = await simulate(text, { durationS: 2 });
        let expected = 0;
        for (let k = 1; k <= 1000; k++) {
            const rate = 2000 * zipfProbability(k, 1000, 1.0);
            expected += rate / (1 + rate * 60);
        }
        const misses = report.components.db.throughputRps * 2;
        expect(Math.abs(misses - 2 * expected), `${misses} misses in 2 s, steady state ${2 * expected}`).toBeLessThan(4 * Math.sqrt(2 * expected) + 1);
    });

    it('a CDN serves its hit ratio and passes misses on', async () => {
        const report = await simulate(`system S { workload { rps 1000 keys 1M zipf 1.0 } client u
          cdn edge { hit_ratio 0.9 } store media { capacity 500 rps latency 1ms concurrency 8 }
          u -> edge -> media }`, { durationS: 100 });
        expect(Math.abs(report.caches.edge.hitRate - 0.9)).toBeLessThan(0.01);
        expect(Math.abs(report.components.media.throughputRps - 100)).toBeLessThan(5);
    });

    it('collapsed forwarding lets one miss per key through while it is in flight', async () => {
        const text = (on: string) => `system S { workload { rps 2000 keys 50 zipf 1.2 } client u
          proxy p { collapsed_forwarding ${on} }
          service origin { capacity 5000 rps latency 20ms concurrency 200 }
          u -> p -> origin }`;
        const [plain, collapsed] = await Promise.all([simulate(text('off'), { durationS: 20 }), simulate(text('on'), { durationS: 20 })]);
        expect(plain.components.origin.throughputRps).toBeGreaterThan(1900);
        // At most one request per key per 20 ms service: ≤ 50 keys / 20 ms = 2500/s, and far less with skew.
        expect(collapsed.components.origin.throughputRps).toBeLessThan(0.5 * plain.components.origin.throughputRps);
        expect(collapsed.requests.completed).toBeGreaterThan(0.99 * plain.requests.completed);
    });
});

/** Σ_{i=from}^{to} i^−s one term at a time: the brute force the bucketed sums must match. */
function bruteSum(from: number, to: number, s: number): number {
    let sum = 0;
    for (let i = from; i <= to; i++) sum += Math.pow(i, -s);
    return sum;
}

/** Exact Zipf probabilities of ranks 1..n. */
function zipfTable(n: number, s: number): number[] {
    const norm = bruteSum(1, n, s);
    return Array.from({ length: n }, (_, i) => Math.pow(i + 1, -s) / norm);
}

/** A characteristic-time hit rate over an exact table: solve Σ h(p, T) = C by bisection, then Σ p·h(p, T). */
function characteristicHitRate(probs: number[], capacity: number, h: (p: number, t: number) => number): number {
    const occupancy = (t: number) => probs.reduce((sum, p) => sum + h(p, t), 0);
    let lo = 0, hi = 1;
    while (occupancy(hi) < capacity) hi *= 2;
    for (let i = 0; i < 200; i++) {
        const mid = (lo + hi) / 2;
        if (occupancy(mid) < capacity) lo = mid;
        else hi = mid;
    }
    return probs.reduce((sum, p) => sum + p * h(p, lo), 0);
}

describe('Zipf sums and buckets against brute force', () => {
    it('sums i^−s exactly in the head and within 1e−7 beyond it', () => {
        for (const s of [0, 0.5, 1, 1.2]) {
            for (const [from, to] of [[1, 1], [1, 999], [1, 1000], [1, 1001], [5, 2500], [1500, 4000], [1, 200_000]]) {
                expect(zipfSum(from, to, s) / bruteSum(from, to, s), `s=${s} ${from}..${to}`).toBeCloseTo(1, 7);
            }
        }
        expect(zipfSum(10, 9, 1)).toBe(0);
        expect(zipfSum(10, 5, 0)).toBe(0);
        expect(zipfNorm(999, 0.8)).toBeCloseTo(bruteSum(1, 999, 0.8), 12);
        expect(zipfNorm(1000, 0.8)).toBeCloseTo(bruteSum(1, 1000, 0.8), 8);
    });

    it('integrates x^−s in closed form, the log at s = 1', () => {
        expect(powIntegral(2, 8, 1)).toBeCloseTo(Math.log(4), 14);
        // ∫₁⁴ x^−½ dx = 2(√4 − √1) = 2; ∫₁² x^−2 dx = 1 − ½.
        expect(powIntegral(1, 4, 0.5)).toBeCloseTo(2, 14);
        expect(powIntegral(1, 2, 2)).toBeCloseTo(0.5, 14);
        expect(powIntegral(3, 3, 0.5)).toBe(0);
        expect(powIntegral(4, 1, 0.5)).toBe(0);
    });

    it('takes the declared key count, whole and at least 1, else a million', () => {
        expect([keyCount(undefined), keyCount(Number.NaN), keyCount(Infinity), keyCount(0), keyCount(2.7), keyCount(5000)]).toEqual([1_000_000, 1_000_000, 1_000_000, 1, 2, 5000]);
    });

    it('buckets every key once, each bucket holding its keys’ exact probability mass', () => {
        for (const [n, s] of [[1, 0.9], [800, 0.9], [1001, 0.9], [5000, 0.9], [20_000, 1.3]]) {
            const { count, prob } = popularityBuckets(n, s);
            const table = zipfTable(n, s);
            let rank = 0, mass = 0;
            for (let b = 0; b < count.length; b++) {
                const exact = table.slice(rank, rank + count[b]).reduce((x, y) => x + y, 0);
                expect(count[b] * prob[b] / exact, `n=${n} s=${s} bucket ${b}`).toBeCloseTo(1, 5);
                // Popularity varies < 2% inside a bucket.
                expect(Math.pow((rank + count[b]) / (rank + 1), s)).toBeLessThan(1.03);
                rank += count[b];
                mass += count[b] * prob[b];
            }
            expect(rank).toBe(n);
            expect(mass).toBeCloseTo(1, 12);
            if (n >= 1000) expect(count.slice(0, 1000).every((c) => c === 1)).toBe(true);
        }
        expect(popularityBuckets(2.5, 0)).toEqual({ count: Float64Array.of(2), prob: Float64Array.of(0.5) });
    });
});

describe('hit-rate models against exact tables', () => {
    const lru = { policy: 'lru' as const, capacityItems: 100, keys: 1000 };

    it('fits Che (LRU) and its FIFO/random analogue to the exact Zipf table', () => {
        const probs = zipfTable(1000, 0.8);
        expect(cheHitRate(100, 1000, 0.8)).toBeCloseTo(characteristicHitRate(probs, 100, (p, t) => 1 - Math.exp(-p * t)), 7);
        for (const policy of ['fifo', 'random'] as const) {
            expect(estimateHitRate({ ...lru, policy, zipf: 0.8 })).toBeCloseTo(characteristicHitRate(probs, 100, (p, t) => (p * t) / (1 + p * t)), 7);
        }
        expect(estimateHitRate({ ...lru, policy: 'lifo', zipf: 0.8 })).toBeCloseTo(cheHitRate(100, 1000, 0.8), 12);
    });

    it('keeps the C hottest keys for LFU and any C − 1 keys alike plus the last for MRU', () => {
        const probs = zipfTable(1000, 0.8);
        const top = probs.slice(0, 100).reduce((x, y) => x + y, 0);
        expect(estimateHitRate({ ...lru, policy: 'lfu', zipf: 0.8 })).toBeCloseTo(top, 10);
        // The C hottest of 100k keys end inside a tail bucket: H(5000, 1) / H(100000, 1).
        expect(estimateHitRate({ policy: 'lfu', capacityItems: 5000, keys: 100_000, zipf: 1 })).toBeCloseTo(bruteSum(1, 5000, 1) / bruteSum(1, 100_000, 1), 4);
        const mru = probs.reduce((sum, p) => sum + p * (p + (1 - p) * (99 / 1000)), 0);
        expect(estimateHitRate({ ...lru, policy: 'mru', zipf: 0.8 })).toBeCloseTo(mru, 10);
    });

    it('gives C/N to every policy but MRU over uniform keys', () => {
        // Che over N alike keys: N(1 − e^{−T/N}) = C, so each key hits with probability C/N.
        for (const policy of ['lru', 'fifo', 'random', 'lfu', 'lifo'] as const) expect(estimateHitRate({ ...lru, policy, zipf: 0 }), policy).toBeCloseTo(0.1, 9);
        expect(estimateHitRate({ ...lru, capacityItems: 1, zipf: 0 })).toBeCloseTo(0.001, 9);
        // MRU: 1/N + (1 − 1/N)(C − 1)/N = 0.001 + 0.999 · 0.099.
        expect(estimateHitRate({ ...lru, policy: 'mru', zipf: 0 })).toBeCloseTo(0.001 + 0.999 * 0.099, 12);
    });

    it('caps each key at λ·ttl / (1 + λ·ttl) and splits the traffic, or pools the capacity, across app-server replicas', () => {
        const big = { policy: 'lru' as const, capacityItems: 1000, keys: 1000, zipf: 0 };
        expect(estimateHitRate(big)).toBe(1);
        expect(estimateHitRate({ ...big, capacityItems: undefined })).toBe(1);
        expect(estimateHitRate({ ...big, capacityItems: 0 })).toBe(0);
        // 1000 rps over 1000 keys, TTL 2 s: λ·ttl = 2 per key, hit rate 2/3.
        expect(estimateHitRate({ ...big, ttlS: 2, rps: 1000 })).toBeCloseTo(2 / 3, 12);
        expect(estimateHitRate({ ...big, ttlS: 2 })).toBe(1);
        // Round robin over 4 app-server replicas: each sees 1000 of the 4000 rps, and 250 slots cache a quarter of the keys.
        const app = { ...big, rps: 4000, replicas: 4, placement: 'app_server' as const };
        expect(estimateHitRate({ ...app, ttlS: 2 })).toBeCloseTo(2 / 3, 12);
        expect(estimateHitRate({ ...app, capacityItems: 250, balancer: 'round_robin' })).toBeCloseTo(0.25, 9);
        // ip_hash pins each key to one replica: 4 × 250 slots hold all 1000 keys.
        expect(estimateHitRate({ ...app, capacityItems: 250, balancer: 'ip_hash' })).toBe(1);
        expect(estimateHitRate({ ...app, capacityItems: 250, placement: 'distributed', balancer: 'ip_hash' })).toBeCloseTo(0.25, 9);
        // A distributed cache sees all 4000 rps whatever its replicas: λ·ttl = 8 per key, hit rate 8/9.
        expect(estimateHitRate({ ...app, placement: 'distributed', ttlS: 2 })).toBeCloseTo(8 / 9, 12);
    });

    it('lets a short TTL keep LRU from filling: every key at its TTL cap', () => {
        // 1000 rps over 1000 keys, TTL 0.5 s: each key holds at most 1/3 of the time, 333 < 500 slots.
        expect(estimateHitRate({ policy: 'lru', capacityItems: 500, keys: 1000, zipf: 0, ttlS: 0.5, rps: 1000 })).toBeCloseTo(1 / 3, 12);
    });

    it('scales hits by the read ratio only where writes invalidate (write_around, on_write)', () => {
        const all = { policy: 'lru' as const, capacityItems: 1000, keys: 1000, zipf: 0, readRatio: 0.5 };
        expect(estimateHitRate(all)).toBeCloseTo(0.5, 12);
        expect(estimateHitRate({ ...all, write: 'write_back' })).toBe(1);
        expect(estimateHitRate({ ...all, invalidation: 'ttl_only' })).toBe(1);
        expect(estimateHitRate({ ...all, readRatio: 0 })).toBe(0);
        expect(hitModel({ ...all, readRatio: 0 }).itemHit(0.5)).toBe(0);
        expect(hitModel(all).itemHit(0.001)).toBeCloseTo(0.5, 12);
    });
});
