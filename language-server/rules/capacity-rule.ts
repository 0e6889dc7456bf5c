/**
 * The shared check of capacity-exceeded and capacity-headroom: utilisation at peak against a
 * threshold. A tier fed only by queues pulls at its own pace, so its overload shows as a
 * growing queue: queue-unconsumed reports it instead.
 */
import { analyse } from '../analysis/model-analysis.js';
import { edgesTo } from '../analysis/edge-index.js';
import { capacityUtilisation } from '../analysis/traffic.js';
import { at, pct, plural, rps } from './report-helpers.js';
import type { Rule, RuleContext, Severity, ThresholdSpec } from './rule.js';
import { partitionOf } from '../model/kinds.js';

/** Builds a capacity rule that fires when `within(utilisation, threshold)`. */
export function capacityRule(spec: {
    id: string; description: string; severity: Severity; threshold: ThresholdSpec;
    within: (utilisation: number, limit: number, threshold: RuleContext['threshold']) => boolean;
}): Rule {
    return {
        id: spec.id,
        meta: { description: spec.description, severity: spec.severity, fixable: false, category: 'design', thresholds: { utilisation: spec.threshold } },
        check({ model, threshold, report }) {
            const limit = threshold('utilisation');
            for (const [name, load] of analyse(model).traffic.loads) {
                const component = model.components.get(name)!;
                const fed = edgesTo(model, name);
                if (fed.length && fed.every((e) => e.kind === 'consume')) continue;
                const capacity = capacityUtilisation(component, load);
                if (!capacity || !spec.within(capacity.utilisation, limit, threshold)) continue;
                const partition = partitionOf(component);
                const shards = partition ? `${plural(partition.shards, 'shard')} × ` : '';
                report({
                    message: `${name} takes ${rps(load.rps)} at peak against ${rps(capacity.capacityRps)} of capacity ` +
                        `(${shards}${plural(component.replicas, 'replica')} × ${rps(component.capacityRps!)}): utilisation ${pct(capacity.utilisation)}.`,
                    location: at(component, 'capacity'), component: name,
                });
            }
        },
    };
}
