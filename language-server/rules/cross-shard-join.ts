/**
 * cross-shard-join: `joins [x]` where this store or x is partitioned: the join must gather
 * rows from every shard over the network, on every query. Denormalise, or co-partition by the
 * join key. No thresholds.
 */
import { crossShardRule } from './cross-shard.js';
import type { Rule } from './rule.js';

/** The cross-shard-join rule. */
export const crossShardJoin: Rule = crossShardRule({
    id: 'cross-shard-join', property: 'joins',
    description: 'A join between stores where one of them is partitioned.',
    consequence: 'every such query gathers rows from all shards; denormalise or co-partition by the join key',
});
