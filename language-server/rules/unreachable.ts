/**
 * unreachable: a component that no flow (or, without flows, no client) reaches, following
 * calls, async enqueues, queue consumers, directory lookups, dead letter queues, and the stores
 * a reached store joins or references. Clients are origins and are not reported. A model with
 * no client and no flow has no traffic to judge by (a sketch of components), so nothing is
 * reported there. No thresholds.
 */
import { analyse } from '../analysis/model-analysis.js';
import { at } from './report-helpers.js';
import type { Rule } from './rule.js';

/** The unreachable rule. */
export const unreachable: Rule = {
    id: 'unreachable',
    meta: {
        description: 'A component that no traffic reaches.',
        severity: 'warning', fixable: false, category: 'design',
    },
    check({ model, report }) {
        const analysis = analyse(model);
        if (!analysis.graph.sources.length) return;
        const reached = analysis.reached;
        const by = model.flows.length ? 'no flow passes it' : 'no client reaches it along the connections';
        for (const component of model.components.values()) {
            if (component.kind === 'client' || reached.has(component.name)) continue;
            report({ message: `${component.name} carries no traffic: ${by}.`, location: at(component), component: component.name });
        }
    },
};
