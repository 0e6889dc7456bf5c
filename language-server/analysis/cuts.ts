/**
 * Single points of failure as cuts of the traffic graph. Each unit (a flow, a client's
 * requests without flows, or an async branch behind a queue) succeeds when its root does:
 * a client or load balancer needs one of what stands behind it, a queue one of its consumers,
 * any other component needs itself and every synchronous call. For single failures that gives
 * each node the set of components (or zones) it cannot do without:
 *   required(n) = fails(n) ∪ (⋂ or ⋃ of required(child) over its synchronous edges),
 * computed once per node, children first, on the DAG. Clients and CDNs never fail here: a
 * client is an origin and a CDN is a distributed edge. Async edges start their own unit, so
 * an async branch only cuts its own consumers.
 */
import type { ArchComponent, ArchModel } from '../model/types.js';
import { buildTrafficGraph, spreads, type TrafficGraph, type TrafficNode } from './traffic-graph.js';
import { cacheSpecOf, partitionOf } from '../model/kinds.js';

/** Something whose requests must get through. */
export interface CutUnit {
    kind: 'flow' | 'client' | 'async';
    /** The flow or client; for an async branch, the flow or client that first reaches it. */
    name: string;
    /** For an async branch, the component it enters at (usually a queue). */
    via?: string;
    root: TrafficNode;
}

/** A component with one replica whose loss cuts these units. */
export interface SinglePointOfFailure {
    component: string;
    units: CutUnit[];
}

/** A zone whose loss cuts a unit, with the components where the unit's paths enter that zone. */
export interface ZoneCut {
    zone: string;
    unit: CutUnit;
    frontier: string[];
}

/** The cut analysis of one system. */
export interface CutAnalysis {
    units: CutUnit[];
    /** For each unit (same index), the components it cannot do without, whatever their replicas. */
    required: ReadonlySet<string>[];
    zoneCuts: ZoneCut[];
    /** False when the model was too large to analyse within the work budget (nothing is reported then). */
    complete: boolean;
}

/** Set insertions allowed per analysis: keeps absurd inputs (50k-long chains) from hanging. */
const BUDGET = 2_000_000;

/** Components with one replica whose loss cuts some flow (or some client's requests), in declaration order. */
export function findSinglePointsOfFailure(model: ArchModel): SinglePointOfFailure[] {
    return spofsOf(model, analyseCuts(model, buildTrafficGraph(model)));
}

/** The single points of failure in a finished cut analysis. */
export function spofsOf(model: ArchModel, cuts: CutAnalysis): SinglePointOfFailure[] {
    const byComponent = new Map<string, CutUnit[]>();
    cuts.units.forEach((unit, i) => {
        for (const name of cuts.required[i]) {
            const component = model.components.get(name);
            // An app_server cache lives in each replica of its tier: it fails with one of them, never alone.
            if (component?.replicas !== 1 || cacheSpecOf(component)?.placement === 'app_server') continue;
            byComponent.set(name, [...(byComponent.get(name) ?? []), unit]);
        }
    });
    return [...model.components.keys()].filter((n) => byComponent.has(n)).map((component) => ({ component, units: byComponent.get(component)! }));
}

/** Units, required components and zone cuts of a traffic graph. */
export function analyseCuts(model: ArchModel, graph: TrafficGraph): CutAnalysis {
    const units = unitsOf(graph);
    const budget = { left: BUDGET };
    const required = requirementSets(graph.order, (c) => (neverFails(c) ? [] : [c.name]), budget);
    const zoneFails = zoneFailures(model);
    const zoneSets = zoneFails.size ? requirementSets(graph.order, (c) => zoneFails.get(c.name) ?? [], budget) : new Map<TrafficNode, Set<string>>();
    if (!required || !zoneSets) return { units, required: units.map(() => new Set()), zoneCuts: [], complete: false };
    const zoneCuts: ZoneCut[] = [];
    const rank = new Map([...model.components.keys()].map((name, i) => [name, i]));
    for (const unit of units) {
        for (const zone of zoneSets.get(unit.root) ?? []) {
            const entered = frontier(unit.root, (c) => zoneFails.get(c.name)?.includes(zone) ?? false);
            zoneCuts.push({ zone, unit, frontier: entered.sort((a, b) => rank.get(a)! - rank.get(b)!) });
        }
    }
    return { units, required: units.map((u) => required.get(u.root) ?? new Set()), zoneCuts, complete: true };
}

function neverFails(component: ArchComponent): boolean {
    return component.kind === 'client' || component.kind === 'cdn';
}

/** One unit per source, then one per async edge reachable from a unit (deduplicated by node). */
function unitsOf(graph: TrafficGraph): CutUnit[] {
    const units: CutUnit[] = graph.sources.map((s) => ({ kind: s.kind, name: s.name, root: s.root }));
    const seen = new Set<TrafficNode>(units.map((u) => u.root));
    for (let i = 0; i < units.length; i++) {
        const visited = new Set<TrafficNode>([units[i].root]);
        const stack = [units[i].root];
        while (stack.length) {
            const node = stack.pop()!;
            for (const edge of node.out) {
                if (edge.kind === 'async') {
                    if (!seen.has(edge.to)) {
                        seen.add(edge.to);
                        units.push({ kind: 'async', name: units[i].name, via: edge.to.component.name, root: edge.to });
                    }
                } else if (!visited.has(edge.to)) {
                    visited.add(edge.to);
                    stack.push(edge.to);
                }
            }
        }
    }
    return units;
}

/** required(n) for every node, children first; undefined when the budget runs out. */
function requirementSets(order: TrafficNode[], fails: (c: ArchComponent) => string[], budget: { left: number }): Map<TrafficNode, Set<string>> | undefined {
    const sets = new Map<TrafficNode, Set<string>>();
    const empty = new Set<string>();
    for (let i = order.length - 1; i >= 0; i--) {
        const node = order[i];
        const children = node.out.filter((e) => e.kind !== 'async').map((e) => sets.get(e.to) ?? empty);
        const own = fails(node.component);
        const anyOne = spreads(node.component) || node.component.kind === 'queue';
        let combined: Set<string>;
        if (children.length === 0) combined = empty;
        else if (children.length === 1) combined = children[0];
        else if (anyOne) combined = new Set([...children[0]].filter((x) => children.every((c) => c.has(x))));
        else combined = new Set(children.flatMap((c) => [...c]));
        if (children.length > 1) budget.left -= children.reduce((sum, c) => sum + c.size, 0);
        let set = combined;
        if (own.some((x) => !combined.has(x))) {
            set = new Set([...combined, ...own]);
            budget.left -= set.size;
        }
        if (budget.left < 0) return undefined;
        sets.set(node, set);
    }
    return sets;
}

/**
 * The zones whose loss takes each component down: every zone that holds all of its replicas,
 * counting enclosing zones, among the zones that directly hold some component.
 */
function zoneFailures(model: ArchModel): Map<string, string[]> {
    const domains = new Set([...model.components.values()].flatMap((c) => c.zones));
    const ancestors = (zone: string): string[] => {
        const chain: string[] = [];
        for (let z: string | undefined = zone; z !== undefined && !chain.includes(z); z = model.zones.get(z)?.parent) chain.push(z);
        return chain;
    };
    const result = new Map<string, string[]>();
    for (const component of model.components.values()) {
        if (neverFails(component) || component.zones.length === 0) continue;
        const chains = component.zones.map(ancestors);
        const common = chains[0].filter((z) => domains.has(z) && chains.every((chain) => chain.includes(z)));
        if (common.length) result.set(component.name, common);
    }
    return result;
}

/** Components where the unit's synchronous paths first enter nodes that `fails`. */
function frontier(root: TrafficNode, fails: (c: ArchComponent) => boolean): string[] {
    const found = new Set<string>();
    const visited = new Set<TrafficNode>([root]);
    const stack = [root];
    while (stack.length) {
        const node = stack.pop()!;
        if (fails(node.component)) {
            found.add(node.component.name);
            continue;
        }
        for (const edge of node.out) {
            if (edge.kind === 'async' || visited.has(edge.to)) continue;
            visited.add(edge.to);
            stack.push(edge.to);
        }
    }
    return [...found];
}

/** Why a component is a shared dependency (language.md's failure domains), if it is one. */
export type SharedRole =
    | { role: 'directory'; stores: string[] }
    | { role: 'global-cache' }
    | { role: 'balancer'; units: CutUnit[] };

/**
 * The shared dependencies of a model: the lookup service of `partition directory`, a cache
 * with `placement global`, and a load balancer that every flow (or client) needs.
 */
export function sharedDependencies(model: ArchModel, cuts: CutAnalysis): Map<string, SharedRole> {
    const roles = new Map<string, SharedRole>();
    for (const store of model.components.values()) {
        const via = partitionOf(store)?.via;
        if (via === undefined || !model.components.has(via)) continue;
        const role = roles.get(via);
        if (role?.role === 'directory') role.stores.push(store.name);
        else roles.set(via, { role: 'directory', stores: [store.name] });
    }
    for (const cache of model.components.values()) {
        if (cacheSpecOf(cache)?.placement === 'global' && !roles.has(cache.name)) roles.set(cache.name, { role: 'global-cache' });
    }
    const main = cuts.units.map((u, i) => ({ unit: u, required: cuts.required[i] })).filter((u) => u.unit.kind !== 'async');
    if (main.length) {
        for (const name of main[0].required) {
            const component = model.components.get(name);
            if (component?.kind === 'loadbalancer' && !roles.has(name) && main.every((u) => u.required.has(name))) {
                roles.set(name, { role: 'balancer', units: main.map((u) => u.unit) });
            }
        }
    }
    return roles;
}
