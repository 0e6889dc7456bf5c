/** The shared check of cross-shard-join and cross-shard-reference: a store list property that touches a partitioned store. */
import { at, list } from './report-helpers.js';
import type { Rule } from './rule.js';

/** Builds a rule that reports `property` entries where this store or the listed one is partitioned. */
export function crossShardRule(spec: { id: string; description: string; property: 'joins' | 'references'; consequence: string }): Rule {
    return {
        id: spec.id,
        meta: { description: spec.description, severity: 'warning', fixable: false, category: 'design' },
        check({ model, report }) {
            for (const store of model.components.values()) {
                const targets = store.store?.[spec.property] ?? [];
                const crossing = targets.filter((t) => store.partition || model.components.get(t)?.partition);
                if (!crossing.length) continue;
                const partitioned = [store.name, ...crossing].filter((n, i, all) => model.components.get(n)?.partition && all.indexOf(n) === i);
                report({
                    message: `${store.name} ${spec.property === 'joins' ? 'joins' : 'references'} ${list(crossing)} across the shards of ${list(partitioned)}: ${spec.consequence}.`,
                    location: at(store, spec.property), component: store.name,
                });
            }
        },
    };
}
