/**
 * manual-failover: a single-leader component (a database by default, or any that says
 * `leader single`) with followers and no `failover`: when the leader is lost, every write
 * stops until someone promotes a follower by hand. A component that the declared flows never
 * write is exempt (nothing waits on its leader). Offers `failover 30s`. No thresholds.
 */
import { analyse } from '../analysis/model-analysis.js';
import { leaderOf } from '../model/kinds.js';
import { at, plural, propertyFix } from './report-helpers.js';
import type { Rule } from './rule.js';

/** The manual-failover rule. */
export const manualFailover: Rule = {
    id: 'manual-failover',
    meta: {
        description: 'A single leader with followers but no automatic failover: losing it stops every write until someone promotes a follower.',
        severity: 'warning', fixable: true, category: 'design',
    },
    check({ model, report }) {
        const loads = model.flows.length ? analyse(model).traffic.loads : undefined;
        for (const component of model.components.values()) {
            const leader = leaderOf(component);
            if (leader?.mode !== 'single' || component.replicas < 2 || leader.failoverS !== undefined) continue;
            if (loads && !((loads.get(component.name)?.writeRps ?? 0) > 0)) continue;
            report({
                message: `${component.name} has a single leader and ${plural(component.replicas - 1, 'follower')} but no failover: ` +
                    'losing the leader stops every write until a follower is promoted by hand.',
                location: at(component, 'leader', 'replicas'), component: component.name,
                fixes: [propertyFix(component, 'failover', 'failover 30s', `Fail ${component.name} over to a follower automatically`)],
            });
        }
    },
};
