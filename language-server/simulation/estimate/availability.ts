/**
 * Availability under a scenario's outages, in closed form and with the simulator's semantics:
 * a component with every replica down fails the requests through it (caches and CDNs fail
 * open) until a health-checked balancer in front takes it out of its choice; behind a
 * balancer, a dead replica takes its share of requests until the health check excludes it;
 * replicas sharing one queue lose capacity, not requests. Detection takes
 * `every × unhealthy_after + timeout` (analysis/failover.ts), so an outage is cut into
 * phases: before and after each balancer in front of what failed has noticed.
 */
import type { ArchModel } from '../../model/types.js';
import { balancerOf, failoverOf } from '../../analysis/failover.js';
import type { Outage } from '../failures.js';
import { unitsOf } from '../stations.js';
import { cacheSpecOf, partitionOf } from '../../model/kinds.js';

/** One phase of an outage as the estimate sees it: its span inside the run and who fails. */
export interface OutageEffect {
    /** Start and length of the phase inside the run, seconds. */
    fromS: number;
    windowS: number;
    /** Per component index: the fraction of requests through it that fail during the phase. */
    failing: Float64Array;
    /** Per component index: 1 when a health check has taken it out (its balancer chooses among the rest). */
    excluded: Uint8Array;
}

/** What each outage does to the requests through each component, phase by phase, over a run of `durationS`. */
export function outageEffects(model: ArchModel, outages: Outage[], durationS: number): OutageEffect[] {
    const components = [...model.components.values()];
    const effects: OutageEffect[] = [];
    for (const outage of outages) {
        const from = Math.max(0, outage.atS), to = Math.min(durationS, outage.atS + outage.forS);
        if (!(to > from)) continue;
        const down = new Map<number, number>();
        for (const [c] of outage.replicas) down.set(c, (down.get(c) ?? 0) + 1);
        const detect = new Map([...down.keys()].map((c) => [c, failoverOf(model, components[c].name)?.detectS ?? Infinity]));
        const cuts = [...new Set([from, to, ...[...detect.values()].map((d) => outage.atS + d).filter((t) => t > from && t < to)])].sort((a, b) => a - b);
        for (let i = 0; i + 1 < cuts.length; i++) {
            const start = cuts[i];
            const failing = new Float64Array(components.length);
            const excluded = new Uint8Array(components.length);
            for (const [c, k] of down) {
                const component = components[c];
                if (cacheSpecOf(component) || component.kind === 'cdn') continue;
                const noticed = start >= outage.atS + detect.get(c)!;
                const units = unitsOf(component);
                if (k >= units) {
                    failing[c] = 1;
                    excluded[c] = noticed ? 1 : 0;
                } else if (!noticed && balancerOf(model, component.name) && !partitionOf(component)) {
                    failing[c] = k / units;
                }
            }
            effects.push({ fromS: start, windowS: cuts[i + 1] - start, failing, excluded });
        }
    }
    return effects;
}
