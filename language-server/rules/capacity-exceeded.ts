/**
 * capacity-exceeded: a tier whose utilisation at `rps × peak` (after fan-out, flow shares and
 * cache hits) is at least `capacity-exceeded.utilisation` (default 1): replicas × capacity,
 * and shards × replicas × capacity for a partitioned store, cannot serve what reaches it.
 */
import type { Rule } from './rule.js';
import { capacityRule } from './capacity-rule.js';

/** The capacity-exceeded rule. */
export const capacityExceeded: Rule = capacityRule({
    id: 'capacity-exceeded',
    description: 'A tier that receives more requests at peak than its replicas can serve.',
    severity: 'error',
    threshold: { default: 1, exclusiveMinimum: 0, description: 'Utilisation at peak (1 = full) from which a tier is reported as over capacity.' },
    within: (utilisation, limit) => utilisation >= limit,
});
