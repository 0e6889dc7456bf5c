/**
 * cross-shard-reference: `references [x]` where this store or x is partitioned: no database
 * enforces a foreign key across shards, so referential integrity moves into the application.
 * No thresholds.
 */
import { crossShardRule } from './cross-shard.js';
import type { Rule } from './rule.js';

/** The cross-shard-reference rule. */
export const crossShardReference: Rule = crossShardRule({
    id: 'cross-shard-reference', property: 'references',
    description: 'A foreign-key reference between stores where one of them is partitioned.',
    consequence: 'no database enforces that reference across shards, so the application must',
});
