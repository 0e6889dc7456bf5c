/**
 * modulo-resharding: `partition hash(k) shards N` without `consistent`: a key's shard is
 * hash mod N, so adding a shard moves about N/(N+1) of all keys. Offers `consistent vnodes 128`.
 * No thresholds.
 */
import { at, pct } from './report-helpers.js';
import type { Rule } from './rule.js';
import { partitionOf } from '../model/kinds.js';

/** The modulo-resharding rule. */
export const moduloResharding: Rule = {
    id: 'modulo-resharding',
    meta: {
        description: 'Hash partitioning by key mod N: adding a shard moves almost every key.',
        severity: 'warning', fixable: true, category: 'design',
    },
    check({ model, report }) {
        for (const component of model.components.values()) {
            const partition = partitionOf(component);
            const hash = partition?.schemes.find((s) => s.scheme === 'hash');
            if (!partition || !hash || partition.consistent || partition.shards < 2) continue;
            const n = partition.shards;
            const location = at(component, 'partition');
            // Insert after the last option ("after shards N"); a written vnodes only lacks `consistent`.
            const newText = partition.vnodes > 1 ? ' consistent' : ' consistent vnodes 128';
            report({
                message: `${component.name} places keys by hash(${hash.key}) mod ${n}, so adding a shard moves ~${pct(n / (n + 1))} of keys.`,
                location, component: component.name,
                fixes: component.properties.partition ? [{
                    title: 'Use consistent hashing with 128 vnodes',
                    edits: [{ uri: location.uri, range: { start: location.range.end, end: location.range.end }, newText }],
                }] : undefined,
            });
        }
    },
};
