/**
 * What components do once they have served a request: caches answer hits and apply their
 * write policy (write-back entries flushed after WRITE_BACK_DELAY_S, lost if the cache dies
 * first), CDNs serve their popular objects, proxies collapse concurrent misses for one key,
 * spreaders pick a child (a health-checked balancer skips the children it has taken out),
 * queues hold messages until a consumer pulls them (with redelivery and dead-lettering), and
 * round-robin partitions scatter reads to every shard and gather. Behaviours see the engine
 * only through the Kernel interface.
 */
import type { Kernel } from './kernel.js';
import { CACHE, CDN, ENTER, INSIDE, QUEUE } from './program.js';
import { BACKGROUND, CHILD_FAILED, DRAWN_WRITE, FLUSH, MEASURED, MESSAGE, SUB, WRITE } from './requests.js';
import { DEPTH_POINTS, type QueueRuntime, type Runtime } from './setup.js';
import type { Pool } from './stations.js';
import type { SimCache } from './cache-sim.js';
import { MAX_QUEUED } from './message-line.js';

/** A request is waiting somewhere (a line, a queue, a fork, a collapsed miss, a guarded call). */
export const PARKED = -2;
/** Seconds a write-back cache holds a dirty entry before flushing it downstream. */
export const WRITE_BACK_DELAY_S = 1;
/** Seconds before a failed message is delivered again (a visibility timeout). */
export const REDELIVERY_S = 1;

/** Component behaviours after service, bound to one engine. */
export class Behaviours {
    constructor(private readonly k: Kernel) {}

    /** The node after `node` for request `id` (or PARKED), by what the node's component does. */
    after(id: number, node: number, rt: Runtime): number {
        const P = this.k.program;
        switch (P.behaviour[node]) {
            case CACHE: return this.cache(id, node, rt);
            case CDN: return this.cdn(id, node, rt);
            case QUEUE:
                this.enqueue(id, node, rt);
                return PARKED;
        }
        if (rt.collapse && !this.k.writes(id, node) && this.collapse(id, node, rt)) return PARKED;
        if (P.choice[node]) return this.choose(node);
        return P.next[node];
    }

    /** A child of spreader `node` by weight; a health-checked balancer skips the children it has taken out. */
    private choose(node: number): number {
        const P = this.k.program;
        const start = P.childStart[node], last = start + P.childCount[node] - 1;
        const u = this.k.rng.next();
        let k = start;
        while (k < last && u >= P.cumWeight[k]) k++;
        if (!P.checks[node] || !this.k.runtimes[P.comp[P.children[k]]].excluded) return P.children[k];
        let open = 0;
        for (let i = start; i <= last; i++) if (!this.k.runtimes[P.comp[P.children[i]]].excluded) open += weightAt(P.cumWeight, start, i);
        if (open === 0) return P.children[k];
        let pick = this.k.rng.next() * open;
        for (let i = start; i <= last; i++) {
            if (this.k.runtimes[P.comp[P.children[i]]].excluded) continue;
            pick -= weightAt(P.cumWeight, start, i);
            if (pick <= 0) return P.children[i];
        }
        return P.children[last];
    }

    /** A timer fired for `id`: a write-back flush or a message redelivery. */
    wake(id: number): void {
        const k = this.k, R = k.requests, P = k.program;
        const node = R.qnode[id];
        const rt = k.runtimes[P.comp[node]];
        if (R.flags[id] & FLUSH) {
            if (rt.live > 0 && rt.caches![R.origin[id]].clean(R.key[id])) k.advance(id, P.next[node], ENTER);
            else R.release(id);
        } else {
            this.enqueue(id, node, rt);
        }
    }

    /** The next queued message a free server of `pool` takes (a job again, at the consumer's node, done after its calls), or -1. */
    pull(pool: Pool): number {
        const k = this.k, P = k.program;
        const station = pool.station;
        for (const q of station.sources) {
            const rt = k.runtimes[q];
            const line = rt.queue!.line;
            if (!line.length) continue;
            const node = line.node[line.head];
            let child = -1;
            for (let c = P.childStart[node], end = c + P.childCount[node]; c < end; c++) {
                if (P.comp[P.children[c]] === station.comp) child = P.children[c];
            }
            if (child < 0) continue;
            const m = k.job({
                node: child, t0: line.since[line.head], key: line.key[line.head], flags: line.flags[line.head], flow: -1,
                // The consumer's subtree ends where the queue's does: never in the queue's later siblings.
                end: P.skip[node], parent: -1, replica: 0, origin: q, qnode: node, attempts: line.attempts[line.head], shard: -1,
                space: P.space[node], pin: -1,
            });
            if (m < 0) return -1;
            line.shift();
            this.depth(rt.queue!, -1);
            if (k.measuring) {
                rt.hist.record(k.now - k.requests.t0[m]);
                rt.completions++;
                if (k.writes(m, node)) rt.writes++;
                else rt.reads++;
            }
            return m;
        }
        return -1;
    }

    /** Round-robin partitioning: a read visits every shard; the parent waits for all. */
    scatter(id: number, node: number, rt: Runtime): void {
        const k = this.k, R = k.requests;
        const n = rt.router!.shards;
        R.pending[id] = n;
        R.resume[id] = k.program.next[node];
        for (let s = 0; s < n; s++) {
            const j = k.job({
                node, t0: k.now, key: R.key[id], flags: (R.flags[id] & (WRITE | MEASURED | DRAWN_WRITE)) | SUB, flow: R.flow[id],
                end: k.program.next[node], parent: id, replica: R.replica[id], origin: -1, qnode: -1, attempts: 0, shard: s,
                space: R.space[id], pin: -1,
            });
            if (j < 0) {
                R.flags[id] |= CHILD_FAILED;
                R.pending[id] -= n - s;
                if (R.pending[id] === 0) this.settle(id);
                return;
            }
            k.advance(j, node, INSIDE);
        }
    }

    /** A part of a scatter, a fan-out or a synchronous write is done (or failed). */
    join(id: number, failed: boolean): void {
        const R = this.k.requests;
        const parent = R.parent[id];
        if (failed) R.flags[parent] |= CHILD_FAILED;
        if (--R.pending[parent] === 0) this.settle(parent);
    }

    /** Wakes a collapsed miss's followers: served by the leader's answer, or failed with it. */
    releaseFollowers(leader: number, failed: boolean): void {
        const k = this.k, R = k.requests, P = k.program;
        const node = R.collapseNode[leader];
        k.runtimes[P.comp[node]].collapse!.delete(R.key[leader]);
        R.collapseNode[leader] = -1;
        let f = R.follower[leader];
        R.follower[leader] = -1;
        while (f >= 0) {
            const next = R.follower[f];
            R.follower[f] = -1;
            if (failed) k.fail(f);
            else k.advance(f, P.skip[R.node[f]], ENTER);
            f = next;
        }
    }

    /** A message failed: redeliver it, dead-letter it, or lose it. True when it lives on. */
    retry(id: number): boolean {
        const k = this.k, R = k.requests;
        const Q = k.runtimes[R.origin[id]].queue!;
        if (Q.redeliver && R.attempts[id] < Q.retries) {
            R.attempts[id]++;
            k.wakeAt(k.now + REDELIVERY_S, id);
            return true;
        }
        const entry = Q.deadLetter >= 0 ? k.program.deadLetterEntry.get(Q.deadLetter) : undefined;
        if (entry !== undefined) {
            Q.deadLettered++;
            const letter = k.job({
                node: entry, t0: k.now, key: R.key[id], flags: (R.flags[id] & (WRITE | MEASURED)) | BACKGROUND, flow: -1,
                end: k.program.skip[entry], parent: -1, replica: 0, origin: -1, qnode: -1, attempts: 0, shard: -1,
                space: R.space[id], pin: -1,
            });
            if (letter >= 0) k.advance(letter, entry, INSIDE);
            return false;
        }
        Q.lost++;
        return false;
    }

    private settle(parent: number): void {
        const k = this.k, R = k.requests;
        if (R.flags[parent] & CHILD_FAILED) {
            R.flags[parent] &= ~CHILD_FAILED;
            k.fail(parent);
        } else {
            k.advance(parent, R.resume[parent], ENTER);
        }
    }

    private cache(id: number, node: number, rt: Runtime): number {
        const k = this.k, R = k.requests, P = k.program;
        const key = R.key[id], now = k.now;
        const instance = rt.appServer ? R.replica[id] % rt.caches!.length : 0;
        const cache = rt.caches![instance];
        if (k.writes(id, node)) {
            if (rt.write === 'write_back') {
                const pending = cache.clean(key);
                this.flushEvicted(cache, cache.put(key, now, true), node, instance);
                if (!pending) {
                    const j = this.flushJob(key, node, instance);
                    if (j >= 0) k.wakeAt(now + WRITE_BACK_DELAY_S, j);
                }
                return P.skip[node];
            }
            if (rt.write === 'write_through') this.flushEvicted(cache, cache.put(key, now, false), node, instance);
            else if (rt.invalidateOnWrite) cache.invalidate(key);
            return P.next[node];
        }
        const hit = cache.lookup(key, now);
        if (k.measuring) {
            if (hit) rt.hits++;
            else rt.misses++;
        }
        if (hit) return P.skip[node];
        if (rt.collapse && this.collapse(id, node, rt)) return PARKED;
        this.flushEvicted(cache, cache.put(key, now, false), node, instance);
        return P.next[node];
    }

    private cdn(id: number, node: number, rt: Runtime): number {
        const k = this.k, R = k.requests, P = k.program;
        if (k.writes(id, node)) return P.next[node];
        const key = R.key[id];
        const hit = key <= rt.cdnRank || (key === rt.cdnRank + 1 && k.rng.next() < rt.cdnFraction);
        if (k.measuring) {
            if (hit) rt.hits++;
            else rt.misses++;
        }
        return hit ? P.skip[node] : P.next[node];
    }

    /** Joins an in-flight miss for the same key (true: parked as a follower) or leads one. */
    private collapse(id: number, node: number, rt: Runtime): boolean {
        const k = this.k, R = k.requests;
        if (R.collapseNode[id] >= 0) return false;
        const key = R.key[id];
        const leader = rt.collapse!.get(key);
        if (leader !== undefined) {
            R.follower[id] = R.follower[leader];
            R.follower[leader] = id;
            if (k.measuring) rt.collapsed++;
            return true;
        }
        rt.collapse!.set(key, id);
        R.collapseNode[id] = node;
        return false;
    }

    private flushJob(key: number, node: number, instance: number): number {
        const k = this.k;
        return k.job({
            node, t0: k.now, key, flags: BACKGROUND | FLUSH | WRITE, flow: -1,
            end: k.program.skip[node], parent: -1, replica: 0, origin: instance, qnode: node, attempts: 0, shard: -1,
            space: k.program.space[node], pin: -1,
        });
    }

    /** A dirty entry was evicted: write it downstream now. */
    private flushEvicted(cache: SimCache, key: number, node: number, instance: number): void {
        if (key < 0) return;
        cache.clean(key);
        const j = this.flushJob(key, node, instance);
        if (j >= 0) this.k.advance(j, this.k.program.next[node], ENTER);
    }

    /** Puts a message in queue `node`: a request that ends here is done once enqueued, its message lives on. */
    private enqueue(id: number, node: number, rt: Runtime): void {
        const k = this.k, R = k.requests, P = k.program;
        const Q = rt.queue!;
        const key = R.key[id], attempts = R.attempts[id];
        const flags = (R.flags[id] & (WRITE | MEASURED)) | BACKGROUND | MESSAGE;
        // A job someone waits for (a client's request, a call, a scatter part) is answered here.
        if (R.flags[id] & BACKGROUND) R.release(id);
        else k.finish(id);
        if (Q.depth >= Q.capacity) {
            Q.dropped++;
            return;
        }
        this.depth(Q, 1);
        if (P.childCount[node] === 0) return; // nobody consumes it: it stays in the queue, counted, not simulated
        if (Q.line.length >= MAX_QUEUED) k.stop('memory');
        Q.line.push(key, k.now, node, attempts, flags);
        // Offer it to a consumer chosen by capacity first, then to the others in turn.
        const start = P.childStart[node], count = P.childCount[node];
        const first = count > 1 ? pickWeighted(P.cumWeight, start, count, k.rng.next()) : 0;
        for (let i = 0; i < count && Q.line.length; i++) {
            for (const station of k.runtimes[P.comp[P.children[start + (first + i) % count]]].stations) {
                for (const pool of station.pools) k.refill(pool);
            }
        }
    }

    private depth(Q: QueueRuntime, delta: number): void {
        const k = this.k;
        Q.depth += delta;
        if (!(k.now < k.durationS)) return;
        const slice = Math.min(DEPTH_POINTS - 1, Math.floor((k.now / k.durationS) * DEPTH_POINTS));
        while (Q.lastSlice < slice) Q.series[++Q.lastSlice] = Q.depth - delta;
        if (Q.depth > Q.maxDepth) Q.maxDepth = Q.depth;
        if (Q.depth > Q.series[slice]) Q.series[slice] = Q.depth;
        Q.endDepth = Q.depth;
    }
}

/** The weight of child `i` of a choice whose cumulative weights start at `start`. */
function weightAt(cum: Float64Array, start: number, i: number): number {
    return cum[i] - (i > start ? cum[i - 1] : 0);
}

/** The offset (0..count-1) of the child that `u` (0..1) falls on by cumulative weight. */
function pickWeighted(cum: Float64Array, start: number, count: number, u: number): number {
    let i = 0;
    while (i < count - 1 && u >= cum[start + i]) i++;
    return i;
}
