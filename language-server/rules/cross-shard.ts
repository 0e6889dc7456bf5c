/** The shared check of cross-shard-join and cross-shard-reference: a store list property that touches a partitioned store. */
import { at, list } from './report-helpers.js';
import type { Rule } from './rule.js';
import { isStore, partitionOf } from '../model/kinds.js';

/** Builds a rule that reports `property` entries where this store or the listed one is partitioned. */
export function crossShardRule(spec: { id: string; description: string; property: 'joins' | 'references'; consequence: string }): Rule {
    return {
        id: spec.id,
        meta: { description: spec.description, severity: 'warning', fixable: false, category: 'design' },
        check({ model, report }) {
            const isPartitioned = (name: string) => {
                const component = model.components.get(name);
                return component !== undefined && partitionOf(component) !== undefined;
            };
            for (const store of model.components.values()) {
                if (!isStore(store)) continue;
                const crossing = store.store[spec.property].filter((t) => store.partition || isPartitioned(t));
                if (!crossing.length) continue;
                const partitioned = [store.name, ...crossing].filter((n, i, all) => isPartitioned(n) && all.indexOf(n) === i);
                report({
                    message: `${store.name} ${spec.property === 'joins' ? 'joins' : 'references'} ${list(crossing)} across the shards of ${list(partitioned)}: ${spec.consequence}.`,
                    location: at(store, spec.property), component: store.name,
                });
            }
        },
    };
}
