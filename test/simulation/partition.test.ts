/**
 * Partition routing against theory: consistent-hashing spread (coefficient of variation of
 * shard load ≈ 1/√V), mod-N balance, monotonic range keys on the newest shard, and the
 * simulator's shard loads matching shardShares (lint and simulation agree).
 */
import { describe, expect, it } from 'vitest';
import { HashRing, hottestKeyShare, shardShares } from '../../language-server/analysis/partition.js';
import { cachedShardShares } from '../../language-server/analysis/shard-shares.js';
import { mix32, unitHash } from '../../language-server/analysis/hash.js';
import type { PartitionSpec, Workload } from '../../language-server/model/types.js';
import { simulate } from './helpers.js';

const spec = (p: Partial<PartitionSpec>): PartitionSpec => ({ schemes: [{ scheme: 'hash', key: 'id' }], shards: 8, consistent: false, vnodes: 1, ...p });
const workload = (w: Partial<Workload>): Workload => ({ rps: 1000, peak: 1, zipf: 0, readRatio: 1, ...w });

function spread(values: ArrayLike<number>): { cv: number; maxOverMean: number } {
    const xs = Array.from(values);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length);
    return { cv: sd / mean, maxOverMean: Math.max(...xs) / mean };
}

describe('key hashing (murmur3 fmix32)', () => {
    it('matches an independent fmix32, folding keys above 2^32 into the low word', () => {
        // Reference values from a separate Python fmix32 (key ≥ 2^32 hashed as low ^ high);
        // fmix32(1) = 0x514e28b7 is murmur3's published value.
        expect([0, 1, 2, 123456789, 2 ** 32 + 5, 2 ** 40 + 7].map(mix32)).toEqual([0, 0x514e28b7, 821347078, 3126909082, 614249093, 1624314051]);
        expect(unitHash(1)).toBe(0x514e28b7 / 2 ** 32);
        expect(unitHash(123456789)).toBeCloseTo(0.7280402542091906, 15);
    });
});

describe('consistent hashing', () => {
    for (const vnodes of [16, 64, 256]) {
        it(`spreads load with coefficient of variation ≈ 1/√V (V = ${vnodes})`, () => {
            // 1000 shards make the sample estimate of the spread itself precise (~2%).
            const { cv } = spread(new HashRing(1000, vnodes).arcFractions());
            expect(Math.abs(cv * Math.sqrt(vnodes) - 1)).toBeLessThan(0.1);
        });
    }

    it('makes the busiest of N shards about 1 + z·(1/√V) times the mean', () => {
        // Expected maximum of 32 normal shares: mean + ~2.07 sd.
        for (const vnodes of [16, 256]) {
            const { maxOverMean } = spread(new HashRing(32, vnodes).arcFractions());
            expect(maxOverMean).toBeGreaterThan(1 + 1 / Math.sqrt(vnodes));
            expect(maxOverMean).toBeLessThan(1 + 3.5 / Math.sqrt(vnodes));
        }
    });
});

describe('shardShares', () => {
    it('sums to 1 and is balanced for uniform keys under mod-N hashing', () => {
        const shares = shardShares(spec({ shards: 16 }), workload({ keys: 10_000_000 }));
        expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
        expect(spread(shares).maxOverMean).toBeLessThan(1.01);
    });

    it('puts the hottest key on one shard whatever the scheme', () => {
        const shares = shardShares(spec({ shards: 16 }), workload({ keys: 1_000_000, zipf: 1.2 }));
        expect(Math.max(...shares)).toBeGreaterThan(hottestKeyShare(1_000_000, 1.2));
    });

    it('sends every write of a monotonic range key to the newest shard', () => {
        const shares = shardShares(spec({ schemes: [{ scheme: 'range', key: 't' }], shards: 4, keyTrait: 'monotonic' }), workload({ keys: 1e6, readRatio: 0 }));
        expect(shares[3]).toBeCloseTo(1, 9);
    });

    it("places keys whatever the key's name, so the memo serves stores partitioned by their own keys", () => {
        for (const schemes of [['hash'], ['range'], ['list'], ['hash', 'range']] as const) {
            const named = (key: string) => spec({ schemes: schemes.map((scheme) => ({ scheme, key: `${key}_${scheme}` })), shards: 12, consistent: schemes[0] === 'hash', vnodes: 8 });
            const load = workload({ keys: 1e6, zipf: 1.1, readRatio: 0.7 });
            const first = shardShares(named('order'), load);
            expect(shardShares(named('user'), load), schemes.join('>')).toEqual(first);
            // The memo computes reads and writes apart where they route alike (a rounding apart).
            for (const key of ['order', 'user']) cachedShardShares(named(key), load).forEach((share, i) => expect(share).toBeCloseTo(first[i], 12));
        }
    });

    it('matches the shard loads the simulator measures', async () => {
        const report = await simulate(`system S { workload { rps 4000 keys 1M zipf 1.0 } client u
          database db { partition hash(id) shards 8 consistent vnodes 32 capacity 2000 rps latency 1ms }
          u -> db }`, { durationS: 100 });
        const expected = shardShares(spec({ consistent: true, vnodes: 32 }), workload({ keys: 1e6, zipf: 1.0 }));
        const loads = report.shards.db.loadRps;
        const total = loads.reduce((a, b) => a + b, 0);
        loads.forEach((l, i) => expect(Math.abs(l / total - expected[i]), `shard ${i}`).toBeLessThan(0.01));
    });

    it('deals round-robin writes evenly in lint and simulation alike, however skewed the keys', async () => {
        const report = await simulate(`system S { workload { rps 400 keys 200 zipf 1 read_ratio 0 } client u
          database db { partition round_robin shards 4 capacity 1000 rps latency 1ms }
          u -> db }`, { durationS: 50 });
        const loads = report.shards.db.loadRps;
        const total = loads.reduce((a, b) => a + b, 0);
        loads.forEach((l, i) => expect(Math.abs(l / total - 0.25), `shard ${i}`).toBeLessThan(0.01));
        shardShares(spec({ schemes: [{ scheme: 'round_robin', key: 'id' }], shards: 4 }), workload({ keys: 200, zipf: 1, readRatio: 0 }))
            .forEach((share) => expect(share).toBeCloseTo(0.25, 12));
    });

    it('makes a round-robin read visit every shard and wait for all', async () => {
        const report = await simulate(`system S { workload { rps 100 read_ratio 1 } client u
          database db { partition round_robin shards 4 capacity 1000 rps latency 1ms }
          u -> db }`, { durationS: 200 });
        report.shards.db.loadRps.forEach((l) => expect(Math.abs(l - 100)).toBeLessThan(5));
        // Each shard is M/M/1 (response ~ Exp(μ − λ) = Exp(900/s)); the slowest of 4: H_4 / (μ − λ).
        expect(Math.abs(report.latencyMs.mean / ((25 / 12 / 900) * 1000) - 1)).toBeLessThan(0.05);
    });
});
