/**
 * capacity-headroom: a tier whose utilisation at `rps × peak` is at least
 * `capacity-headroom.utilisation` (default 0.8) but below capacity-exceeded's threshold: queues
 * grow sharply near saturation (M/M/c waits rise as 1 / (1 − utilisation)), and a lost replica
 * tips it over.
 */
import type { Rule } from './rule.js';
import { capacityRule } from './capacity-rule.js';

/** The capacity-headroom rule. */
export const capacityHeadroom: Rule = capacityRule({
    id: 'capacity-headroom',
    description: 'A tier running above 80% of its capacity at peak.',
    severity: 'warning', threshold: 0.8,
    within: (utilisation, limit, thresholds) => utilisation >= limit && utilisation < thresholds['capacity-exceeded.utilisation'],
});
