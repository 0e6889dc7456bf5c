/**
 * hot-shard: the busiest shard of a partitioned store takes more than its share: its expected
 * load under the partitioning scheme (uniform keys, this store's read/write mix: range on a
 * monotonic or natural key, list with few lists, a consistent ring with few vnodes) exceeds
 * the mean by more than `hot-shard.imbalance` (default 0.25), or the busiest shard under the
 * actual skewed traffic exceeds its capacity (capacity × replicas) while its hottest key alone
 * does not (that is hot-key's finding). Shares come from the real
 * ring and router of analysis/partition.ts. Offers raising `vnodes` on a consistent ring when
 * a larger ring brings the imbalance under the threshold.
 */
import { analyse } from '../analysis/model-analysis.js';
import { cachedShardShares as shardShares } from '../analysis/shard-shares.js';
import type { ArchComponent, ArchModel, PartitionSpec } from '../model/types.js';
import { at, pct, rps, times } from './report-helpers.js';
import type { Fix, Rule } from './rule.js';
import { partitionOf } from '../model/kinds.js';

/** Largest ring the fix proposes, in vnodes per shard. */
const MAX_VNODES = 4096;
/** Ring points the fix tries at most (partition.ts caps its rings near here anyway). */
const MAX_RING = 1 << 20;

/** The hot-shard rule. */
export const hotShard: Rule = {
    id: 'hot-shard',
    meta: {
        description: 'One shard of a partitioned store takes much more than its share of the traffic.',
        severity: 'warning', fixable: true, category: 'design',
        thresholds: {
            imbalance: { default: 0.25, minimum: 0, description: "How far the busiest shard's expected load may exceed the mean, as a fraction of it." },
        },
    },
    check({ model, threshold, report }) {
        const limit = threshold('imbalance');
        const { loads } = analyse(model).traffic;
        for (const component of model.components.values()) {
            const partition = partitionOf(component);
            if (!partition || partition.shards < 2) continue;
            const load = loads.get(component.name);
            const readRatio = load && load.rps > 0 ? load.readRps / load.rps : model.workload.readRatio;
            const shares = structuralShares(model, partition, readRatio);
            const index = argmax(shares);
            const over = shares[index] * shares.length - 1;
            const shard = `shard ${index + 1} of ${partition.shards} in ${component.name}`;
            if (over > limit) {
                const traffic = load ? `, ${rps(load.rps * shares[index])} at peak` : '';
                const fix = vnodesFix(model, component, partition, readRatio, limit);
                report({
                    message: `${shard} takes ${pct(shares[index])} of its traffic${traffic}, ${times(over + 1)} the mean, under ${describe(partition)}.`,
                    location: at(component, 'partition'), component: component.name, fixes: fix && [fix],
                });
                continue;
            }
            const busiest = load?.busiestShard;
            const capacity = component.capacityRps === undefined ? undefined : component.capacityRps * component.replicas;
            // A shard overflowing because of one key is hot-key's finding.
            if (busiest && capacity !== undefined && busiest.rps > capacity && load.hotKeyRps <= capacity) {
                report({
                    message: `shard ${busiest.index + 1} of ${partition.shards} in ${component.name} takes ${rps(busiest.rps)} at peak, ${times(busiest.rps / capacity)} its capacity of ${rps(capacity)}.`,
                    location: at(component, 'partition'), component: component.name,
                });
            }
        }
    },
};

/** Index of the largest share (a loop: a spread over 65k shards would overflow the stack). */
function argmax(values: readonly number[]): number {
    let best = 0;
    for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
    return best;
}

/** Shard shares the scheme itself causes: uniform keys with the store's read/write mix. */
function structuralShares(model: ArchModel, partition: PartitionSpec, readRatio: number): number[] {
    return shardShares(partition, { ...model.workload, zipf: 0, readRatio });
}

function describe(partition: PartitionSpec): string {
    const schemes = partition.schemes.map((s) => (s.key ? `${s.scheme}(${s.key})` : s.scheme)).join(' then ');
    if (partition.consistent) return `a consistent ring of ${partition.vnodes} vnode${partition.vnodes === 1 ? '' : 's'} per shard`;
    return `${schemes} partitioning${partition.keyTrait ? ` on a ${partition.keyTrait} key` : ''}`;
}

/** Raises vnodes to the smallest power of two that brings the ring's imbalance under the limit. */
function vnodesFix(model: ArchModel, component: ArchComponent, partition: PartitionSpec, readRatio: number, limit: number): Fix | undefined {
    const written = component.properties.partition;
    if (!partition.consistent || !written || partition.schemes.length !== 1 || partition.schemes[0].scheme !== 'hash') return undefined;
    for (let vnodes = Math.max(2, partition.vnodes * 2); vnodes <= MAX_VNODES && vnodes * partition.shards <= MAX_RING; vnodes *= 2) {
        const shares = structuralShares(model, { ...partition, vnodes }, readRatio);
        if (shares[argmax(shares)] * shares.length - 1 <= limit) {
            return { title: `Use ${vnodes} vnodes per shard`, edits: [{ uri: written.uri, range: written.range, newText: partitionText({ ...partition, vnodes }) }] };
        }
    }
    return undefined;
}

/** The `partition ...` property text of a spec. */
export function partitionText(partition: PartitionSpec): string {
    const schemes = partition.schemes.map((s) => (s.scheme === 'round_robin' ? s.scheme : `${s.scheme}(${s.key})`)).join(' then ');
    const via = partition.via ? ` via ${partition.via}` : '';
    const ring = partition.consistent ? ` consistent vnodes ${partition.vnodes}` : '';
    return `partition ${schemes}${via} shards ${partition.shards}${ring}`;
}
