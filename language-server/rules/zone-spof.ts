/**
 * zone-spof: a zone whose loss cuts a flow: every path of the flow enters it, so all the
 * replicas it needs sit in one failure domain. Reported on the components where the flow's
 * paths enter that zone, except those spof or shared-dependency-spof already report (one
 * replica: adding replicas in another zone fixes both). No thresholds.
 */
import { analyse } from '../analysis/model-analysis.js';
import type { CutUnit } from '../analysis/cuts.js';
import { at, describeUnits, list, plural } from './report-helpers.js';
import type { Rule } from './rule.js';

/** The zone-spof rule. */
export const zoneSpof: Rule = {
    id: 'zone-spof',
    meta: {
        description: 'All the replicas a flow needs sit in one zone, so losing that zone stops the flow.',
        severity: 'warning', fixable: false, category: 'design',
    },
    check({ model, report }) {
        const analysis = analyse(model);
        const single = new Map(analysis.spofs.map((s) => [s.component, new Set(s.units)]));
        const found = new Map<string, { zones: Set<string>; units: Set<CutUnit> }>();
        for (const cut of analysis.cuts.zoneCuts) {
            for (const name of cut.frontier) {
                if (single.get(name)?.has(cut.unit) || (analysis.shared.has(name) && model.components.get(name)?.replicas === 1)) continue;
                const entry = found.get(name) ?? { zones: new Set<string>(), units: new Set<CutUnit>() };
                entry.zones.add(cut.zone);
                entry.units.add(cut.unit);
                found.set(name, entry);
            }
        }
        for (const [name, { zones, units }] of found) {
            const component = model.components.get(name)!;
            const replicas = component.replicas === 1 ? 'its 1 replica' : `all ${plural(component.replicas, 'replica')}`;
            const where = zones.size === 1 ? `zone ${[...zones][0]}` : `zones ${list([...zones])} (each alone)`;
            report({
                message: `${name} has ${replicas} in ${where}, and losing ${zones.size === 1 ? 'that zone' : 'any of them'} stops ${describeUnits([...units])}.`,
                location: at(component, 'zones'), component: name,
            });
        }
    },
};
