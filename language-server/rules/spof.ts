/**
 * spof: a component with one replica whose loss cuts some flow (or, without flows, some
 * client's requests). Computed on the traffic graph (analysis/cuts.ts), not from `replicas 1`
 * alone: a replica that another path bypasses, a client, an app_server cache (it lives in
 * each replica of its tier), or a component only an async branch needs (it cuts that branch
 * alone) is judged by what it actually cuts. Shared dependencies are left to
 * shared-dependency-spof. No thresholds.
 */
import { analyse } from '../analysis/model-analysis.js';
import { at, describeUnits, replicasFix } from './report-helpers.js';
import type { Rule } from './rule.js';

/** The spof rule. */
export const spof: Rule = {
    id: 'spof',
    meta: {
        description: 'A component with one replica and no standby whose loss cuts a flow.',
        severity: 'error', fixable: true, category: 'design',
    },
    check({ model, report }) {
        const analysis = analyse(model);
        for (const { component: name, units } of analysis.spofs) {
            if (analysis.shared.has(name)) continue;
            const component = model.components.get(name)!;
            report({
                message: `${name} has 1 replica and ${describeUnits(units)} cannot complete without it.`,
                location: at(component, 'replicas'), component: name, fixes: [replicasFix(component)],
            });
        }
    },
};
