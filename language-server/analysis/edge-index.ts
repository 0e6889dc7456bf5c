/** Edges of a model by endpoint, indexed once per model so lookups stay O(degree) on large workspaces. */
import type { ArchEdge, ArchModel } from '../model/types.js';

interface EdgeIndex {
    from: Map<string, ArchEdge[]>;
    to: Map<string, ArchEdge[]>;
}

const indexes = new WeakMap<ArchModel, EdgeIndex>();
const NONE: readonly ArchEdge[] = [];

function indexOf(model: ArchModel): EdgeIndex {
    let index = indexes.get(model);
    if (!index) {
        index = { from: new Map(), to: new Map() };
        for (const edge of model.edges) {
            (index.from.get(edge.from) ?? index.from.set(edge.from, []).get(edge.from)!).push(edge);
            (index.to.get(edge.to) ?? index.to.set(edge.to, []).get(edge.to)!).push(edge);
        }
        indexes.set(model, index);
    }
    return index;
}

/** The edges leaving component `name`, in model order. */
export function edgesFrom(model: ArchModel, name: string): readonly ArchEdge[] {
    return indexOf(model).from.get(name) ?? NONE;
}

/** The edges entering component `name`, in model order. */
export function edgesTo(model: ArchModel, name: string): readonly ArchEdge[] {
    return indexOf(model).to.get(name) ?? NONE;
}
