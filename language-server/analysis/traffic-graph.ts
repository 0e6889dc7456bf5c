/**
 * The traffic graph of a system (language.md, "Semantics the tools share"): where flows are
 * declared, one tree of nodes per flow (they alone carry traffic; a queue that ends a flow
 * hands its messages to its consumers, whose connections carry them on); without flows, the
 * connection graph entered at every client. A partitioned store with `directory ... via X`
 * calls X on every request, unless the path already looked it up (the flow passed X before
 * reaching the store, or a declared `X -> store` connection routes lookups). Cycles are cut where a depth-first walk closes them, so the graph
 * is a DAG and every analysis over it is linear.
 */
import type { ArchComponent, ArchEdge, ArchModel, CallAnnotation, ClientComponent, FlowStep } from '../model/types.js';
import { isStore, partitionOf } from '../model/kinds.js';
import { DEFAULTS } from '../model/defaults.js';

/** One place a request can be: a component, reached along a flow step or a connection. */
export interface TrafficNode {
    component: ArchComponent;
    /** Forward edges only: the edge that would close a cycle is dropped (a request never loops). */
    out: TrafficEdge[];
    /** The flow this node belongs to, or undefined for the shared connection graph. */
    flow?: string;
}

/** An edge of the traffic graph. */
export interface TrafficEdge {
    to: TrafficNode;
    kind: ArchEdge['kind'];
    /**
     * How the call is made: `[xN]` calls per request, `[P%]` of requests, `[read]`/`[write]`
     * for it and what it calls. A flow step's own over its connection's; plain on implied,
     * directory and consume edges (a consumer takes each message once).
     */
    call: CallAnnotation;
    /** What the caller does when the call is slow or fails, where the connection says (`timeout`, `retries`). */
    guard?: CallGuard;
}

/** A connection's `timeout D retries N backoff D`: a call past its timeout fails, failed calls are retried. */
export interface CallGuard {
    /** Seconds the caller waits for the answer (Infinity: no timeout). */
    timeoutS: number;
    retries: number;
    /** Base of the jittered exponential backoff before each retry, seconds. */
    backoffS: number;
}

/** A call without annotation: once, by every request, as its caller reads or writes. */
export const PLAIN_CALL: CallAnnotation = { count: DEFAULTS.call.count, share: DEFAULTS.call.share };

/** Backoff base when a connection retries without saying (language.md, v2 failure behaviour). */
export const DEFAULT_BACKOFF_S = 0.01;

/** The guard a declared connection puts on its calls, if it declares one. */
export function guardOf(edge: ArchEdge | undefined): CallGuard | undefined {
    if (!edge || edge.kind !== 'call' || (edge.timeoutS === undefined && !edge.retries)) return undefined;
    return { timeoutS: edge.timeoutS ?? Infinity, retries: edge.retries ?? 0, backoffS: edge.backoffS ?? DEFAULT_BACKOFF_S };
}

/** Where traffic enters: a flow's first step, or a client when no flows are declared. */
export interface TrafficSource {
    kind: 'flow' | 'client';
    name: string;
    root: TrafficNode;
    /** Its share of `workload.rps` (a client's own `rps` as a share of it). */
    share: number;
    /** Share of its requests that read (0..1). */
    readShare: number;
}

/** The traffic graph of one system. */
export interface TrafficGraph {
    sources: TrafficSource[];
    /** Every node reachable from a source, each before all nodes it sends to. */
    order: TrafficNode[];
    /** The connection-graph node of each component. */
    byComponent: Map<string, TrafficNode>;
}

/** Kinds that spread a request over what stands behind them rather than calling each in turn. */
export function spreads(component: ArchComponent): boolean {
    return component.kind === 'client' || component.kind === 'loadbalancer';
}

/** Fraction of a node's outflow each edge carries: spreaders and queues split, the rest call each. */
export function splitWeights(node: TrafficNode): number[] {
    const c = node.component;
    const n = node.out.length;
    if (c.kind === 'queue') {
        const capacities = node.out.map((e) => e.to.component.capacityRps === undefined ? NaN : e.to.component.capacityRps * e.to.component.replicas);
        const total = capacities.reduce((a, b) => a + b, 0);
        return total > 0 ? capacities.map((x) => x / total) : node.out.map(() => 1 / n);
    }
    if (!spreads(c)) return node.out.map(() => 1);
    const balancer = c.kind === 'loadbalancer' ? c.loadBalancer : undefined;
    const weights = balancer?.algorithm === 'weighted_round_robin' && balancer.weights.length === n ? balancer.weights : undefined;
    const total = weights?.reduce((a, b) => a + b, 0) ?? 0;
    return weights && total > 0 ? weights.map((w) => w / total) : node.out.map(() => 1 / n);
}

/**
 * The share of `component`'s own traffic that writes when that is not the callers' to say:
 * without flows, a store's `write_ratio` (language.md v2); undefined otherwise.
 */
export function storeWriteShare(model: ArchModel, component: ArchComponent): number | undefined {
    return model.flows.length === 0 && isStore(component) ? component.store.writeRatio : undefined;
}

/** Builds the traffic graph of `model`: its nodes, its sources and their shares of the workload. */
export function buildTrafficGraph(model: ArchModel): TrafficGraph {
    const byComponent = new Map<string, TrafficNode>();
    for (const component of model.components.values()) byComponent.set(component.name, { component, out: [] });
    const edgesById = new Map<string, ArchEdge>();
    for (const edge of model.edges) {
        edgesById.set(edge.id, edge);
        const from = byComponent.get(edge.from), to = byComponent.get(edge.to);
        if (from && to) from.out.push(withGuard({ to, kind: edge.kind, call: edge.kind === 'consume' ? PLAIN_CALL : edge.call }, edge));
    }
    for (const node of byComponent.values()) {
        const via = partitionOf(node.component)?.via;
        if (via !== undefined && !edgesById.has(`${via}->${node.component.name}`)) addDirectory(node, byComponent);
    }

    const sources: TrafficSource[] = [];
    if (model.flows.length) {
        for (const flow of model.flows) {
            const root = flowNode(flow.root, flow.name, model, byComponent, edgesById, new Map());
            if (!root) continue;
            const readShare = flow.access === 'read' ? 1 : flow.access === 'write' ? 0 : model.workload.readRatio;
            sources.push({ kind: 'flow', name: flow.name, root, share: flow.share, readShare });
        }
    } else {
        const clients = [...model.components.values()].filter((c): c is ClientComponent => c.kind === 'client');
        for (const client of clients) {
            const root = byComponent.get(client.name)!;
            const share = client.rps !== undefined && model.workload.rps > 0 ? client.rps / model.workload.rps : 1 / clients.length;
            sources.push({ kind: 'client', name: client.name, root, share, readShare: model.workload.readRatio });
        }
    }
    return { sources, order: topologicalOrder(sources.map((s) => s.root)), byComponent };
}

/** A flow step as a node, with its calls; a final queue passes on to its consumers. */
function flowNode(
    step: FlowStep, flow: string, model: ArchModel, byComponent: Map<string, TrafficNode>, edgesById: Map<string, ArchEdge>,
    above: Map<string, number>,
): TrafficNode | undefined {
    const component = model.components.get(step.component);
    if (!component) return undefined;
    const node: TrafficNode = { component, out: [], flow };
    above.set(component.name, (above.get(component.name) ?? 0) + 1);
    for (const call of step.calls) {
        const to = flowNode(call, flow, model, byComponent, edgesById, above);
        const edge = edgesById.get(`${step.component}->${call.component}`);
        const kind = edge?.kind ?? 'call';
        if (to) node.out.push(withGuard({ to, kind, call: kind === 'consume' ? PLAIN_CALL : call.call }, edge));
    }
    above.set(component.name, above.get(component.name)! - 1);
    if (component.kind === 'queue' && node.out.length === 0) {
        node.out.push(...byComponent.get(component.name)!.out.filter((e) => e.kind === 'consume'));
    }
    const via = partitionOf(component)?.via;
    if (via === undefined || !above.get(via)) addDirectory(node, byComponent);
    return node;
}

function withGuard(edge: TrafficEdge, declared: ArchEdge | undefined): TrafficEdge {
    const guard = guardOf(declared);
    return guard ? { ...edge, guard } : edge;
}

/** Adds the call a directory-partitioned store makes to its lookup service, unless present. */
function addDirectory(node: TrafficNode, byComponent: Map<string, TrafficNode>): void {
    const via = partitionOf(node.component)?.via;
    const directory = via === undefined ? undefined : byComponent.get(via);
    if (directory && directory !== node && !node.out.some((e) => e.to.component.name === via)) {
        node.out.push({ to: directory, kind: 'call', call: PLAIN_CALL });
    }
}

/**
 * Reverse post-order of an iterative depth-first walk from the roots; drops each edge that
 * reaches a node still on the walk's stack, which leaves a DAG.
 */
function topologicalOrder(roots: TrafficNode[]): TrafficNode[] {
    const state = new Map<TrafficNode, 'open' | 'done'>();
    const post: TrafficNode[] = [];
    for (const root of roots) {
        if (state.has(root)) continue;
        const stack: { node: TrafficNode; next: number }[] = [{ node: root, next: 0 }];
        state.set(root, 'open');
        while (stack.length) {
            const top = stack[stack.length - 1];
            if (top.next >= top.node.out.length) {
                state.set(top.node, 'done');
                post.push(top.node);
                stack.pop();
                continue;
            }
            const edge = top.node.out[top.next];
            const seen = state.get(edge.to);
            if (seen === 'open') {
                top.node.out.splice(top.next, 1);
                continue;
            }
            top.next++;
            if (!seen) {
                state.set(edge.to, 'open');
                stack.push({ node: edge.to, next: 0 });
            }
        }
    }
    return post.reverse();
}
