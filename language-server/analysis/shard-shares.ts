/**
 * shardShares (partition.ts) memoised for the rules and the traffic analysis: the editor
 * revalidates on every keystroke, and many stores share one partition spec. A store's share
 * is linear in its read ratio, so where reads and writes are routed differently (range on a
 * monotonic key, round robin) they are computed once each and mixed; elsewhere the ratio does
 * not matter and one computation serves every mix.
 */
import type { PartitionSpec, Workload } from '../model/types.js';
import { shardShares } from './partition.js';

const memo = new Map<string, readonly number[]>();
/** Entries kept before the memo starts over (a workspace has far fewer distinct specs). */
const MEMO_LIMIT = 1024;

/** Traffic fraction per shard (sums to 1) for `partition` under `workload`, as shardShares computes it. */
export function cachedShardShares(partition: PartitionSpec, workload: Workload): number[] {
    if (!writesRouteApart(partition)) return [...pure(partition, workload, 1)];
    const read = Math.min(1, Math.max(0, workload.readRatio));
    const reads = read > 0 ? pure(partition, workload, 1) : undefined;
    const writes = read < 1 ? pure(partition, workload, 0) : undefined;
    const n = (reads ?? writes)!.length;
    return Array.from({ length: n }, (_, i) => read * (reads?.[i] ?? 0) + (1 - read) * (writes?.[i] ?? 0));
}

/** Whether a write may land on another shard than a read of the same key. */
function writesRouteApart(partition: PartitionSpec): boolean {
    return partition.schemes.some((s) => s.scheme === 'round_robin' || (s.scheme === 'range' && partition.keyTrait === 'monotonic'));
}

function pure(partition: PartitionSpec, workload: Workload, readRatio: number): readonly number[] {
    // The key's name is left out: it does not move keys, and stores partitioned by their own keys share one entry.
    const schemes = partition.schemes.map((s) => s.scheme).join('>');
    const key = [schemes, partition.shards, partition.consistent, partition.vnodes, partition.keyTrait, workload.keys, workload.zipf, readRatio].join('|');
    let shares = memo.get(key);
    if (!shares) {
        shares = shardShares(partition, { ...workload, readRatio });
        if (memo.size >= MEMO_LIMIT) memo.clear();
        memo.set(key, shares);
    }
    return shares;
}
