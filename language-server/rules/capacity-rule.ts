/**
 * The shared check of capacity-exceeded and capacity-headroom: utilisation at peak (after
 * `[xN]`, `[P%]`, read/write steps and the caches in front) against a threshold, as
 * analysis/capacity.ts judges it: a database or store on its busiest replica of the mean shard,
 * reads on the replicas that serve them plus the writes each applies, its writes left to
 * write-bottleneck when they reach that rule's headroom. A tier fed only by queues pulls at
 * its own pace, so its overload shows as a growing queue: queue-unconsumed reports it instead.
 */
import { analyse } from '../analysis/model-analysis.js';
import { edgesTo } from '../analysis/edge-index.js';
import { judgedUtilisation, type CapacityFigures } from '../analysis/capacity.js';
import type { ArchComponent } from '../model/types.js';
import type { ComponentLoad } from '../analysis/traffic.js';
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
            const writesApart = threshold('write-bottleneck.headroom');
            for (const [name, load] of analyse(model).traffic.loads) {
                const component = model.components.get(name)!;
                const fed = edgesTo(model, name);
                if (fed.length && fed.every((e) => e.kind === 'consume')) continue;
                const figures = judgedUtilisation(component, load, writesApart);
                if (!figures || !spec.within(figures.utilisation, limit, threshold)) continue;
                report({ message: describe(component, load, figures), location: at(component, 'capacity'), component: name });
            }
        },
    };
}

/** What the component takes against what it serves, in words. */
function describe(component: ArchComponent, load: ComponentLoad, figures: CapacityFigures): string {
    const partition = partitionOf(component);
    const utilisation = `utilisation ${pct(figures.utilisation)}`;
    const replicas = figures.replicas;
    if (!replicas) {
        const shards = partition ? `${plural(partition.shards, 'shard')} × ` : '';
        return `${component.name} takes ${rps(load.rps)} at peak against ${rps(figures.capacityRps)} of capacity ` +
            `(${shards}${plural(component.replicas, 'replica')} × ${rps(component.capacityRps!)}): ${utilisation}.`;
    }
    const where = partition ? ' per shard' : '';
    const readers = `${rps(replicas.readRpsPerReplica)} of reads on ${replicas.readReplicas === 1 ? 'the one replica that serves them' : `each of the ${replicas.readReplicas} replicas that serve them`}`;
    const writes = figures.writesApart ? ' (its writes are write-bottleneck\'s finding)'
        : ` and ${rps(replicas.writeRpsPerShard)} of writes that every replica applies`;
    const capacities = replicas.writeCapacityRps !== replicas.readCapacityRps
        ? `${rps(replicas.readCapacityRps!)} of reads and ${rps(replicas.writeCapacityRps!)} of writes` : rps(replicas.readCapacityRps!);
    return `${component.name} takes ${readers}${where}${writes} at peak, against ${capacities} per replica: ${utilisation}.`;
}
