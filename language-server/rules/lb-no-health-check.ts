/**
 * lb-no-health-check: a load balancer without `health_check`: it keeps sending requests to a
 * dead replica, so one failed replica fails its share of all traffic instead of none. No thresholds.
 */
import { edgesFrom } from '../analysis/edge-index.js';
import { at } from './report-helpers.js';
import type { Rule } from './rule.js';

/** The lb-no-health-check rule. */
export const lbNoHealthCheck: Rule = {
    id: 'lb-no-health-check',
    meta: {
        description: 'A load balancer that never checks whether the replicas behind it are alive.',
        severity: 'warning', fixable: false, category: 'design',
    },
    check({ model, report }) {
        for (const lb of model.components.values()) {
            if (lb.kind !== 'loadbalancer' || lb.loadBalancer?.healthCheck) continue;
            const behind = edgesFrom(model, lb.name).filter((e) => e.kind === 'call').length;
            report({
                message: `${lb.name} has no health_check, so it keeps sending ${behind > 1 ? 'a share of ' : ''}requests to a replica that has died.`,
                location: at(lb), component: lb.name,
            });
        }
    },
};
