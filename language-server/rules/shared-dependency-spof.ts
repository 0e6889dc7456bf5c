/**
 * shared-dependency-spof: a shared dependency with one replica: the lookup service of
 * `partition directory`, a cache with `placement global`, or a load balancer that every flow
 * (or every client) needs. Its loss stops everything that shares it at once. No thresholds.
 */
import { analyse } from '../analysis/model-analysis.js';
import { callersOf } from '../analysis/caches.js';
import { at, describeUnits, list, replicasFix } from './report-helpers.js';
import type { Rule } from './rule.js';

/** The shared-dependency-spof rule. */
export const sharedDependencySpof: Rule = {
    id: 'shared-dependency-spof',
    meta: {
        description: 'A directory service, global cache or load balancer that everything shares, with one replica.',
        severity: 'error', fixable: true, category: 'design',
    },
    check({ model, report }) {
        for (const [name, role] of analyse(model).shared) {
            const component = model.components.get(name)!;
            if (component.replicas !== 1) continue;
            let why: string;
            if (role.role === 'directory') why = `every request to ${list(role.stores)} looks its shard up there`;
            else if (role.role === 'balancer') why = `${describeUnits(role.units)} all pass it`;
            else {
                const users = [...new Set(callersOf(model, name).map((c) => c.name))];
                why = users.length ? `it is a global cache shared by ${list(users)}` : 'it is a global cache';
            }
            report({
                message: `${name} has 1 replica and ${why}.`,
                location: at(component, 'replicas'), component: name, fixes: [replicasFix(component)],
            });
        }
    },
};
