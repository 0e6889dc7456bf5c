/**
 * Cache contents under a real eviction algorithm (lru, lfu, fifo, lifo, mru, random) over
 * typed arrays: an open-addressing key index, a recency/insertion list, and a (frequency,
 * last use) min-heap for LFU, so every operation is O(1) or O(log C) and nothing is
 * allocated per request. Entries expire `ttl` after insertion (not refreshed by hits); a
 * dirty (write-back) entry is kept until flushed.
 */
import type { CacheSpec } from '../model/types.js';
import { mix32 } from '../analysis/hash.js';
import type { Rng } from './random.js';

/** One cache instance as the engine drives it. */
export interface SimCache {
    /** Whether `key` is present and fresh at `now` (the policy records the use). */
    lookup(key: number, now: number): boolean;
    /** Inserts or refreshes `key`; returns a dirty key it evicted (to flush), or -1. */
    put(key: number, now: number, dirty: boolean): number;
    /** Removes `key` if present (a write that invalidates). */
    invalidate(key: number): void;
    /** Clears `key`'s dirty flag; true when it was present and dirty. */
    clean(key: number): boolean;
    /** Drops everything (the cache failed); returns the dirty entries lost. */
    clear(): number;
}

const NONE = -1;

/** A cache of `capacity` items run by its real eviction policy. */
export class PolicyCache implements SimCache {
    private readonly keys: Float64Array;
    private readonly inserted: Float64Array;
    private readonly dirty: Uint8Array;
    private readonly prev: Int32Array;
    private readonly next: Int32Array;
    private readonly table: Int32Array;
    private readonly mask: number;
    private readonly freq: Float64Array | undefined;
    private readonly heap: Int32Array | undefined;
    private readonly heapPos: Int32Array | undefined;
    private free: number[] = [];
    private used = 0;
    private head = NONE;
    private tail = NONE;
    private heapSize = 0;
    private tick = 0;

    constructor(readonly capacity: number, readonly policy: CacheSpec['eviction'], readonly ttl: number, private readonly rng: Rng) {
        this.keys = new Float64Array(capacity);
        this.inserted = new Float64Array(capacity);
        this.dirty = new Uint8Array(capacity);
        this.prev = new Int32Array(capacity);
        this.next = new Int32Array(capacity);
        let size = 4;
        while (size < capacity * 2) size *= 2;
        this.table = new Int32Array(size);
        this.mask = size - 1;
        if (policy === 'lfu') {
            this.freq = new Float64Array(capacity);
            this.heap = new Int32Array(capacity);
            this.heapPos = new Int32Array(capacity);
        }
    }

    /** Entries held. */
    get size(): number {
        return this.used - this.free.length;
    }

    lookup(key: number, now: number): boolean {
        const slot = this.find(key);
        if (slot === NONE) return false;
        if (now - this.inserted[slot] > this.ttl && !this.dirty[slot]) {
            this.remove(slot);
            return false;
        }
        this.touch(slot);
        return true;
    }

    put(key: number, now: number, dirty: boolean): number {
        let slot = this.find(key);
        if (slot !== NONE) {
            this.inserted[slot] = now;
            if (dirty) this.dirty[slot] = 1;
            this.touch(slot);
            return NONE;
        }
        let flushed = NONE;
        if (this.size >= this.capacity) {
            const victim = this.victim();
            if (this.dirty[victim]) flushed = this.keys[victim];
            this.remove(victim);
        }
        slot = this.free.length ? this.free.pop()! : this.used++;
        this.keys[slot] = key;
        this.inserted[slot] = now;
        this.dirty[slot] = dirty ? 1 : 0;
        this.index(slot);
        this.link(slot);
        return flushed;
    }

    invalidate(key: number): void {
        const slot = this.find(key);
        if (slot !== NONE) this.remove(slot);
    }

    clean(key: number): boolean {
        const slot = this.find(key);
        if (slot === NONE || !this.dirty[slot]) return false;
        this.dirty[slot] = 0;
        return true;
    }

    clear(): number {
        let lost = 0;
        for (let i = 0; i < this.used; i++) lost += this.dirty[i];
        this.dirty.fill(0);
        this.table.fill(0);
        this.free = [];
        this.used = 0;
        this.head = this.tail = NONE;
        this.heapSize = 0;
        return lost;
    }

    /** The slot the policy evicts (the cache is full, so every slot is in use). */
    private victim(): number {
        switch (this.policy) {
            case 'lru': case 'fifo': return this.tail;
            case 'mru': case 'lifo': return this.head;
            case 'random': return this.rng.int(this.capacity);
            default: return this.heap![0];
        }
    }

    /** Records a hit (or a refresh) on `slot`. */
    private touch(slot: number): void {
        if (this.policy === 'lru' || this.policy === 'mru') {
            this.unlinkList(slot);
            this.pushHead(slot);
        } else if (this.freq) {
            // Frequency in the integer part, recency as a fraction: LRU among equal counts.
            this.freq[slot] = Math.floor(this.freq[slot]) + 1 + this.recency();
            this.siftDown(this.heapPos![slot]);
        }
    }

    private link(slot: number): void {
        if (this.freq) {
            this.freq[slot] = 1 + this.recency();
            const i = this.heapSize++;
            this.heap![i] = slot;
            this.heapPos![slot] = i;
            this.siftUp(i);
        } else if (this.policy !== 'random') {
            this.pushHead(slot);
        }
    }

    private remove(slot: number): void {
        this.unindex(slot);
        if (this.freq) this.heapRemove(slot);
        else if (this.policy !== 'random') this.unlinkList(slot);
        this.dirty[slot] = 0;
        this.free.push(slot);
    }

    private recency(): number {
        return (this.tick++ % 1e9) / 1e9;
    }

    private pushHead(slot: number): void {
        this.prev[slot] = NONE;
        this.next[slot] = this.head;
        if (this.head !== NONE) this.prev[this.head] = slot;
        this.head = slot;
        if (this.tail === NONE) this.tail = slot;
    }

    private unlinkList(slot: number): void {
        const p = this.prev[slot], n = this.next[slot];
        if (p !== NONE) this.next[p] = n; else this.head = n;
        if (n !== NONE) this.prev[n] = p; else this.tail = p;
    }

    private find(key: number): number {
        const table = this.table, mask = this.mask;
        for (let i = mix32(key) & mask; ; i = (i + 1) & mask) {
            const entry = table[i];
            if (entry === 0) return NONE;
            if (this.keys[entry - 1] === key) return entry - 1;
        }
    }

    private index(slot: number): void {
        const table = this.table, mask = this.mask;
        let i = mix32(this.keys[slot]) & mask;
        while (table[i] !== 0) i = (i + 1) & mask;
        table[i] = slot + 1;
    }

    /** Deletes from the linear-probing index by backward shift (no tombstones). */
    private unindex(slot: number): void {
        const table = this.table, mask = this.mask;
        let i = mix32(this.keys[slot]) & mask;
        while (table[i] !== slot + 1) i = (i + 1) & mask;
        let j = i;
        for (;;) {
            j = (j + 1) & mask;
            const entry = table[j];
            if (entry === 0) break;
            const home = mix32(this.keys[entry - 1]) & mask;
            // Move entry j into the hole i unless its home lies cyclically in (i, j].
            if ((j > i && (home <= i || home > j)) || (j < i && home <= i && home > j)) {
                table[i] = entry;
                i = j;
            }
        }
        table[i] = 0;
    }

    private heapRemove(slot: number): void {
        const heap = this.heap!, pos = this.heapPos!;
        const i = pos[slot];
        const last = heap[--this.heapSize];
        if (i === this.heapSize) return;
        heap[i] = last;
        pos[last] = i;
        this.siftDown(i);
        this.siftUp(pos[last]);
    }

    private siftUp(i: number): void {
        const heap = this.heap!, pos = this.heapPos!, f = this.freq!;
        const slot = heap[i];
        while (i > 0) {
            const p = (i - 1) >> 1;
            if (f[heap[p]] <= f[slot]) break;
            heap[i] = heap[p];
            pos[heap[i]] = i;
            i = p;
        }
        heap[i] = slot;
        pos[slot] = i;
    }

    private siftDown(i: number): void {
        const heap = this.heap!, pos = this.heapPos!, f = this.freq!, n = this.heapSize;
        const slot = heap[i];
        for (;;) {
            let c = 2 * i + 1;
            if (c >= n) break;
            if (c + 1 < n && f[heap[c + 1]] < f[heap[c]]) c++;
            if (f[slot] <= f[heap[c]]) break;
            heap[i] = heap[c];
            pos[heap[i]] = i;
            i = c;
        }
        heap[i] = slot;
        pos[slot] = i;
    }
}

/**
 * A cache too large to run, served by the analytic per-key hit model. Dirty write-back keys are
 * tracked exactly. After a failure it starts empty: a key can only hit once it was read since
 * (1 − e^{−p·n} after n lookups, for a key read with probability p), capped by the model.
 */
export class ModelCache implements SimCache {
    private readonly dirtyKeys = new Set<number>();
    /** Lookups since the cache last came back empty (Infinity: warm since the start). */
    private lookups = Infinity;

    constructor(private readonly itemHit: (prob: number) => number, private readonly prob: (key: number) => number, private readonly rng: Rng) {}

    lookup(key: number): boolean {
        if (this.dirtyKeys.has(key)) return true;
        const p = this.prob(key);
        let hit = this.itemHit(p);
        if (this.lookups < Infinity) hit = Math.min(hit, -Math.expm1(-p * this.lookups++));
        return this.rng.next() < hit;
    }

    put(key: number, _now: number, dirty: boolean): number {
        if (dirty) this.dirtyKeys.add(key);
        return NONE;
    }

    invalidate(key: number): void {
        this.dirtyKeys.delete(key);
    }

    clean(key: number): boolean {
        return this.dirtyKeys.delete(key);
    }

    clear(): number {
        const lost = this.dirtyKeys.size;
        this.dirtyKeys.clear();
        this.lookups = 0;
        return lost;
    }
}
