/**
 * PolicyCache against a brute-force cache: a Map of entries whose victim is found by scanning
 * (lru: least recent use; fifo: oldest insertion; mru: most recent use; lifo: newest insertion;
 * lfu: fewest uses, least recent among equals), entries expiring strictly after `ttl` unless
 * dirty. Every put is compared on what it returns (the dirty victim to flush), every lookup on
 * hit or miss, and the sizes after each step.
 */
import { describe, expect, it } from 'vitest';
import { PolicyCache } from '../../language-server/simulation/cache-sim.js';
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
