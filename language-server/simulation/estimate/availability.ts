/**
 * Availability under a scenario's outages, in closed form and with the simulator's semantics:
 * a component with every replica down fails the requests through it (caches and CDNs fail
 * open) until a health-checked balancer in front takes it out of its choice; behind a
 * balancer, a dead replica takes its share of requests until the health check excludes it;
 * replicas sharing one queue lose capacity, not requests. Detection takes
 * `every × unhealthy_after + timeout` (analysis/failover.ts), so an outage is cut into
 * phases: before and after each balancer in front of what failed has noticed. A store with a
 * single leader that loses its leader fails every write (and, under `reads leader`, every
 * read) until `failover` has promoted a follower — for the whole outage without `failover`;
 * its other replicas' loss costs nothing, reads going to those alive.
 */
import type { ArchModel } from '../../model/types.js';
import { balancerOf, failoverOf } from '../../analysis/failover.js';
import { replicationOf } from '../../analysis/replication.js';
import type { Outage } from '../failures.js';
import { unitsOf } from '../stations.js';
import { cacheSpecOf, partitionOf } from '../../model/kinds.js';
import type { Failing } from './routes.js';

/** One phase of an outage as the estimate sees it: its span inside the run and who fails (per component index). */
export interface OutageEffect extends Failing {
    /** Start and length of the phase inside the run, seconds. */
    fromS: number;
    windowS: number;
}

/** What each outage does to the requests through each component, phase by phase, over a run of `durationS`. */
export function outageEffects(model: ArchModel, outages: Outage[], durationS: number): OutageEffect[] {
    const components = [...model.components.values()];
    const effects: OutageEffect[] = [];
    for (const outage of outages) {
        const from = Math.max(0, outage.atS), to = Math.min(durationS, outage.atS + outage.forS);
        if (!(to > from)) continue;
        const down = new Map<number, number>();
        const leaderless = new Set<number>();
        for (const [c, r] of outage.replicas) {
            down.set(c, (down.get(c) ?? 0) + 1);
            if (r === 0 && replicationOf(components[c]).mode === 'single') leaderless.add(c);
        }
        const detect = new Map([...down.keys()].map((c) => [c, failoverOf(model, components[c].name)?.detectS ?? Infinity]));
        const promoted = (c: number) => outage.atS + (replicationOf(components[c]).failoverS ?? Infinity);
        const changes = [...[...detect.values()].map((d) => outage.atS + d), ...[...leaderless].map(promoted)];
        const cuts = [...new Set([from, to, ...changes.filter((t) => t > from && t < to)])].sort((a, b) => a - b);
        for (let i = 0; i + 1 < cuts.length; i++) {
            const start = cuts[i];
            const reads = new Float64Array(components.length);
            const writes = new Float64Array(components.length);
            const excluded = new Uint8Array(components.length);
            for (const [c, k] of down) {
                const component = components[c];
                if (cacheSpecOf(component) || component.kind === 'cdn') continue;
                const noticed = start >= outage.atS + detect.get(c)!;
                const units = unitsOf(component);
                const replication = replicationOf(component);
                if (k >= units) {
                    reads[c] = writes[c] = 1;
                    excluded[c] = noticed ? 1 : 0;
                } else if (replication.copies) {
                    if (leaderless.has(c) && start < promoted(c)) {
                        writes[c] = 1;
                        reads[c] = replication.reads === 'leader' ? 1 : 0;
                    }
                } else if (!noticed && balancerOf(model, component.name) && !partitionOf(component)) {
                    reads[c] = writes[c] = k / units;
                }
            }
            effects.push({ fromS: start, windowS: cuts[i + 1] - start, reads, writes, excluded });
        }
    }
    return effects;
}
