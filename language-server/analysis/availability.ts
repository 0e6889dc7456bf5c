/**
 * Availability under a scenario's outages, in closed form and with the simulator's semantics:
 * a component with every replica down fails the requests through it for the whole outage
 * (caches and CDNs fail open); behind a balancer, a dead replica takes its share of requests
 * until the health check excludes it (interval × unhealthy_after; for the whole outage
 * without a health check); replicas sharing one queue lose capacity, not requests.
 */
import type { ArchModel } from '../model/types.js';
import type { Outage } from '../simulation/failures.js';
import { unitsOf } from '../simulation/stations.js';

/** One outage as the analytic model sees it: its length inside the run and who fails. */
export interface OutageEffect {
    /** Seconds of the outage inside the run. */
    windowS: number;
    /** Per component index: the fraction of requests through it that fail during the window. */
    failing: Float64Array;
}

/** What each outage does to the requests through each component, over a run of `durationS`. */
export function outageEffects(model: ArchModel, outages: Outage[], durationS: number): OutageEffect[] {
    const components = [...model.components.values()];
    const effects: OutageEffect[] = [];
    for (const outage of outages) {
        const from = Math.max(0, outage.atS), to = Math.min(durationS, outage.atS + outage.forS);
        if (!(to > from)) continue;
        const windowS = to - from;
        const down = new Map<number, number>();
        for (const [c] of outage.replicas) down.set(c, (down.get(c) ?? 0) + 1);
        const failing = new Float64Array(components.length);
        for (const [c, k] of down) {
            const component = components[c];
            if (component.cache || component.kind === 'cdn') continue;
            const units = unitsOf(component);
            if (k >= units) failing[c] = 1;
            else {
                const lb = balancerOf(model, component.name);
                if (lb && !component.partition) {
                    const detect = lb.healthCheck ? lb.healthCheck.intervalS * lb.healthCheck.unhealthyAfter : Infinity;
                    failing[c] = (k / units) * (Math.min(windowS, detect) / windowS);
                }
            }
        }
        effects.push({ windowS, failing });
    }
    return effects;
}

/** The balancer settings of the first load balancer with a call edge to `name`. */
export function balancerOf(model: ArchModel, name: string) {
    for (const e of model.edges) {
        if (e.to === name && e.kind === 'call') {
            const lb = model.components.get(e.from)?.loadBalancer;
            if (lb) return lb;
        }
    }
    return undefined;
}
