/**
 * How a store's copies share its work (language.md v2, "Copies and writes"). `replicas N`
 * counts every copy, the leader included. A read costs one replica: under a single leader the
 * replicas `reads` names (the leader, the followers, or any), under `multi` or `none` any. A
 * write costs every replica of its shard — the leader (or the coordinator) and each follower
 * applying it — under any leader mode, so only partitioning adds write capacity. These are the
 * copies of a database or store, and of a cache or queue that states its `leader`; the
 * replicas of everything else share its load. `write_capacity` is one replica's capacity for
 * writes where it differs from `capacity`. Lint, the estimate and the simulator all read here.
 */
import type { ArchComponent } from '../model/types.js';
import { isStore } from '../model/kinds.js';

/** Where a component's reads and writes go among its replicas. */
export interface Replication {
    /** Every replica applies every write (else the replicas share the load, reads and writes alike). */
    readonly copies: boolean;
    readonly replicas: number;
    readonly mode: 'single' | 'multi' | 'none';
    /** Where reads go; under multi or none always `any`. */
    readonly reads: 'leader' | 'followers' | 'any';
    /** Followers that acknowledge each write (replicas 1..K after the leader). */
    readonly syncFollowers: number;
    /** Seconds until a follower takes over a lost leader; undefined: manual (never within a run). */
    readonly failoverS?: number;
}

/** The replication of `component` (a plain shared-load tier when its writes are not copied). */
export function replicationOf(component: ArchComponent): Replication {
    const replicas = Math.max(1, Math.floor(component.replicas));
    const leader = 'leader' in component ? component.leader : undefined;
    const copies = leader !== undefined && replicas > 1 && (isStore(component) || 'leader' in component.properties);
    if (!copies || !leader) return { copies: false, replicas, mode: 'none', reads: 'any', syncFollowers: 0 };
    const mode = leader.mode;
    return {
        copies, replicas, mode,
        reads: mode === 'single' ? leader.reads : 'any',
        syncFollowers: mode === 'single' ? Math.min(replicas - 1, component.syncFollowers) : 0,
        failoverS: mode === 'single' ? leader.failoverS : undefined,
    };
}

/** Replicas that serve reads, per shard: 1 for the leader alone, N − 1 followers, or all N. */
export function readReplicas(replication: Replication): number {
    if (!replication.copies) return replication.replicas;
    if (replication.reads === 'leader') return 1;
    return replication.reads === 'followers' ? Math.max(1, replication.replicas - 1) : replication.replicas;
}

/** Whether replica `r` (0 = the leader) serves reads. */
export function servesReads(replication: Replication, r: number): boolean {
    if (!replication.copies || replication.reads === 'any') return true;
    if (replication.reads === 'leader' || replication.replicas === 1) return r === 0;
    return r > 0;
}

/** One replica's capacity for writes (`write_capacity`, else `capacity`); undefined when it has none. */
export function writeCapacityOf(component: ArchComponent): number | undefined {
    return (isStore(component) ? component.store.writeCapacityRps : undefined) ?? component.capacityRps;
}

/**
 * Operations per second on each replica (0 = the leader) of one shard taking `reads` and
 * `writes`: a copied write is applied by every replica; a shared-load tier splits both.
 */
export function replicaRates(replication: Replication, reads: number, writes: number): number[] {
    const n = replication.replicas;
    if (!replication.copies) return Array.from({ length: n }, () => (reads + writes) / n);
    const readers = readReplicas(replication);
    return Array.from({ length: n }, (_, r) => (servesReads(replication, r) ? reads / readers : 0) + writes);
}

/** What the replicas of a store take at peak, on its busiest shard, against their capacity. */
export interface ReplicaLoad {
    /** Replicas per shard that serve reads (as `reads` says). */
    readReplicas: number;
    /** Reads per second on the busiest replica that serves reads. */
    readRpsPerReplica: number;
    /** Writes per second reaching the busiest shard: each of its replicas applies every one. */
    writeRpsPerShard: number;
    /** One replica's capacity for reads (`capacity`) and for writes (`write_capacity`, else `capacity`). */
    readCapacityRps?: number;
    writeCapacityRps?: number;
    /** readRpsPerReplica over the read capacity. */
    readUtilisation?: number;
    /** writeRpsPerShard over one replica's write capacity: what `write-bottleneck` judges. */
    writeUtilisation?: number;
    /** The busiest replica's busy share: its reads over the read capacity plus its writes over the write capacity. */
    utilisation?: number;
}

/** The replica load of a store whose shards take `reads[i]` and `writes[i]` per second (one entry when unpartitioned). */
export function replicaLoad(component: ArchComponent, reads: readonly number[], writes: readonly number[]): ReplicaLoad {
    const replication = replicationOf(component);
    const readers = readReplicas(replication);
    const readCapacity = component.capacityRps;
    const writeCapacity = writeCapacityOf(component);
    const ratio = (x: number, capacity: number | undefined) => capacity === undefined ? undefined : capacity > 0 ? x / capacity : x > 0 ? Infinity : 0;
    let readPeak = 0, writePeak = 0, busiest = 0;
    for (let i = 0; i < Math.max(reads.length, writes.length); i++) {
        const r = (reads[i] ?? 0) / readers, w = writes[i] ?? 0;
        readPeak = Math.max(readPeak, r);
        writePeak = Math.max(writePeak, w);
        busiest = Math.max(busiest, (ratio(r, readCapacity) ?? 0) + (ratio(w, writeCapacity) ?? 0));
    }
    return {
        readReplicas: readers, readRpsPerReplica: readPeak, writeRpsPerShard: writePeak,
        readCapacityRps: readCapacity, writeCapacityRps: writeCapacity,
        readUtilisation: ratio(readPeak, readCapacity), writeUtilisation: ratio(writePeak, writeCapacity),
        utilisation: readCapacity === undefined && writeCapacity === undefined ? undefined : busiest,
    };
}
