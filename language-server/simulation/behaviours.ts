/**
 * What components do once they have served a request: caches answer hits and apply their
 * write policy (write-back entries flushed after WRITE_BACK_DELAY_S, lost if the cache dies
 * first), CDNs serve their popular objects, proxies collapse concurrent misses for one key,
 * spreaders pick a child, queues hold messages until a consumer pulls them (with redelivery
 * and dead-lettering), and round-robin partitions scatter reads to every shard and gather.
 */
import type { Engine } from './engine.js';
import { CACHE, CDN, QUEUE } from './program.js';
import { BACKGROUND, CHILD_FAILED, FLUSH, MEASURED, MESSAGE, SUB, WRITE } from './requests.js';
import { DEPTH_POINTS, type QueueRuntime, type Runtime } from './setup.js';
import type { Pool } from './stations.js';
import type { SimCache } from './cache-sim.js';
import { MAX_QUEUED } from './message-line.js';

/** A request is waiting somewhere (a line, a queue, a fork, a collapsed miss). */
export const PARKED = -2;
/** Seconds a write-back cache holds a dirty entry before flushing it downstream. */
export const WRITE_BACK_DELAY_S = 1;
/** Seconds before a failed message is delivered again (a visibility timeout). */
export const REDELIVERY_S = 1;

/** Component behaviours after service, bound to one engine. */
export class Behaviours {
    constructor(private readonly e: Engine) {}

    /** The node after `node` for request `id` (or PARKED), by what the node's component does. */
    after(id: number, node: number, rt: Runtime): number {
        const P = this.e.program;
        switch (P.behaviour[node]) {
            case CACHE: return this.cache(id, node, rt);
            case CDN: return this.cdn(id, node, rt);
            case QUEUE:
                this.enqueue(id, node, rt);
                return PARKED;
        }
        if (rt.collapse && !(this.e.requests.flags[id] & WRITE) && this.collapse(id, node, rt)) return PARKED;
        if (P.choice[node]) {
            const u = this.e.rng.next();
            const start = P.childStart[node], end = start + P.childCount[node] - 1;
            let k = start;
            while (k < end && u >= P.cumWeight[k]) k++;
            return P.children[k];
        }
        return P.next[node];
    }

    /** A timer fired for `id`: a write-back flush or a message redelivery. */
    wake(id: number): void {
        const e = this.e, R = e.requests, P = e.program;
        const node = R.qnode[id];
        const rt = e.runtimes[P.comp[node]];
        if (R.flags[id] & FLUSH) {
            if (rt.live > 0 && rt.caches![R.origin[id]].clean(R.key[id])) e.advance(id, P.next[node], false);
            else R.release(id);
        } else {
            this.enqueue(id, node, rt);
        }
    }

    /** The next queued message a free server of `pool` takes (a request again), or -1. */
    pull(pool: Pool): number {
        const e = this.e, R = e.requests, P = e.program;
        const station = pool.station;
        for (const q of station.sources) {
            const rt = e.runtimes[q];
            const line = rt.queue!.line;
            if (!line.length) continue;
            const node = line.node[line.head];
            let child = -1;
            for (let k = P.childStart[node], end = k + P.childCount[node]; k < end; k++) {
                if (P.comp[P.children[k]] === station.comp) child = P.children[k];
            }
            if (child < 0) continue;
            const m = e.alloc();
            if (m < 0) return -1;
            R.key[m] = line.key[line.head];
            R.flags[m] = line.flags[line.head];
            R.attempts[m] = line.attempts[line.head];
            R.t0[m] = line.since[line.head];
            R.origin[m] = q;
            R.qnode[m] = node;
            line.shift();
            this.depth(rt.queue!, -1);
            if (e.measuring) {
                rt.hist.record(e.now - R.t0[m]);
                rt.completions++;
            }
            R.node[m] = child;
            R.tArr[m] = e.now;
            return m;
        }
        return -1;
    }

    /** Round-robin partitioning: a read visits every shard; the parent waits for all. */
    scatter(id: number, node: number, rt: Runtime): void {
        const e = this.e, R = e.requests;
        const n = rt.router!.shards;
        R.pending[id] = n;
        for (let s = 0; s < n; s++) {
            const j = e.alloc();
            if (j < 0) {
                R.flags[id] |= CHILD_FAILED;
                R.pending[id] -= n - s;
                if (R.pending[id] === 0) this.settle(id);
                return;
            }
            R.key[j] = R.key[id];
            R.flags[j] = (R.flags[id] & (WRITE | MEASURED)) | SUB | BACKGROUND;
            R.parent[j] = id;
            R.shard[j] = s;
            R.t0[j] = e.now;
            R.end[j] = e.program.next[node];
            e.advance(j, node, true);
        }
    }

    /** A scatter-gather child is done (or failed). */
    join(id: number, failed: boolean): void {
        const R = this.e.requests;
        const parent = R.parent[id];
        if (failed) R.flags[parent] |= CHILD_FAILED;
        if (--R.pending[parent] === 0) this.settle(parent);
    }

    /** Wakes a collapsed miss's followers: served by the leader's answer, or failed with it. */
    releaseFollowers(leader: number, failed: boolean): void {
        const e = this.e, R = e.requests, P = e.program;
        const node = R.collapseNode[leader];
        e.runtimes[P.comp[node]].collapse!.delete(R.key[leader]);
        R.collapseNode[leader] = -1;
        let f = R.follower[leader];
        R.follower[leader] = -1;
        while (f >= 0) {
            const next = R.follower[f];
            R.follower[f] = -1;
            if (failed) e.fail(f);
            else e.advance(f, P.skip[R.node[f]], false);
            f = next;
        }
    }

    /** A message failed: redeliver it, dead-letter it, or lose it. True when it lives on. */
    retry(id: number): boolean {
        const e = this.e, R = e.requests;
        const Q = e.runtimes[R.origin[id]].queue!;
        if (Q.redeliver && R.attempts[id] < Q.retries) {
            R.attempts[id]++;
            e.wakeAt(e.now + REDELIVERY_S, id);
            return true;
        }
        const entry = Q.deadLetter >= 0 ? e.program.deadLetterEntry.get(Q.deadLetter) : undefined;
        if (entry !== undefined) {
            Q.deadLettered++;
            R.attempts[id] = 0;
            R.flags[id] &= ~MESSAGE;
            R.end[id] = e.program.skip[entry];
            e.advance(id, entry, true);
            return true;
        }
        Q.lost++;
        return false;
    }

    private settle(parent: number): void {
        const e = this.e, R = e.requests;
        if (R.flags[parent] & CHILD_FAILED) {
            R.flags[parent] &= ~CHILD_FAILED;
            e.fail(parent);
        } else {
            e.advance(parent, e.program.next[R.node[parent]], false);
        }
    }

    private cache(id: number, node: number, rt: Runtime): number {
        const e = this.e, R = e.requests, P = e.program;
        const key = R.key[id], now = e.now;
        const instance = rt.appServer ? R.replica[id] % rt.caches!.length : 0;
        const cache = rt.caches![instance];
        if (R.flags[id] & WRITE) {
            if (rt.write === 'write_back') {
                const pending = cache.clean(key);
                this.flushEvicted(cache, cache.put(key, now, true), node, instance);
                if (!pending) {
                    const j = this.flushJob(key, node, instance);
                    if (j >= 0) e.wakeAt(now + WRITE_BACK_DELAY_S, j);
                }
                return P.skip[node];
            }
            if (rt.write === 'write_through') this.flushEvicted(cache, cache.put(key, now, false), node, instance);
            else if (rt.invalidateOnWrite) cache.invalidate(key);
            return P.next[node];
        }
        const hit = cache.lookup(key, now);
        if (e.measuring) {
            if (hit) rt.hits++;
            else rt.misses++;
        }
        if (hit) return P.skip[node];
        if (rt.collapse && this.collapse(id, node, rt)) return PARKED;
        this.flushEvicted(cache, cache.put(key, now, false), node, instance);
        return P.next[node];
    }

    private cdn(id: number, node: number, rt: Runtime): number {
        const e = this.e, R = e.requests, P = e.program;
        if (R.flags[id] & WRITE) return P.next[node];
        const key = R.key[id];
        const hit = key <= rt.cdnRank || (key === rt.cdnRank + 1 && e.rng.next() < rt.cdnFraction);
        if (e.measuring) {
            if (hit) rt.hits++;
            else rt.misses++;
        }
        return hit ? P.skip[node] : P.next[node];
    }

    /** Joins an in-flight miss for the same key (true: parked as a follower) or leads one. */
    private collapse(id: number, node: number, rt: Runtime): boolean {
        const e = this.e, R = e.requests;
        if (R.collapseNode[id] >= 0) return false;
        const key = R.key[id];
        const leader = rt.collapse!.get(key);
        if (leader !== undefined) {
            R.follower[id] = R.follower[leader];
            R.follower[leader] = id;
            if (e.measuring) rt.collapsed++;
            return true;
        }
        rt.collapse!.set(key, id);
        R.collapseNode[id] = node;
        return false;
    }

    private flushJob(key: number, node: number, instance: number): number {
        const e = this.e, R = e.requests;
        const j = e.alloc();
        if (j < 0) return -1;
        R.key[j] = key;
        R.flags[j] = BACKGROUND | FLUSH | WRITE;
        R.qnode[j] = node;
        R.origin[j] = instance;
        R.t0[j] = e.now;
        R.end[j] = e.program.skip[node];
        return j;
    }

    /** A dirty entry was evicted: write it downstream now. */
    private flushEvicted(cache: SimCache, key: number, node: number, instance: number): void {
        if (key < 0) return;
        cache.clean(key);
        const j = this.flushJob(key, node, instance);
        if (j >= 0) this.e.advance(j, this.e.program.next[node], false);
    }

    private enqueue(id: number, node: number, rt: Runtime): void {
        const e = this.e, R = e.requests, P = e.program;
        let m = id;
        if (!(R.flags[id] & BACKGROUND)) {
            // A request that ends at a queue is done once enqueued; its message lives on.
            m = e.alloc();
            if (m >= 0) {
                R.key[m] = R.key[id];
                R.flags[m] = (R.flags[id] & (WRITE | MEASURED)) | BACKGROUND;
                R.t0[m] = e.now;
            }
            e.finish(id);
            if (m < 0) return;
        }
        const Q = rt.queue!;
        R.flags[m] |= MESSAGE;
        R.origin[m] = P.comp[node];
        R.qnode[m] = node;
        if (Q.depth >= Q.capacity) {
            Q.dropped++;
            R.release(m);
            return;
        }
        this.depth(Q, 1);
        if (P.childCount[node] === 0) {
            R.release(m); // nobody consumes it: it stays in the queue, counted, not simulated
            return;
        }
        if (Q.line.length >= MAX_QUEUED) e.limit = 'memory';
        Q.line.push(R.key[m], e.now, node, R.attempts[m], R.flags[m]);
        R.release(m);
        for (let k = P.childStart[node], end = k + P.childCount[node]; k < end && Q.line.length; k++) {
            for (const station of e.runtimes[P.comp[P.children[k]]].stations) {
                for (const pool of station.pools) e.refill(pool);
            }
        }
    }

    private depth(Q: QueueRuntime, delta: number): void {
        const e = this.e;
        const slice = Math.min(DEPTH_POINTS - 1, Math.floor((e.now / e.config.durationS) * DEPTH_POINTS));
        while (Q.lastSlice < slice) Q.series[++Q.lastSlice] = Q.depth;
        Q.depth += delta;
        if (Q.depth > Q.maxDepth) Q.maxDepth = Q.depth;
        if (Q.depth > Q.series[slice]) Q.series[slice] = Q.depth;
    }
}
