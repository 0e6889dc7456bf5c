/**
 * A scenario's `fail X at T for D` as replica outages: a component loses every replica; a zone
 * takes the replicas placed in it or in a zone nested in it (replica r of a component spread
 * over zones [z0, z1, ...] lives in z_(r mod k)). Replicas are modelled in at most MAX_UNITS
 units (stations.ts).
 */
import type { ArchModel, ScenarioFailure } from '../model/types.js';
import { unitsOf } from './stations.js';

/** One outage: these replicas are down from `atS` for `forS` seconds. */
export interface Outage {
    atS: number;
    forS: number;
    /** [component index, replica] pairs. */
    replicas: [number, number][];
}

/** The outages of a scenario's failures; components are indexed by `index`. */
export function outagesOf(model: ArchModel, failures: readonly ScenarioFailure[], index: Map<string, number>): Outage[] {
    return failures.map((failure) => {
        const replicas: [number, number][] = [];
        for (const component of model.components.values()) {
            const c = index.get(component.name)!;
            for (let r = 0, n = unitsOf(component); r < n; r++) {
                const zone = component.zones.length ? component.zones[r % component.zones.length] : undefined;
                const hit = failure.targetKind === 'component'
                    ? component.name === failure.target
                    : zone !== undefined && within(model, zone, failure.target);
                if (hit) replicas.push([c, r]);
            }
        }
        return { atS: failure.atS, forS: failure.forS, replicas };
    });
}

/** Whether `zone` is `target` or nested inside it. */
function within(model: ArchModel, zone: string, target: string): boolean {
    for (let z: string | undefined = zone, depth = 0; z !== undefined && depth < 64; z = model.zones.get(z)?.parent, depth++) {
        if (z === target) return true;
    }
    return false;
}
