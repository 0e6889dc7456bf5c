/**
 * ArchModel to an ELK graph: zones become nested compound nodes, components become nodes
 * sized to their cards, connections become edges with a protocol label. Alongside it, the
 * diagram skeleton (every node, zone and edge with what it shows, not yet placed).
 */
import type { ElkExtendedEdge, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api.js';
import type { ArchModel } from '../model/types.js';
import type { DiagramEdge, DiagramLayout, DiagramNode, DiagramOptions, DiagramZone, Direction, NodeOverlay } from './types.js';
import { cardContent } from './node-geometry.js';
import { detailsOf } from './details.js';
import { textWidth } from './text.js';

/** Room above the diagram for the system's name and title. */
export const HEADER = { height: 58, nameSize: 18, titleSize: 13, pad: 24 } as const;

/** Room at the top of a zone for its label. */
export const ZONE_LABEL = { height: 30, size: 12, titleSize: 11 } as const;

/** Size of a protocol label on an edge. */
const EDGE_LABEL = { size: 11, height: 18, padX: 7 } as const;

/** ELK ids: prefixed so that a zone and a component can never clash. */
export const nodeId = (name: string) => `c:${name}`;
/** ELK id of a zone. */
export const zoneId = (name: string) => `z:${name}`;

/** Spacing, set on every compound node: ELK reads it from each edge's and node's own parent. */
const SPACING: LayoutOptions = {
    'elk.spacing.nodeNode': '36',
    'elk.layered.spacing.nodeNodeBetweenLayers': '64',
    'elk.spacing.edgeNode': '18',
    'elk.spacing.edgeEdge': '12',
    'elk.layered.spacing.edgeNodeBetweenLayers': '20',
    'elk.layered.spacing.edgeEdgeBetweenLayers': '12',
    'elk.spacing.edgeLabel': '4',
    'elk.spacing.componentComponent': '48',
};

/**
 * Crossing-minimisation effort by size: ELK's default (7) on small diagrams, where it is cheap
 * and shows most; the least above that, where it costs 25-50% of a zoned layout's time.
 */
function thoroughness(components: number): number {
    return components <= 40 ? 7 : 1;
}

/** The layered options: orthogonal edges, model order kept, roomy spacing, fixed seed. */
export function rootOptions(direction: Direction, components: number): LayoutOptions {
    return {
        'elk.algorithm': 'layered',
        'elk.direction': direction === 'down' ? 'DOWN' : 'RIGHT',
        'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
        'elk.edgeRouting': 'ORTHOGONAL',
        'elk.randomSeed': '1',
        'elk.layered.thoroughness': String(thoroughness(components)),
        'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
        'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
        'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
        ...SPACING,
        'elk.padding': `[top=${HEADER.height + 8},left=${HEADER.pad},bottom=${HEADER.pad},right=${HEADER.pad}]`,
        // Absolute coordinates for every shape and edge: no parent offsets to add up afterwards.
        'elk.json.shapeCoords': 'ROOT',
        'elk.json.edgeCoords': 'ROOT',
    };
}

const zoneOptions = (minWidth: number): LayoutOptions => ({
    ...SPACING,
    'elk.padding': `[top=${ZONE_LABEL.height + 10},left=18,bottom=18,right=18]`,
    'elk.nodeSize.constraints': 'MINIMUM_SIZE',
    'elk.nodeSize.minimum': `(${minWidth}, 60)`,
});

/** Protocol labels sit on their edge, as a pill over the line. */
const LABEL_OPTIONS: LayoutOptions = { 'elk.edgeLabels.inline': 'true', 'elk.edgeLabels.placement': 'CENTER' };

/** An ELK graph with the unplaced diagram it stands for. */
export interface DiagramGraph {
    graph: ElkNode;
    skeleton: DiagramLayout;
}

function overlayOf(name: string, options: DiagramOptions): NodeOverlay | undefined {
    const o = options.overlay;
    if (!o) return undefined;
    const overlay: NodeOverlay = {
        utilisation: finite(o.components?.[name]?.utilisation),
        hitRate: finite(o.caches?.[name]?.hitRate),
        shardLoad: o.shards?.[name]?.loadRps.filter(Number.isFinite),
    };
    return overlay.utilisation !== undefined || overlay.hitRate !== undefined || overlay.shardLoad ? overlay : undefined;
}

function finite(value: number | undefined): number | undefined {
    return value !== undefined && Number.isFinite(value) ? Math.max(0, value) : undefined;
}

function listIn<K, V>(map: Map<K, V[]>, key: K): V[] {
    let list = map.get(key);
    if (!list) map.set(key, (list = []));
    return list;
}

/** Builds the ELK graph and the unplaced diagram of `model`. */
export function toElkGraph(model: ArchModel, options: DiagramOptions): DiagramGraph {
    const flowsThrough = new Map<string, Set<string>>();
    const mark = (key: string, flow: string) => {
        const set = flowsThrough.get(key) ?? new Set<string>();
        set.add(flow);
        flowsThrough.set(key, set);
    };
    for (const flow of model.flows) {
        mark(flow.root.component, flow.name);
        for (const hop of flow.hops) {
            mark(hop.from, flow.name);
            mark(hop.to, flow.name);
            mark(`${hop.from}->${hop.to}`, flow.name);
        }
    }
    const flowsOf = (key: string) => [...(flowsThrough.get(key) ?? [])];

    const findings = new Map<string, DiagramNode['findings']>();
    for (const f of options.findings ?? []) listIn(findings, f.component).push(f);

    const nodes: DiagramNode[] = [];
    const children = new Map<string | undefined, ElkNode[]>();
    for (const c of model.components.values()) {
        const zone = c.zonePath.length ? c.zonePath[c.zonePath.length - 1] : undefined;
        const node: DiagramNode = {
            name: c.name, kind: c.kind, title: c.title, zone, replicas: c.replicas,
            shards: c.partition && c.partition.shards > 1 ? c.partition.shards : undefined,
            flows: flowsOf(c.name), details: detailsOf(c), findings: findings.get(c.name) ?? [],
            overlay: overlayOf(c.name, options), source: c.source, x: 0, y: 0, width: 0, height: 0,
        };
        const { width, height } = cardContent(node);
        node.width = width;
        node.height = height;
        nodes.push(node);
        listIn(children, zone && model.zones.has(zone) ? zone : undefined).push({ id: nodeId(c.name), width, height });
    }

    const zones: DiagramZone[] = [];
    const zoneNode = (name: string, depth: number): ElkNode => {
        const z = model.zones.get(name)!;
        zones.push({ name, title: z.title, parent: z.parent, depth, source: z.source, x: 0, y: 0, width: 0, height: 0 });
        const label = textWidth(name, ZONE_LABEL.size, true) + (z.title ? 8 + textWidth(z.title, ZONE_LABEL.titleSize) : 0);
        return {
            id: zoneId(name), layoutOptions: zoneOptions(label + 52),
            children: [...z.zones.map((child) => zoneNode(child, depth + 1)), ...(children.get(name) ?? [])],
        };
    };
    const topZones = model.rootZones.map((name) => zoneNode(name, 0));

    const edges: DiagramEdge[] = [];
    const elkEdges: ElkExtendedEdge[] = [];
    for (const e of model.edges) {
        if (!model.components.has(e.from) || !model.components.has(e.to)) continue;
        const text = e.kind === 'consume' ? undefined : e.protocol;
        const id = `e${edges.length}`;
        edges.push({ id: e.id, from: e.from, to: e.to, kind: e.kind, protocol: e.protocol, implied: e.implied, points: [], flows: flowsOf(e.id) });
        elkEdges.push({
            id, sources: [nodeId(e.from)], targets: [nodeId(e.to)],
            labels: text ? [{ id: `${id}l`, text, layoutOptions: LABEL_OPTIONS, width: textWidth(text, EDGE_LABEL.size) + EDGE_LABEL.padX * 2, height: EDGE_LABEL.height }] : undefined,
        });
    }

    const header = Math.max(textWidth(model.name, HEADER.nameSize, true), model.title ? textWidth(model.title, HEADER.titleSize) : 0);
    const graph: ElkNode = {
        id: 'root',
        layoutOptions: { ...rootOptions(options.direction, nodes.length), 'elk.nodeSize.constraints': 'MINIMUM_SIZE', 'elk.nodeSize.minimum': `(${header + HEADER.pad * 2}, 0)` },
        children: [...topZones, ...(children.get(undefined) ?? [])],
        edges: elkEdges,
    };
    const skeleton: DiagramLayout = {
        system: model.name, title: model.title, direction: options.direction, width: 0, height: 0, engine: 'elk',
        zones, nodes, edges,
        flows: model.flows.map((f) => ({ name: f.name, access: f.access, share: f.share })),
    };
    return { graph, skeleton };
}
