/**
 * Availability under a scenario's outages, in closed form and with the simulator's semantics:
 * a component with every replica down fails the requests through it (caches and CDNs fail
 * open) until a health-checked balancer in front takes it out of its choice; behind a
 * balancer, a dead replica takes its share of requests until the health check excludes it;
 * replicas sharing one queue lose capacity, not requests. Detection takes
 * `every × unhealthy_after + timeout` (analysis/failover.ts), so a scenario's time is cut into
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

/** One phase of a scenario's outages as the estimate sees it: its span inside the run and who fails (per component index). */
export interface OutageEffect extends Failing {
    /** Start and length of the phase inside the run, seconds. */
    fromS: number;
    windowS: number;
}

/**
 * What a scenario's outages do to the requests through each component, phase by phase, over a
 * run of `durationS`. A replica is down while any outage holds it, as in the simulator:
 * overlapping outages of one replica are one, and components down at once fail together (a
 * health check with every child taken out routes to all of them).
 */
export function outageEffects(model: ArchModel, outages: Outage[], durationS: number): OutageEffect[] {
    const components = [...model.components.values()];
    // Per component, per replica: the spans it is down, overlapping outages merged.
    const down = new Map<number, Map<number, [number, number][]>>();
    for (const outage of outages) {
        for (const [c, r] of outage.replicas) {
            const replicas = down.get(c) ?? new Map<number, [number, number][]>();
            down.set(c, replicas.set(r, [...(replicas.get(r) ?? []), [outage.atS, outage.atS + outage.forS]]));
        }
    }
    for (const replicas of down.values()) for (const [r, spans] of replicas) replicas.set(r, merged(spans));
    const detect = new Map([...down.keys()].map((c) => [c, failoverOf(model, components[c].name)?.detectS ?? Infinity]));
    const leaderOnly = (c: number) => replicationOf(components[c]).mode === 'single';
    const promotion = (c: number) => replicationOf(components[c]).failoverS ?? Infinity;
    const changes: number[] = [];
    for (const [c, replicas] of down) {
        for (const [r, spans] of replicas) {
            for (const [from, to] of spans) changes.push(from, to, from + detect.get(c)!, ...(r === 0 && leaderOnly(c) ? [from + promotion(c)] : []));
        }
    }
    const cuts = [...new Set([0, durationS, ...changes.filter((t) => t > 0 && t < durationS)])].sort((a, b) => a - b);
    const effects: OutageEffect[] = [];
    for (let i = 0; i + 1 < cuts.length; i++) {
        const start = cuts[i];
        const reads = new Float64Array(components.length);
        const writes = new Float64Array(components.length);
        const excluded = new Uint8Array(components.length);
        let any = false;
        for (const [c, replicas] of down) {
            // When each replica down at `start` went down.
            const since = new Map<number, number>();
            for (const [r, spans] of replicas) {
                const span = spans.find(([from, to]) => from <= start && start < to);
                if (span) since.set(r, span[0]);
            }
            if (!since.size) continue;
            any = true;
            const component = components[c];
            if (cacheSpecOf(component) || component.kind === 'cdn') continue;
            const units = unitsOf(component);
            const replication = replicationOf(component);
            if (since.size >= units) {
                reads[c] = writes[c] = 1;
                // A check notices the component once it has been wholly down for its detection time.
                excluded[c] = start >= Math.max(...since.values()) + detect.get(c)! ? 1 : 0;
            } else if (replication.copies) {
                const leaderSince = since.get(0);
                if (leaderSince !== undefined && leaderOnly(c) && start < leaderSince + promotion(c)) {
                    writes[c] = 1;
                    reads[c] = replication.reads === 'leader' ? 1 : 0;
                }
            } else if (balancerOf(model, component.name) && !partitionOf(component)) {
                // Each dead replica takes its share until the check notices it.
                const unnoticed = [...since.values()].filter((from) => start < from + detect.get(c)!).length;
                reads[c] = writes[c] = unnoticed / units;
            }
        }
        if (any) effects.push({ fromS: start, windowS: cuts[i + 1] - start, reads, writes, excluded });
    }
    return effects;
}

/** Spans with those that overlap or touch joined, in order. */
function merged(spans: [number, number][]): [number, number][] {
    const out: [number, number][] = [];
    for (const [from, to] of [...spans].sort((a, b) => a[0] - b[0])) {
        const last = out[out.length - 1];
        if (last && from <= last[1]) last[1] = Math.max(last[1], to);
        else out.push([from, to]);
    }
    return out;
}
