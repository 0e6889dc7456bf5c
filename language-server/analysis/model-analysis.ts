/**
 * Everything the design rules read about one model, computed once and shared by all of them
 * (a WeakMap keyed by the model): the traffic graph, loads at peak, hit rates, cuts and reach.
 */
import type { ArchModel } from '../model/types.js';
import { buildTrafficGraph, type TrafficGraph } from './traffic-graph.js';
import { analyseTraffic, type TrafficResult } from './traffic.js';
import { analyseCuts, sharedDependencies, spofsOf, type CutAnalysis, type SharedRole, type SinglePointOfFailure } from './cuts.js';
import { deadLetterOf, isStore, partitionOf } from '../model/kinds.js';

/** The shared analysis of one model; each part is computed on first use. */
export interface ModelAnalysis {
    readonly graph: TrafficGraph;
    /** Loads at `rps × peak` and the hit rates behind them. */
    readonly traffic: TrafficResult;
    readonly cuts: CutAnalysis;
    readonly spofs: SinglePointOfFailure[];
    /** Directory services, global caches and balancers every flow needs, by name. */
    readonly shared: ReadonlyMap<string, SharedRole>;
    /** Components some traffic reaches, with what reached components name (dead letter queues, joined and referenced stores, directory lookups) and what those feed. */
    readonly reached: ReadonlySet<string>;
}

const cache = new WeakMap<ArchModel, ModelAnalysis>();

/** The shared analysis of `model`. */
export function analyse(model: ArchModel): ModelAnalysis {
    let analysis = cache.get(model);
    if (!analysis) {
        analysis = lazyAnalysis(model);
        cache.set(model, analysis);
    }
    return analysis;
}

function lazyAnalysis(model: ArchModel): ModelAnalysis {
    const memo: Partial<Record<keyof ModelAnalysis, unknown>> = {};
    const once = <K extends keyof ModelAnalysis>(key: K, compute: () => ModelAnalysis[K]): ModelAnalysis[K] =>
        (memo[key] ??= compute()) as ModelAnalysis[K];
    const analysis: ModelAnalysis = {
        get graph() { return once('graph', () => buildTrafficGraph(model)); },
        get traffic() { return once('traffic', () => analyseTraffic(model, analysis.graph)); },
        get cuts() { return once('cuts', () => analyseCuts(model, analysis.graph)); },
        get spofs() { return once('spofs', () => spofsOf(model, analysis.cuts)); },
        get shared() { return once('shared', () => sharedDependencies(model, analysis.cuts)); },
        get reached() { return once('reached', () => reachedBy(model, analysis.graph)); },
    };
    return analysis;
}

/**
 * Components on the graph's paths, then what reached components name — the dead letter queue
 * of a queue, the stores a store joins or references, the lookup of a directory partition —
 * and what those feed in turn.
 */
function reachedBy(model: ArchModel, graph: TrafficGraph): Set<string> {
    const reached = new Set(graph.order.map((n) => n.component.name));
    const named = (name: string): string[] => {
        const component = model.components.get(name);
        if (!component) return [];
        const names = [deadLetterOf(component), partitionOf(component)?.via];
        if (isStore(component)) names.push(...component.store.joins, ...component.store.references);
        return names.filter((n): n is string => n !== undefined && model.components.has(n));
    };
    const stack = [...reached].flatMap(named).filter((n) => !reached.has(n));
    while (stack.length) {
        const name = stack.pop()!;
        if (reached.has(name)) continue;
        reached.add(name);
        stack.push(...(graph.byComponent.get(name)?.out.map((e) => e.to.component.name) ?? []), ...named(name));
    }
    return reached;
}
