/**
 * hot-key: the hottest key's rate at peak, as it reaches a partitioned store (after the CDNs
 * and caches in front have served their hits, which for the hottest key is nearly all of its
 * reads), exceeds one shard's capacity (capacity × replicas): no partitioning spreads one key.
 * Threshold `hot-key.utilisation` (default 1): the share of a shard's capacity the hottest key may take.
 */
import { analyse } from '../analysis/model-analysis.js';
import { at, rps, times } from './report-helpers.js';
import type { Rule } from './rule.js';
import { partitionOf } from '../model/kinds.js';

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
            if (!partitionOf(component) || component.capacityRps === undefined || !load) continue;
            const shardCapacity = component.capacityRps * component.replicas;
            if (!(load.hotKeyRps > shardCapacity * limit)) continue;
            report({
                message: `${component.name}'s hottest key takes ${rps(load.hotKeyRps)} at peak after the caches in front, ` +
                    `${times(load.hotKeyRps / shardCapacity)} the ${rps(shardCapacity)} one shard serves.`,
                location: at(component, 'partition'), component: component.name,
            });
        }
    },
};
