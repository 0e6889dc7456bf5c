/**
 * Copies (language.md v2, "Copies and writes"): a store whose replicas each apply every write.
 * Each replica is a pool of its own (per shard). A write goes to the leader (under `leader
 * multi` or `none`, to any live replica, which coordinates it); once served there, every other
 * live replica of the shard applies it, and the write waits for the first K followers when
 * `replicas N sync K` says so. A read goes to a live replica among those `reads` names (under
 * `reads followers` to any live one when no follower is left). Losing the leader stops the
 * writes: `failover D` later the first live synchronous follower (else the first live one) is
 * promoted; without `failover` writes wait for the leader to return.
 */
import type { Kernel } from './kernel.js';
import type { Runtime } from './setup.js';
import type { Pool, Station } from './stations.js';
import { APPLY, BACKGROUND, MEASURED, SUB, WRITE } from './requests.js';
import { INSIDE, PLAIN } from './program.js';

/** Copied writes and leader routing, bound to one engine. */
export class Replicas {
    constructor(private readonly k: Kernel) {}

    /** The pool that serves job `id` at `station` of `rt`; undefined when none can (the job fails). */
    route(id: number, rt: Runtime, station: Station, write: boolean): Pool | undefined {
        const R = this.k.requests;
        const pools = station.pools;
        if (R.pin[id] >= 0) return pools[R.pin[id]];
        if (write) {
            if (rt.replication.mode !== 'single') return this.pick(pools, () => true);
            return rt.writable && !pools[rt.leader].down ? pools[rt.leader] : undefined;
        }
        const reads = rt.replication.reads;
        if (reads === 'any') return this.pick(pools, () => true);
        if (reads === 'leader') return pools[rt.leader].down ? undefined : pools[rt.leader];
        return this.pick(pools, (r) => r !== rt.leader) ?? this.pick(pools, () => true);
    }

    /**
     * Job `id` has written at `pool` of node `node`: the other live replicas of the shard apply
     * it. Returns true when the job waits for its synchronous followers (it goes on when they are done).
     */
    replicate(id: number, node: number, rt: Runtime, pool: Pool): boolean {
        const k = this.k, R = k.requests, P = k.program;
        // A synchronous follower holds the write back only where nothing else happens after service.
        let sync = P.behaviour[node] === PLAIN ? rt.replication.syncFollowers : 0;
        let waits = 0;
        for (const replica of pool.station.pools) {
            if (replica === pool) continue;
            const waited = sync-- > 0 && !replica.down;
            if (replica.down) continue;
            const j = k.job({
                node, t0: k.now, key: R.key[id], flags: (R.flags[id] & MEASURED) | WRITE | APPLY | (waited ? SUB : BACKGROUND),
                flow: R.flow[id], end: P.next[node], parent: waited ? id : -1, replica: R.replica[id], origin: -1, qnode: -1,
                attempts: 0, shard: pool.station.shard, space: R.space[id], pin: replica.replica,
            });
            if (j < 0) return false;
            if (waited) waits++;
            k.advance(j, node, INSIDE);
        }
        if (!waits) return false;
        R.pending[id] = waits;
        R.resume[id] = P.next[node];
        return true;
    }

    /** Replica `r` of `rt` went down: losing the leader stops the writes until a failover or its return. */
    down(rt: Runtime, r: number): void {
        if (rt.replication.mode !== 'single' || r !== rt.leader || !rt.writable) return;
        rt.writable = false;
        const failover = rt.replication.failoverS;
        if (failover !== undefined) this.k.at(this.k.now + failover, () => this.promote(rt));
    }

    /** Replica `r` of `rt` is back: the leader it was takes the writes again. */
    up(rt: Runtime, r: number): void {
        if (r === rt.leader) rt.writable = true;
    }

    /** The failover: the first live synchronous follower (else the first live follower) leads from now. */
    private promote(rt: Runtime): void {
        const pools = rt.stations[0].pools;
        if (rt.writable || !pools[rt.leader].down) return;
        const followers = pools.map((p) => p.replica).filter((r) => r !== rt.leader);
        const sync = followers.slice(0, rt.replication.syncFollowers);
        const next = sync.find((r) => !pools[r].down) ?? followers.find((r) => !pools[r].down);
        if (next === undefined) return;
        rt.leader = next;
        rt.writable = true;
    }

    /** A live pool among those `serves` accepts, chosen at random; undefined when there is none. */
    private pick(pools: readonly Pool[], serves: (r: number) => boolean): Pool | undefined {
        let live = 0;
        for (const p of pools) if (!p.down && serves(p.replica)) live++;
        if (!live) return undefined;
        let n = this.k.rng.int(live);
        for (const p of pools) if (!p.down && serves(p.replica) && n-- === 0) return p;
        return undefined;
    }
}
