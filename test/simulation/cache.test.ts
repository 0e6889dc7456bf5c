/**
 * Real eviction algorithms over a Zipf key stream against theory: LRU within 2 points of
 * Che's approximation, FIFO and random at or below LRU (and near their own λT/(1+λT)
 * approximation), LFU at or above LRU, MRU worst; TTL expiry; app_server caches and balancers.
 */
import { describe, expect, it } from 'vitest';
import { PolicyCache } from '../../language-server/simulation/cache-sim.js';
import { Rng, ZipfSampler } from '../../language-server/simulation/random.js';
import { cheHitRate, estimateHitRate } from '../../language-server/analysis/cache-model.js';
import { zipfProbability } from '../../language-server/analysis/zipf.js';
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
