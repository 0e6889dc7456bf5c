/**
 * A plain layout for when ELK is unavailable or over its time budget: nodes in columns by
 * longest path (back edges ignored), zones as boxes around their columns, elbow edges.
 * Linear in nodes and edges, so it is always quick; it only has to be readable.
 */
import type { ElkExtendedEdge, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api.js';
import type { Direction } from './types.js';

const GAP_MAIN = 70, GAP_CROSS = 28;

/** A compound node's padding on each side, in pixels. */
export interface Pad { top: number; left: number; bottom: number; right: number }

/** The `elk.padding` of `options` (12 on a side it leaves out, ELK's default). */
export function padding(options: LayoutOptions | undefined): Pad {
    const text = options?.['elk.padding'] ?? '';
    const get = (side: string) => Number(new RegExp(`${side}=(\\d+)`).exec(text)?.[1] ?? 12);
    return { top: get('top'), left: get('left'), bottom: get('bottom'), right: get('right') };
}

function minimum(options: LayoutOptions | undefined): [number, number] {
    const match = /\((\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?)\)/.exec(options?.['elk.nodeSize.minimum'] ?? '');
    return match ? [Number(match[1]), Number(match[2])] : [0, 0];
}

/** Longest-path rank of every leaf, after dropping the edges that close a cycle. */
export function ranks(leaves: string[], edges: ElkExtendedEdge[]): Map<string, number> {
    const out = new Map<string, string[]>(leaves.map((id) => [id, []]));
    for (const e of edges) out.get(e.sources[0])?.push(e.targets[0]);
    const order: string[] = [];
    const state = new Map<string, 1 | 2>();
    for (const start of leaves) {
        if (state.has(start)) continue;
        const stack: [string, number][] = [[start, 0]];
        state.set(start, 1);
        while (stack.length) {
            const top = stack[stack.length - 1];
            const next = out.get(top[0])?.[top[1]++];
            if (next === undefined) {
                state.set(top[0], 2);
                order.push(top[0]);
                stack.pop();
            } else if (!state.has(next) && out.has(next)) {
                state.set(next, 1);
                stack.push([next, 0]);
            }
        }
    }
    const rank = new Map<string, number>(leaves.map((id) => [id, 0]));
    const position = new Map(order.map((id, i) => [id, i]));
    // Reverse post-order is a topological order of the graph without its back edges.
    for (const id of order.reverse()) {
        for (const next of out.get(id) ?? []) {
            if ((position.get(next) ?? 0) < (position.get(id) ?? 0)) rank.set(next, Math.max(rank.get(next)!, rank.get(id)! + 1));
        }
    }
    return rank;
}

/** Lays out `graph` without ELK, in absolute coordinates like ELK's `ROOT` output. */
export function fallbackLayout(graph: ElkNode, direction: Direction): ElkNode {
    const down = direction === 'down';
    const leaves: string[] = [];
    const collect = (n: ElkNode) => (n.children?.length ? n.children.forEach(collect) : leaves.push(n.id));
    graph.children?.forEach(collect);
    const rank = ranks(leaves, graph.edges ?? []);
    const minRank = (n: ElkNode): number => (n.children?.length ? Math.min(...n.children.map(minRank)) : rank.get(n.id) ?? 0);

    // Sizes bottom-up, children placed relative to their container.
    const relative = new Map<string, { x: number; y: number }>();
    const size = (n: ElkNode): void => {
        if (!n.children?.length) return;
        n.children.forEach(size);
        const columns = new Map<number, ElkNode[]>();
        for (const child of n.children) columns.set(minRank(child), [...(columns.get(minRank(child)) ?? []), child]);
        const pad = padding(n.layoutOptions);
        let main = down ? pad.top : pad.left;
        let crossMax = 0;
        for (const key of [...columns.keys()].sort((a, b) => a - b)) {
            let cross = down ? pad.left : pad.top;
            let thickness = 0;
            for (const child of columns.get(key)!) {
                relative.set(child.id, down ? { x: cross, y: main } : { x: main, y: cross });
                cross += (down ? child.width! : child.height!) + GAP_CROSS;
                thickness = Math.max(thickness, down ? child.height! : child.width!);
            }
            crossMax = Math.max(crossMax, cross - GAP_CROSS);
            main += thickness + GAP_MAIN;
        }
        main -= GAP_MAIN;
        const [minW, minH] = minimum(n.layoutOptions);
        n.width = Math.max(minW, down ? crossMax + pad.right : main + pad.right);
        n.height = Math.max(minH, down ? main + pad.bottom : crossMax + pad.bottom);
    };
    const root: ElkNode = structuredClone(graph);
    size(root);

    const absolute = new Map<string, ElkNode>();
    const place = (n: ElkNode, ox: number, oy: number) => {
        const r = relative.get(n.id) ?? { x: 0, y: 0 };
        n.x = ox + r.x;
        n.y = oy + r.y;
        absolute.set(n.id, n);
        n.children?.forEach((c) => place(c, n.x!, n.y!));
    };
    place(root, 0, 0);

    for (const e of root.edges ?? []) {
        const s = absolute.get(e.sources[0]), t = absolute.get(e.targets[0]);
        if (!s || !t) continue;
        const start = down ? { x: s.x! + s.width! / 2, y: s.y! + s.height! } : { x: s.x! + s.width!, y: s.y! + s.height! / 2 };
        const end = down ? { x: t.x! + t.width! / 2, y: t.y! } : { x: t.x!, y: t.y! + t.height! / 2 };
        const mid = down ? (start.y + end.y) / 2 : (start.x + end.x) / 2;
        const bendPoints = down ? [{ x: start.x, y: mid }, { x: end.x, y: mid }] : [{ x: mid, y: start.y }, { x: mid, y: end.y }];
        e.sections = [{ id: `${e.id}s`, startPoint: start, endPoint: end, bendPoints }];
        for (const label of e.labels ?? []) {
            label.x = (start.x + end.x) / 2 - label.width! / 2;
            label.y = (start.y + end.y) / 2 - label.height! / 2;
        }
    }
    return root;
}
