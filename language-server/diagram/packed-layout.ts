/**
 * The layout of big zoned systems: zones packed in rows shaped like the view. One layered
 * layout of a whole system puts its zones in layers, so parallel zones line up in a strip and
 * most of the picture is empty (issue 13: 10% of the area used at 200 components). Here ELK
 * lays out each zone's inside on its own first (edges cut at zone borders, see zone-split.ts);
 * then the zones and the components outside any zone are dealt into rows (row-packing.ts) and
 * ELK lays out that top level as layers fixed to those rows, routing the links between zones
 * orthogonally through the gaps; last, each zone's inside is moved to where its box went and
 * the cut edges are joined again. Two ELK runs, the second on a few boxes only.
 */
import type { ElkNode, LayoutOptions } from 'elkjs/lib/elk-api.js';
import type { LayoutCall, LayoutResult, LayoutRunner } from './layout-runner.js';
import { bestPacking, type PackItem } from './row-packing.js';
import { joinSegments, splitAtZones } from './zone-split.js';
import { fallbackLayout, padding } from './fallback-layout.js';
import { crossingOptions } from './elk-graph.js';

/** Space between the top-level boxes, between rows, and per link passing between two rows. */
const GAPS = { item: 40, row: 48, track: 6 } as const;

/** Options of the whole graph that are not about one compound's own box (its padding, its size). */
const OWN_BOX = new Set(['elk.padding', 'elk.nodeSize.constraints', 'elk.nodeSize.minimum', 'elk.json.shapeCoords', 'elk.json.edgeCoords']);

/**
 * The options of a zone laid out on its own: the graph's layered options with its own spacing
 * and padding, and the crossing minimisation of a graph its size (a zone is small, so it gets
 * ELK's full effort with its declaration order kept where that costs nothing, even live). The
 * edges leaving one side of a card are merged into one line that forks: about half the tracks
 * between layers, and inside a zone no more crossings (on a whole entangled graph, more).
 */
function insideOptions(layered: LayoutOptions, zone: ElkNode, live: boolean): LayoutOptions {
    return {
        ...layered, ...zone.layoutOptions, ...crossingOptions(leaves(zone), live),
        'elk.layered.mergeEdges': 'true', 'elk.hierarchyHandling': 'SEPARATE_CHILDREN',
    };
}

const leaves = (node: ElkNode): number => (node.children?.length ? node.children.reduce((sum, c) => sum + leaves(c), 0) : 1);

/** The top level laid out in the given rows (or columns): layers are the rows, ELK orders each and routes the links. */
function topOptions(rootOptions: LayoutOptions | undefined, columns: boolean): LayoutOptions {
    return {
        ...rootOptions,
        'elk.direction': columns ? 'RIGHT' : 'DOWN',
        'elk.layered.cycleBreaking.strategy': 'INTERACTIVE',
        'elk.layered.layering.strategy': 'INTERACTIVE',
        'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
        'elk.layered.considerModelOrder.strategy': 'NONE',
        'elk.layered.nodePlacement.strategy': 'SIMPLE',
        'elk.separateConnectedComponents': 'false',
        'elk.spacing.nodeNode': String(GAPS.item),
        'elk.layered.spacing.nodeNodeBetweenLayers': String(GAPS.row),
    };
}

function translate(node: ElkNode, dx: number, dy: number): void {
    node.x = (node.x ?? 0) + dx;
    node.y = (node.y ?? 0) + dy;
    for (const p of node.ports ?? []) {
        p.x = (p.x ?? 0) + dx;
        p.y = (p.y ?? 0) + dy;
    }
    for (const e of node.edges ?? []) {
        for (const s of e.sections ?? []) {
            for (const p of [s.startPoint, s.endPoint, ...(s.bendPoints ?? [])]) {
                p.x += dx;
                p.y += dy;
            }
        }
        for (const l of e.labels ?? []) {
            l.x = (l.x ?? 0) + dx;
            l.y = (l.y ?? 0) + dy;
        }
    }
    node.children?.forEach((c) => translate(c, dx, dy));
}

/** Above this share of edges between top-level boxes, the zones are too entangled to be laid out apart. */
const MOST_CROSSING = 0.15;

/**
 * Whether `graph` (as toElkGraph builds it) is worth packing: two or more top-level zones,
 * linked to one another by few of its edges. Zones that most edges cross (the speed bench's
 * random graph: 38%) lay out better as one layered graph, which can order them along their flow.
 */
export function packable(graph: ElkNode): boolean {
    const top = graph.children ?? [];
    if (top.filter((c) => c.children?.length).length < 2) return false;
    const boxOf = new Map<string, string>();
    const mark = (node: ElkNode, box: string) => {
        boxOf.set(node.id, box);
        node.children?.forEach((c) => mark(c, box));
    };
    top.forEach((c) => mark(c, c.id));
    const edges = graph.edges ?? [];
    const crossing = edges.filter((e) => boxOf.get(e.sources[0]) !== boxOf.get(e.targets[0])).length;
    return crossing <= MOST_CROSSING * edges.length;
}

/**
 * Lays out `graph` (zones nested, every edge at the root, absolute coordinates wanted) with its
 * top-level zones packed in rows for `view`; the result has the shape of a one-run ELK layout.
 * `call.direction` runs inside the zones.
 */
export async function packedLayout(graph: ElkNode, runner: LayoutRunner, call: LayoutCall, view: { width: number; height: number }, live = false): Promise<LayoutResult> {
    const started = Date.now();
    const remaining = () => (call.budgetMs === undefined ? undefined : Math.max(1, call.budgetMs - (Date.now() - started)));
    const fallback = (reason?: string): LayoutResult => ({ graph: fallbackLayout(graph, call.direction), engine: 'fallback', reason });
    const layered = Object.fromEntries(Object.entries(graph.layoutOptions ?? {}).filter(([k]) => !OWN_BOX.has(k)));
    const split = splitAtZones(graph, call.direction === 'down' ? { out: 'SOUTH', in: 'NORTH' } : { out: 'EAST', in: 'WEST' });
    const top = split.graph.children ?? [];
    const zones = top.filter((c) => c.children?.length);
    const setZoneOptions = (node: ElkNode) => {
        if (!node.children?.length) return;
        node.layoutOptions = insideOptions(layered, node, live);
        node.children.forEach(setZoneOptions);
    };
    zones.forEach(setZoneOptions);

    // The zones' insides, each on its own; the root only holds them.
    const inside = await runner.layout({
        id: 'root', children: zones, layoutOptions: {
            'elk.algorithm': 'fixed', 'elk.hierarchyHandling': 'SEPARATE_CHILDREN', 'elk.json.shapeCoords': 'ROOT', 'elk.json.edgeCoords': 'ROOT',
        },
    }, { ...call, budgetMs: remaining() });
    if (inside.engine === 'fallback') return fallback(inside.reason);
    const laidZones = new Map((inside.graph.children ?? []).map((z) => [z.id, z]));

    // The top level: zones as boxes with their ports where their insides put them, dealt into rows.
    const boxes: ElkNode[] = top.map((c) => {
        const z = laidZones.get(c.id);
        if (!z) return { id: c.id, width: c.width, height: c.height };
        return {
            id: c.id, width: z.width, height: z.height, layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
            ports: (z.ports ?? []).map((p) => ({ id: p.id, x: (p.x ?? 0) - (z.x ?? 0), y: (p.y ?? 0) - (z.y ?? 0), width: p.width, height: p.height })),
        };
    });
    const index = new Map<string, number>();
    boxes.forEach((b, i) => {
        index.set(b.id, i);
        for (const p of b.ports ?? []) index.set(p.id, i);
    });
    const rootEdges = split.graph.edges ?? [];
    const links = rootEdges.map((e): [number, number] => [index.get(e.sources[0]) ?? 0, index.get(e.targets[0]) ?? 0]);
    const items: PackItem[] = boxes.map((b) => ({ id: b.id, width: b.width ?? 0, height: b.height ?? 0 }));
    const pad = padding(graph.layoutOptions);
    const frame = { width: pad.left + pad.right, height: pad.top + pad.bottom };
    const fitIn = { width: view.width - 24, height: view.height - 24 };
    const rows = bestPacking(items, links, fitIn, GAPS, frame);
    // Columns: the same packing of the picture turned a quarter.
    const turn = <T extends { width: number; height: number }>(b: T): T => ({ ...b, width: b.height, height: b.width });
    const columns = bestPacking(items.map(turn), links, turn(fitIn), GAPS, turn(frame));
    const byColumns = columns.scale > rows.scale * 1.02;
    // Interactive layering reads the rows from y (far apart, so that no two rows overlap) and keeps them.
    const rowOf = new Map((byColumns ? columns : rows).rows.flatMap((row, r) => row.map((id, i): [string, [number, number]] => [id, [i, r]])));
    for (const b of boxes) {
        const [i, r] = rowOf.get(b.id) ?? [0, 0];
        b.x = byColumns ? r * 1e5 : i * 10;
        b.y = byColumns ? i * 10 : r * 1e5;
    }
    const arranged = await runner.layout({ id: 'root', children: boxes, edges: rootEdges, layoutOptions: topOptions(graph.layoutOptions, byColumns) }, { ...call, budgetMs: remaining() });
    if (arranged.engine === 'fallback') return fallback(arranged.reason);

    const children = (arranged.graph.children ?? []).map((box) => {
        const z = laidZones.get(box.id);
        if (!z) return box;
        translate(z, (box.x ?? 0) - (z.x ?? 0), (box.y ?? 0) - (z.y ?? 0));
        return z;
    });
    const laidOut: ElkNode = { ...arranged.graph, children };
    return { graph: { ...laidOut, edges: joinSegments(laidOut, split) }, engine: 'elk' };
}
