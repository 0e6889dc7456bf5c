/**
 * Reads and writes per shard of a partitioned store, under the keys of its own key space: reads
 * that reach it directly follow the key skew, reads that a cache in front missed are spread
 * over the tail of the key space (close to uniform), and writes land where the scheme puts them
 * (a monotonic range key puts every new write on the newest shard, round robin deals them out).
 */
import type { ArchComponent, ArchModel } from '../model/types.js';
import { partitionOf } from '../model/kinds.js';
import { shardCount } from './partition.js';
import { cachedShardShares as shardShares } from './shard-shares.js';
import { keySpaceOf, withSpace } from './key-spaces.js';

/** What reaches a store, as shard loads need it. */
export type ShardInput = { readRps: number; writeRps: number; missedReadRps: number };

/** Reads and writes per second on each shard (one entry each when unpartitioned). */
export function shardReadWrite(model: ArchModel, component: ArchComponent, load: ShardInput): { reads: number[]; writes: number[] } {
    const partition = partitionOf(component);
    if (!partition) return { reads: [load.readRps], writes: [load.writeRps] };
    const workload = withSpace(model.workload, keySpaceOf(model, component));
    const direct = load.readRps - load.missedReadRps;
    const readShares = direct > 0 ? shardShares(partition, { ...workload, readRatio: 1 }) : [];
    const missedShares = load.missedReadRps > 0 ? shardShares(partition, { ...workload, zipf: 0, readRatio: 1 }) : [];
    const writeShares = load.writeRps > 0 ? shardShares(partition, { ...workload, readRatio: 0 }) : [];
    const n = shardCount(partition);
    return {
        reads: Array.from({ length: n }, (_, i) => direct * (readShares[i] ?? 0) + load.missedReadRps * (missedShares[i] ?? 0)),
        writes: Array.from({ length: n }, (_, i) => load.writeRps * (writeShares[i] ?? 0)),
    };
}

/** Per-shard requests per second of a partitioned store under the traffic that reaches it. */
export function shardLoads(model: ArchModel, component: ArchComponent, load: ShardInput): number[] {
    const { reads, writes } = shardReadWrite(model, component, load);
    return reads.map((r, i) => r + writes[i]);
}
