/**
 * What every export writes, independent of the target syntax: the zone tree with the components
 * declared in each zone, one connection per pair, and the words on nodes and edges. Model text is
 * untrusted, so each target gets identifiers it allocates itself (names kept where they are safe)
 * and escapes labels with its own rules.
 */
import type { ArchComponent, ArchEdge, ArchModel, ArchZone } from '../model/types.js';
import { callTexts, leaderText } from '../model/summary.js';

/** Identifiers every target accepts bare: an ASCII letter, then letters, digits, `_`. */
const SAFE_ID = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Identifiers for the zones and components of one model in one target. */
export interface ExportIds {
    zone(name: string): string;
    component(name: string): string;
}

/**
 * Allocates one identifier per zone and component, unique across both: the name itself where it
 * is a safe identifier and not one of `reserved` (compared case-insensitively), else a cleaned
 * name with a numeric suffix. Declaration order makes the choice deterministic.
 */
export function allocateIds(model: ArchModel, reserved: ReadonlySet<string>): ExportIds {
    const names = [...model.zones.keys(), ...model.components.keys()];
    const keeps = (name: string) => SAFE_ID.test(name) && !reserved.has(name.toLowerCase());
    // Names that can stay are claimed first, so that only the others change.
    const used = new Set<string>();
    const kept = new Set(names.filter((name) => keeps(name) && !used.has(name.toLowerCase()) && used.add(name.toLowerCase())));
    const take = (name: string, first: boolean): string => {
        if (first && kept.has(name)) return name;
        const cleaned = SAFE_ID.test(name) ? name : `n_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
        let id = cleaned;
        for (let n = 2; used.has(id.toLowerCase()) || reserved.has(id.toLowerCase()); n++) id = `${cleaned}_${n}`;
        used.add(id.toLowerCase());
        return id;
    };
    const zones = new Map([...model.zones.keys()].map((name) => [name, take(name, true)]));
    const components = new Map([...model.components.keys()].map((name) => [name, take(name, !model.zones.has(name))]));
    return {
        zone: (name) => zones.get(name)!,
        component: (name) => components.get(name)!,
    };
}

/** A zone with what is declared directly inside it. */
interface ZoneTree {
    zone: ArchZone;
    components: ArchComponent[];
    zones: ZoneTree[];
}

/** The top level of a model: its root zones and the components outside every zone. */
interface ModelTree {
    zones: ZoneTree[];
    components: ArchComponent[];
}

/** The model's zones as a tree, each component under the zone it is declared in. */
function modelTree(model: ArchModel): ModelTree {
    const byZone = new Map<string | undefined, ArchComponent[]>();
    for (const component of model.components.values()) {
        const zone = component.zonePath.at(-1);
        const key = zone !== undefined && model.zones.has(zone) ? zone : undefined;
        byZone.set(key, [...(byZone.get(key) ?? []), component]);
    }
    const seen = new Set<string>();
    const tree = (name: string): ZoneTree[] => {
        const zone = model.zones.get(name);
        if (!zone || seen.has(name)) return [];
        seen.add(name);
        return [{ zone, components: byZone.get(name) ?? [], zones: zone.zones.flatMap(tree) }];
    };
    return { zones: model.rootZones.flatMap(tree), components: byZone.get(undefined) ?? [] };
}

/** How a target writes a zone's opening lines, a component, and the line that closes a zone. */
export interface Nesting {
    open(zone: ArchZone, indent: string): string[];
    component(component: ArchComponent, indent: string): string[];
    close: string;
}

/** The components outside every zone, then each zone with what it holds, two spaces deeper per level. */
export function nestedLines(model: ArchModel, nesting: Nesting, indent: string): string[] {
    const tree = modelTree(model);
    const zone = (node: ZoneTree, at: string): string[] => [
        ...nesting.open(node.zone, at),
        ...node.components.flatMap((c) => nesting.component(c, `${at}  `)),
        ...node.zones.flatMap((child) => zone(child, `${at}  `)),
        `${at}${nesting.close}`,
    ];
    return [...tree.components.flatMap((c) => nesting.component(c, indent)), ...tree.zones.flatMap((z) => zone(z, indent))];
}

/** Connections between known components, one per ordered pair (the first declared wins). */
export function connections(model: ArchModel): ArchEdge[] {
    const seen = new Set<string>();
    return model.edges.filter((edge) => {
        const key = `${edge.from}\u0000${edge.to}`;
        if (seen.has(key) || !model.components.has(edge.from) || !model.components.has(edge.to)) return false;
        seen.add(key);
        return true;
    });
}

/** The second line of a component's label: its kind, its replicas when more than one, and who takes the writes. */
export function kindLine(component: ArchComponent): string {
    const kind = component.replicas > 1 ? `${component.kind} ×${component.replicas}` : component.kind;
    const leader = leaderText(component);
    return leader ? `${kind}, ${leader}` : kind;
}

/** The lines of a component's label: name, title (when given), kind and replicas. */
export function componentLines(component: ArchComponent): string[] {
    return [component.name, ...(component.title ? [component.title] : []), kindLine(component)];
}

/** The lines of a zone's label: name and title. */
export function zoneLines(zone: ArchZone): string[] {
    return [zone.name, ...(zone.title ? [zone.title] : [])];
}

/** The labels of a model's edges: its protocol (else what an unlabelled async or consume edge does), then how the call is made (`×10 5%`). */
export function edgeLabels(model: ArchModel): (edge: ArchEdge) => string | undefined {
    const calls = callTexts(model);
    return (edge) => {
        const what = edge.protocol ?? (edge.kind === 'async' ? 'async' : edge.kind === 'consume' ? 'consumes' : undefined);
        return [what, calls.get(edge.id)].filter((part) => part !== undefined).join(' ') || undefined;
    };
}

/** Whether the edge is drawn dashed: the caller does not wait for it. */
export function isAsync(edge: ArchEdge): boolean {
    return edge.kind !== 'call';
}

/** Replaces every character outside `safe` with `encode(codePoint)`. */
export function escapeChars(text: string, safe: RegExp, encode: (codePoint: number) => string): string {
    let out = '';
    for (const char of text) out += safe.test(char) ? char : encode(char.codePointAt(0)!);
    return out;
}
