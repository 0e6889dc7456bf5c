/**
 * Where each component is drawn. A component nested in a zone is drawn there; one that
 * `zones [a, b]` spreads over several zones is drawn once in each (a copy per zone, each with an
 * "also in" chip), because a zone is a failure domain: a reader should see at a glance what is
 * left of each zone when another one fails, and no zone box should look empty. (One node
 * spanning the zones cannot be drawn by a layered layout whose zones are nested boxes.)
 * A connection to a spread component goes to the copies in the caller's zone, else to all.
 */
import type { ArchModel } from '../model/types.js';

/** A component's place: its zone, or undefined at the top level. */
export type Place = string | undefined;

/** The zones each component is drawn in, and which copies a connection links. */
export class ZonePlacement {
    private readonly places = new Map<string, Place[]>();

    constructor(private readonly model: ArchModel) {
        for (const c of model.components.values()) {
            const listed = [...new Set(c.zones.filter((z) => model.zones.has(z)))];
            const nested = c.zonePath.length ? c.zonePath[c.zonePath.length - 1] : undefined;
            this.places.set(c.name, listed.length > 1 ? listed : [nested && model.zones.has(nested) ? nested : listed[0]]);
        }
    }

    /** Where `component` is drawn: one place, or one per zone it is spread over. */
    placesOf(component: string): Place[] {
        return this.places.get(component) ?? [undefined];
    }

    /** Whether `component` is drawn in several zones. */
    isSpread(component: string): boolean {
        return this.placesOf(component).length > 1;
    }

    /** The pairs of copies a connection from `from` to `to` links. */
    links(from: string, to: string): [Place, Place][] {
        const sources = this.placesOf(from), targets = this.placesOf(to);
        if (sources.length === 1 && targets.length === 1) return [[sources[0], targets[0]]];
        if (sources.length > 1 && targets.length > 1) {
            const shared = sources.filter((z) => targets.includes(z));
            return shared.length ? shared.map((z): [Place, Place] => [z, z]) : [[sources[0], targets[0]]];
        }
        if (sources.length === 1) return this.near(sources[0], targets).map((t): [Place, Place] => [sources[0], t]);
        return this.near(targets[0], sources).map((s): [Place, Place] => [s, targets[0]]);
    }

    /** The copies in a zone that holds `place`, else every copy. */
    private near(place: Place, copies: Place[]): Place[] {
        const around = new Set<string>();
        for (let z = place; z !== undefined && !around.has(z); z = this.model.zones.get(z)?.parent) around.add(z);
        const inside = copies.filter((c) => c !== undefined && around.has(c));
        return inside.length ? inside : copies;
    }
}
