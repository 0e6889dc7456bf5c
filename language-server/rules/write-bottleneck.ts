/**
 * write-bottleneck: the writes reaching one shard of a store at peak, against one replica's
 * write capacity (`write_capacity`, else `capacity`): every replica of a shard applies every
 * write, under any leader mode, so adding replicas never adds write capacity — only
 * partitioning does. An error from `write-bottleneck.utilisation` (default 1), a warning from
 * `write-bottleneck.headroom` (default 0.8). The numbers are the traffic analysis's replica
 * load (analysis/replication.ts), whatever the reads do. Offers more shards (a hash partition
 * on an unpartitioned store) when they bring the busiest shard under the headroom.
 */
import { analyse } from '../analysis/model-analysis.js';
import { replicaLoad } from '../analysis/replication.js';
import { shardReadWrite, type ComponentLoad } from '../analysis/traffic.js';
import type { ArchModel, PartitionSpec, StoreComponent } from '../model/types.js';
import { isStore, partitionOf } from '../model/kinds.js';
import { partitionText } from './hot-shard.js';
import { at, pct, plural, propertyFix, rps } from './report-helpers.js';
import type { Fix, Rule } from './rule.js';

/** Most shards the fix proposes. */
const MAX_FIX_SHARDS = 4096;

/** The write-bottleneck rule. */
export const writeBottleneck: Rule = {
    id: 'write-bottleneck',
    meta: {
        description: 'The writes of one shard take more than one replica can apply: more replicas never help, only more shards.',
        severity: 'error', fixable: true, category: 'design',
        thresholds: {
            utilisation: { default: 1, exclusiveMinimum: 0, description: "Share of one replica's write capacity that one shard's writes may take before an error." },
            headroom: { default: 0.8, exclusiveMinimum: 0, description: "Share of one replica's write capacity from which one shard's writes are a warning." },
        },
    },
    check({ model, threshold, report }) {
        const limit = threshold('utilisation');
        const headroom = threshold('headroom');
        for (const [name, load] of analyse(model).traffic.loads) {
            const store = model.components.get(name)!;
            const replication = load.replication;
            const utilisation = replication?.writeUtilisation;
            if (!isStore(store) || !replication || utilisation === undefined || !(utilisation >= Math.min(limit, headroom))) continue;
            const partition = partitionOf(store);
            const shard = partition ? ` on its busiest of ${plural(partition.shards, 'shard')}` : '';
            const capacity = store.store.writeCapacityRps !== undefined ? 'write_capacity' : 'capacity';
            const copies = store.replicas > 1 ? `: each of its ${store.replicas} replicas applies every write, so more replicas do not help` : '';
            const fix = shardsFix(model, store, load, headroom);
            report({
                message: `${name} takes ${rps(replication.writeRpsPerShard)} of writes${shard} at peak, ${pct(utilisation)} of the ` +
                    `${rps(replication.writeCapacityRps ?? 0)} one replica applies (${capacity})${copies}.`,
                location: at(store, 'write_capacity', 'capacity', 'partition'), component: name,
                severity: utilisation >= limit ? 'error' : 'warning', fixes: fix && [fix],
            });
        }
    },
};

/**
 * More shards for `store` (a consistent hash partition on `id` where it has none): the fewest
 * powers of two, from the count the mean shard needs, that bring the busiest shard's writes
 * under `headroom`; undefined when no number does (a monotonic range puts every insert on the
 * newest shard; one hot key's writes stay on one shard).
 */
function shardsFix(model: ArchModel, store: StoreComponent, load: ComponentLoad, headroom: number): Fix | undefined {
    const current = partitionOf(store);
    const capacity = load.replication?.writeCapacityRps;
    const utilisation = load.replication?.writeUtilisation;
    if (capacity === undefined || utilisation === undefined || load.hotKeyWriteRps >= headroom * capacity) return undefined;
    if (current?.keyTrait === 'monotonic' && current.schemes.some((s) => s.scheme === 'range')) return undefined;
    const base: PartitionSpec = current ?? { schemes: [{ scheme: 'hash', key: 'id' }], shards: 1, consistent: true, vnodes: 128 };
    const needed = 2 ** Math.ceil(Math.log2(Math.max(2, (base.shards * utilisation) / headroom)));
    for (let shards = Math.max(base.shards * 2, needed), tries = 0; shards <= MAX_FIX_SHARDS && tries < 4; shards *= 2, tries++) {
        const partition = { ...base, shards };
        const split = shardReadWrite(model, { ...store, partition }, load);
        const after = replicaLoad({ ...store, partition }, split.reads, split.writes).writeUtilisation;
        if (after !== undefined && after < headroom) {
            return propertyFix(store, 'partition', partitionText(partition), `Partition ${store.name} over ${shards} shards`);
        }
    }
    return undefined;
}
