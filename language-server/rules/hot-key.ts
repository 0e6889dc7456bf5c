/**
 * hot-key: the hottest key's rate at peak, as it reaches a store (after the CDNs and caches in
 * front have served their hits, which for the hottest key is nearly all of its reads), against
 * the one shard that holds it (an unpartitioned store is one shard): its reads against the
 * replicas that serve reads, its writes against one replica's write capacity (every replica
 * applies them). No partitioning spreads one key. The key's share comes from the store's own
 * key space (`keys N zipf s`, else the workload's). Threshold `hot-key.utilisation` (default
 * 1): the share of that shard's capacity the hottest key may take.
 */
import { analyse } from '../analysis/model-analysis.js';
import { readReplicas, replicationOf, writeCapacityOf } from '../analysis/replication.js';
import { at, pct, rps } from './report-helpers.js';
import type { Rule } from './rule.js';
import { isStore, partitionOf } from '../model/kinds.js';

/** The hot-key rule. */
export const hotKey: Rule = {
    id: 'hot-key',
    meta: {
        description: 'The most popular key alone takes more than one shard can serve.',
        severity: 'error', fixable: false, category: 'design',
        thresholds: {
            utilisation: { default: 1, exclusiveMinimum: 0, description: "Share of one shard's capacity the hottest key may take (1 = all of it)." },
        },
    },
    check({ model, threshold, report }) {
        const limit = threshold('utilisation');
        const { loads } = analyse(model).traffic;
        for (const component of model.components.values()) {
            const load = loads.get(component.name);
            const readCapacity = component.capacityRps;
            const writeCapacity = writeCapacityOf(component);
            if (!isStore(component) || readCapacity === undefined || writeCapacity === undefined || !load) continue;
            const readers = readReplicas(replicationOf(component));
            const ratio = (x: number, capacity: number) => (capacity > 0 ? x / capacity : x > 0 ? Infinity : 0);
            const utilisation = ratio(load.hotKeyReadRps, readers * readCapacity) + ratio(load.hotKeyWriteRps, writeCapacity);
            if (!(utilisation > limit)) continue;
            const shard = partitionOf(component) ? 'its shard' : 'the store (one shard)';
            const writes = load.hotKeyWriteRps > 0 ? `, and ${rps(load.hotKeyWriteRps)} of writes against the ${rps(writeCapacity)} each replica applies` : '';
            report({
                message: `${component.name}'s hottest key takes ${rps(load.hotKeyReadRps)} of reads at peak after the caches in front, against the ` +
                    `${rps(readers * readCapacity)} that ${readers === 1 ? 'the one replica' : `the ${readers} replicas`} of ${shard} serving reads can take${writes}: ` +
                    `${pct(utilisation)} of what one shard serves.`,
                location: at(component, 'partition', 'keys', 'capacity'), component: component.name,
            });
        }
    },
};
