/**
 * PolicyCache against a brute-force cache: a Map of entries whose victim is found by scanning
 * (lru: least recent use; fifo: oldest insertion; mru: most recent use; lifo: newest insertion;
 * lfu: fewest uses, least recent among equals), entries expiring strictly after `ttl` unless
 * dirty. Every put is compared on what it returns (the dirty victim to flush), every lookup on
 * hit or miss, and the sizes after each step. ModelCache: its hit law (the model's, capped by
 * 1 - e^(-p n) after a failure) against those closed forms.
 */
import { describe, expect, it } from 'vitest';
import { ModelCache, PolicyCache } from '../../language-server/simulation/cache-sim.js';
import { Rng } from '../../language-server/simulation/random.js';
import type { CacheSpec } from '../../language-server/model/types.js';

interface Entry { inserted: number; dirty: boolean; uses: number; lastUse: number; order: number }

class BruteCache {
    readonly entries = new Map<number, Entry>();
    private clock = 0;
    constructor(readonly capacity: number, readonly policy: CacheSpec['eviction'], readonly ttl: number) {}

    lookup(key: number, now: number): boolean {
        const e = this.entries.get(key);
        if (!e) return false;
        if (now - e.inserted > this.ttl && !e.dirty) {
            this.entries.delete(key);
            return false;
        }
        e.uses++;
        e.lastUse = this.clock++;
        return true;
    }

    put(key: number, now: number, dirty: boolean): number {
        const e = this.entries.get(key);
        if (e) {
            e.inserted = now;
            e.dirty ||= dirty;
            e.uses++;
            e.lastUse = this.clock++;
            return -1;
        }
        let flushed = -1;
        if (this.entries.size >= this.capacity) {
            const victim = this.victim();
            if (this.entries.get(victim)!.dirty) flushed = victim;
            this.entries.delete(victim);
        }
        const t = this.clock++;
        this.entries.set(key, { inserted: now, dirty, uses: 1, lastUse: t, order: t });
        return flushed;
    }

    private victim(): number {
        const score = (e: Entry): number[] => {
            switch (this.policy) {
                case 'lru': return [e.lastUse];
                case 'fifo': return [e.order];
                case 'mru': return [-e.lastUse];
                case 'lifo': return [-e.order];
                default: return [e.uses, e.lastUse];
            }
        };
        let best: number | undefined, bestScore: number[] = [];
        for (const [key, e] of this.entries) {
            const s = score(e);
            if (best === undefined || s[0] < bestScore[0] || (s[0] === bestScore[0] && (s[1] ?? 0) < (bestScore[1] ?? 0))) {
                best = key;
                bestScore = s;
            }
        }
        return best!;
    }

    invalidate(key: number): void { this.entries.delete(key); }

    clean(key: number): boolean {
        const e = this.entries.get(key);
        if (!e || !e.dirty) return false;
        e.dirty = false;
        return true;
    }

    clear(): number {
        const lost = [...this.entries.values()].filter((e) => e.dirty).length;
        this.entries.clear();
        return lost;
    }
}

/** Runs the same random trace of operations on both caches, comparing every answer. */
function compare(policy: CacheSpec['eviction'], capacity: number, ttl: number, seed: number, steps: number): void {
    const rng = new Rng(seed);
    const cache = new PolicyCache(capacity, policy, ttl, new Rng(1));
    const brute = new BruteCache(capacity, policy, ttl);
    const keys = capacity * 3;
    let now = 0;
    // Both answer logs are compared at the end (one assertion per trace keeps the test fast).
    const got: (number | boolean)[] = [], want: (number | boolean)[] = [];
    for (let step = 0; step < steps; step++) {
        now += rng.int(4) / 4;
        // Keys drawn with a skew so that some are reused often (lfu has distinct counts).
        const key = Math.floor(keys * rng.next() ** 2) * 7 + 3;
        const r = rng.next();
        if (r < 0.45) { got.push(cache.lookup(key, now)); want.push(brute.lookup(key, now)); }
        else if (r < 0.85) {
            const dirty = rng.next() < 0.4;
            got.push(cache.put(key, now, dirty)); want.push(brute.put(key, now, dirty));
        } else if (r < 0.92) { cache.invalidate(key); brute.invalidate(key); }
        else if (r < 0.995) { got.push(cache.clean(key)); want.push(brute.clean(key)); }
        else { got.push(cache.clear()); want.push(brute.clear()); }
        got.push(cache.size); want.push(brute.entries.size);
    }
    expect(got, `${policy}, capacity ${capacity}, ttl ${ttl}, seed ${seed}`).toEqual(want);
}

describe('PolicyCache against a brute-force cache', () => {
    for (const policy of ['lru', 'fifo', 'mru', 'lifo', 'lfu'] as const) {
        it(`${policy}: same hits, evictions, flushes and sizes over random traces`, () => {
            for (const [capacity, seed] of [[1, 1], [2, 2], [5, 3], [16, 4], [40, 5]]) compare(policy, capacity, Infinity, seed, 4000);
            // A short ttl: entries expire while in the cache, dirty ones stay.
            for (const [capacity, seed] of [[5, 6], [16, 7]]) compare(policy, capacity, 3, seed, 4000);
        });
    }

    it('keeps an entry exactly ttl old and drops it just after', () => {
        const cache = new PolicyCache(4, 'lru', 2, new Rng(1));
        cache.put(10, 0, false);
        cache.put(11, 0, true);
        expect(cache.lookup(10, 2)).toBe(true);
        expect(cache.lookup(10, 2.5)).toBe(false);
        expect(cache.size).toBe(1);
        // A dirty entry outlives its ttl until it is cleaned.
        expect(cache.lookup(11, 9)).toBe(true);
        expect(cache.clean(11)).toBe(true);
        expect(cache.lookup(11, 9)).toBe(false);
        expect(cache.size).toBe(0);
    });

    it('random: evicts one of the entries held, each about equally often', () => {
        // Every put dirty, so each eviction returns its victim.
        const capacity = 8, rounds = 16_000;
        const cache = new PolicyCache(capacity, 'random', Infinity, new Rng(3));
        const held = new Set<number>();
        const evictedAt = new Map<number, number>();
        for (let k = 0; k < capacity; k++) { cache.put(k, 0, true); held.add(k); }
        let next = capacity;
        const strays: number[] = [], sizes = new Set<number>();
        for (let i = 0; i < rounds; i++) {
            const victim = cache.put(next, 0, true);
            if (!held.delete(victim)) strays.push(victim);
            held.add(next);
            evictedAt.set(victim, i);
            next++;
            sizes.add(cache.size);
        }
        expect(strays).toEqual([]);
        expect([...sizes]).toEqual([capacity]);
        // Uniform eviction: an entry survives each eviction with probability 7/8, so the
        // entries' lifetimes (in evictions) are geometric with mean 8.
        let total = 0, n = 0;
        for (let k = capacity; k < rounds; k++) {
            const born = k - capacity, died = evictedAt.get(k);
            if (died === undefined) continue;
            total += died - born;
            n++;
        }
        expect(Math.abs(total / n - capacity)).toBeLessThan(0.3);
    });
});

describe('ModelCache', () => {
    it('hits a warm key with the model probability and a dirty key always', () => {
        // The model: every key is read with probability 0.01 and hits with probability 0.3.
        const cache = new ModelCache(() => 0.3, () => 0.01, new Rng(4));
        const n = 50_000;
        let hits = 0;
        for (let i = 0; i < n; i++) if (cache.lookup(7)) hits++;
        expect(Math.abs(hits / n - 0.3)).toBeLessThan(4 * Math.sqrt((0.3 * 0.7) / n));
        expect(cache.put(5, 0, true)).toBe(-1);
        expect(cache.put(6, 0, false)).toBe(-1);
        const dirtyHits = Array.from({ length: 100 }, () => cache.lookup(5));
        expect(dirtyHits.every(Boolean)).toBe(true);
        expect([cache.clean(6), cache.clean(5), cache.clean(5)]).toEqual([false, true, false]);
        cache.put(8, 0, true);
        cache.invalidate(8);
        expect(cache.clean(8)).toBe(false);
        cache.put(9, 0, true);
        cache.put(10, 0, true);
        expect(cache.clear()).toBe(2);
        expect(cache.clear()).toBe(0);
    });

    it('after a failure, the n-th lookup of a key hits with probability min(model, 1 - e^(-p n))', () => {
        // p = 0.05, model hit 0.9: the n-th lookup since the clear (n = 0, 1, ...) hits with
        // probability min(0.9, 1 - e^(-0.05 n)): 0 at first, 0.9 from n = 46 on (1 - e^-2.3 = 0.8997).
        const runs = 4000, lookups = 60, hits = new Array<number>(lookups).fill(0);
        const rng = new Rng(12);
        for (let r = 0; r < runs; r++) {
            const cache = new ModelCache(() => 0.9, () => 0.05, rng);
            cache.clear();
            for (let n = 0; n < lookups; n++) if (cache.lookup(1)) hits[n]++;
        }
        expect(hits[0]).toBe(0);
        for (const n of [1, 5, 14, 30, 59]) {
            const p = Math.min(0.9, 1 - Math.exp(-0.05 * n));
            expect(Math.abs(hits[n] / runs - p), `lookup ${n}`).toBeLessThan(4.5 * Math.sqrt((p * (1 - p)) / runs));
        }
    });
});
