/**
 * Edges cut at zone borders, so that each zone can be laid out on its own (ELK's
 * SEPARATE_CHILDREN) and the zones then arranged as boxes. An edge between two zones becomes a
 * chain of segments through ports on the borders it crosses: from its source up to the common
 * zone, across it, and down to its target; each segment lies in one zone (or the root), the
 * one ELK lays it out in. After layout the segments are joined back into one polyline.
 */
import type { ElkExtendedEdge, ElkLabel, ElkNode, ElkPoint } from 'elkjs/lib/elk-api.js';

/** Where on its zone's border a port sits: edges leave on one side and enter on another. */
export interface PortSides { out: string; in: string }

/** The cut graph and, per edge id, its segments' ids from source to target. */
export interface SplitGraph {
    graph: ElkNode;
    segments: Map<string, string[]>;
    /** The edges of the input graph, in order. */
    edges: ElkExtendedEdge[];
}

/** A copy of `graph` (zones nested, every edge at the root) with each edge moved into the zone that holds it, cut at zone borders. */
export function splitAtZones(graph: ElkNode, sides: PortSides): SplitGraph {
    const root = structuredClone(graph);
    const parent = new Map<string, ElkNode>();
    const visit = (node: ElkNode) => node.children?.forEach((child) => {
        parent.set(child.id, node);
        visit(child);
    });
    visit(root);
    /** The compound nodes around `id`, outermost (the root) first. */
    const around = (id: string) => {
        const chain: ElkNode[] = [];
        for (let p = parent.get(id); p; p = parent.get(p.id)) chain.unshift(p);
        return chain;
    };
    let ports = 0;
    const port = (zone: ElkNode, side: string): string => {
        const id = `${zone.id}#${ports++}`;
        (zone.ports ??= []).push({ id, width: 1, height: 1, layoutOptions: { 'elk.port.side': side } });
        return id;
    };
    const segments = new Map<string, string[]>();
    const edges = root.edges ?? [];
    root.edges = [];
    for (const edge of edges) {
        const source = edge.sources[0], target = edge.targets[0];
        const up = around(source), down = around(target);
        let common = 0;
        while (common < up.length && common < down.length && up[common] === down[common]) common++;
        const ids: string[] = [];
        const add = (container: ElkNode, from: string, to: string, labels?: ElkLabel[]) => {
            const id = `${edge.id}/${ids.length}`;
            (container.edges ??= []).push({ id, sources: [from], targets: [to], ...(labels ? { labels } : {}) });
            ids.push(id);
        };
        let from = source;
        for (let i = up.length - 1; i >= common; i--) {
            const exit = port(up[i], sides.out);
            add(up[i], from, exit);
            from = exit;
        }
        const entries = down.slice(common).map((zone) => port(zone, sides.in));
        // The label goes on the segment across the common zone: the edge's longest, most visible part.
        add(up[common - 1], from, entries[0] ?? target, edge.labels);
        entries.forEach((entry, i) => add(down[common + i], entry, entries[i + 1] ?? target));
        segments.set(edge.id, ids);
    }
    return { graph: root, segments, edges };
}

/** The points of every edge and segment in a laid-out graph (absolute coordinates), and their labels. */
function laidEdges(graph: ElkNode): Map<string, ElkExtendedEdge> {
    const all = new Map<string, ElkExtendedEdge>();
    const visit = (node: ElkNode) => {
        for (const e of node.edges ?? []) all.set(e.id, e);
        node.children?.forEach(visit);
    };
    visit(graph);
    return all;
}

const pointsOf = (edge: ElkExtendedEdge | undefined): ElkPoint[] => (edge?.sections ?? []).flatMap((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]);

/** The input's edges, each one polyline again (segments joined at their ports), with its label; as root edges of `laidOut`. */
export function joinSegments(laidOut: ElkNode, split: SplitGraph): ElkExtendedEdge[] {
    const laid = laidEdges(laidOut);
    return split.edges.map((edge) => {
        const parts = (split.segments.get(edge.id) ?? []).map((id) => laid.get(id));
        const points: ElkPoint[] = [];
        for (const p of parts.flatMap(pointsOf)) {
            const last = points[points.length - 1];
            if (!last || last.x !== p.x || last.y !== p.y) points.push(p);
        }
        const labels = parts.find((part) => part?.labels?.length)?.labels;
        const sections = points.length >= 2 ? [{ id: `${edge.id}s`, startPoint: points[0], endPoint: points[points.length - 1], bendPoints: points.slice(1, -1) }] : [];
        return { id: edge.id, sources: edge.sources, targets: edge.targets, sections, ...(labels ? { labels } : {}) };
    });
}
