/**
 * The routes a request can take, compiled from the shared traffic graph (analysis/
 * traffic-graph.ts, so lint and simulation route alike) into a tree of nodes laid out in
 * pre-order. A request is one integer, its node: after a node it moves to `next` (its first
 * call, or what follows its subtree), and a cache hit or an async call jumps to `skip` (what
 * follows the subtree). Spreaders (clients, balancers) choose one child; a queue's children
 * are its consumers, which pull. Every visit of a node is one hop from its parent: plain, an
 * async call (nobody waits), or a guarded call (a connection's timeout and retries). Shared
 * DAG nodes are copied per path, up to MAX_NODES.
 */
import type { ArchModel } from '../model/types.js';
import { buildTrafficGraph, splitWeights, spreads, type CallGuard, type TrafficNode } from '../analysis/traffic-graph.js';
import { cacheSpecOf, deadLetterOf } from '../model/kinds.js';

/** What a node does once its component has served the request. */
export const PLAIN = 0, CACHE = 1, CDN = 2, QUEUE = 3;

/** How a request gets into a node from its parent: waits for it, does not wait, or waits with a timeout and retries. */
export const CALL_HOP = 0, ASYNC_HOP = 1, GUARDED_HOP = 2;

/** Node index meaning "the request is done". */
export const END = -1;

/** Nodes at most; beyond it deeper calls are dropped and `truncated` is set. */
export const MAX_NODES = 200_000;

/** Where traffic enters: a node, its share of the offered rate, and what it reads. */
export interface Entry {
    node: number;
    /** Share of the workload rate (sums may exceed 1 when clients declare their own rps). */
    share: number;
    /** Probability that a request reads (1 read flow, 0 write flow). */
    readShare: number;
    /** Flow index in `model.flows`, or -1 for client traffic. */
    flow: number;
}

/** The compiled route tree. */
export interface Program {
    size: number;
    /** Component index (declaration order of `model.components`). */
    comp: Int32Array;
    behaviour: Uint8Array;
    next: Int32Array;
    skip: Int32Array;
    /** How the hop into the node is made: CALL_HOP, ASYNC_HOP (a spawned message or call) or GUARDED_HOP. */
    hop: Uint8Array;
    /** A guarded hop's timeout (Infinity: none), retries and backoff base, seconds. */
    timeoutS: Float64Array;
    retries: Uint8Array;
    backoffS: Float64Array;
    /** 1 at a balancer whose health check takes failed children out of its choice. */
    checks: Uint8Array;
    /** Whether a spreader picks one child instead of calling them in turn. */
    choice: Uint8Array;
    /** Component of the parent node (-1 at an entry): the tier an app_server cache lives in. */
    parentComp: Int32Array;
    childStart: Int32Array;
    childCount: Int32Array;
    children: Int32Array;
    /** Cumulative child weights (0..1) for choices. */
    cumWeight: Float64Array;
    entries: Entry[];
    /** Message route of each dead-letter queue, by component index. */
    deadLetterEntry: Map<number, number>;
    truncated: boolean;
}

interface Tmp {
    comp: number;
    node: TrafficNode;
    async: boolean;
    guard: CallGuard | undefined;
    children: Tmp[];
    weights: number[];
}

/** Compiles the routes of `model`; components are indexed by `index`. */
export function compileProgram(model: ArchModel, index: Map<string, number>): Program {
    const graph = buildTrafficGraph(model);
    let budget = MAX_NODES;
    let truncated = false;
    const expand = (node: TrafficNode, async: boolean, depth: number, guard?: CallGuard): Tmp => {
        budget--;
        const tmp: Tmp = { comp: index.get(node.component.name)!, node, async, guard, children: [], weights: [] };
        const weights = splitWeights(node);
        node.out.forEach((edge, i) => {
            if (budget <= 0 || depth > 64) {
                truncated = true;
                return;
            }
            tmp.children.push(expand(edge.to, edge.kind === 'async', depth + 1, edge.guard));
            tmp.weights.push(weights[i]);
        });
        return tmp;
    };
    const roots = graph.sources.map((s) => expand(s.root, false, 0));
    const deadLetters: Tmp[] = [];
    for (const component of model.components.values()) {
        const dlq = deadLetterOf(component);
        const node = dlq === undefined ? undefined : graph.byComponent.get(dlq);
        if (node && !deadLetters.some((t) => t.node === node)) deadLetters.push(expand(node, true, 0));
    }

    const all = [...roots, ...deadLetters];
    const size = all.reduce((n, t) => n + count(t), 0);
    const p: Program = {
        size,
        comp: new Int32Array(size), behaviour: new Uint8Array(size), next: new Int32Array(size), skip: new Int32Array(size),
        hop: new Uint8Array(size), timeoutS: new Float64Array(size), retries: new Uint8Array(size), backoffS: new Float64Array(size),
        checks: new Uint8Array(size), choice: new Uint8Array(size), parentComp: new Int32Array(size),
        childStart: new Int32Array(size), childCount: new Int32Array(size), children: new Int32Array(size), cumWeight: new Float64Array(size),
        entries: [], deadLetterEntry: new Map(), truncated,
    };
    let at = 0;
    let childAt = 0;
    const layout = (t: Tmp, after: number, parentComp: number): number => {
        const n = at++;
        const c = t.node.component;
        p.comp[n] = t.comp;
        p.behaviour[n] = c.kind === 'queue' ? QUEUE : c.kind === 'cdn' ? CDN : cacheSpecOf(c) ? CACHE : PLAIN;
        p.skip[n] = after;
        p.hop[n] = t.async ? ASYNC_HOP : t.guard ? GUARDED_HOP : CALL_HOP;
        p.timeoutS[n] = t.guard?.timeoutS ?? Infinity;
        p.retries[n] = Math.min(255, t.guard?.retries ?? 0);
        p.backoffS[n] = t.guard?.backoffS ?? 0;
        p.parentComp[n] = parentComp;
        const picks = spreads(c) || c.kind === 'queue';
        p.choice[n] = picks ? 1 : 0;
        p.checks[n] = c.kind === 'loadbalancer' && c.loadBalancer.healthCheck ? 1 : 0;
        p.next[n] = t.children.length === 0 ? after : picks ? END : n + 1;
        p.childStart[n] = childAt;
        p.childCount[n] = t.children.length;
        childAt += t.children.length;
        const total = t.weights.reduce((a, b) => a + b, 0);
        let cumulative = 0;
        t.children.forEach((child, i) => {
            const start = at;
            const childAfter = picks || i === t.children.length - 1 ? after : start + count(child);
            p.children[p.childStart[n] + i] = layout(child, childAfter, t.comp);
            cumulative += total > 0 ? t.weights[i] / total : 1 / t.children.length;
            p.cumWeight[p.childStart[n] + i] = cumulative;
        });
        return n;
    };
    graph.sources.forEach((source, i) => {
        const node = layout(roots[i], END, -1);
        const flow = source.kind === 'flow' ? model.flows.findIndex((f) => f.name === source.name) : -1;
        p.entries.push({ node, share: source.share, readShare: source.readShare, flow });
    });
    for (const t of deadLetters) p.deadLetterEntry.set(t.comp, layout(t, END, -1));
    return p;
}

function count(t: Tmp): number {
    return 1 + t.children.reduce((n, c) => n + count(c), 0);
}
