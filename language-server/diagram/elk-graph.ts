/**
 * ArchModel to an ELK graph: zones become nested compound nodes, components become nodes
 * sized to their cards (one per zone for a component spread over zones), connections become
 * edges with a protocol label, and relations (dead letters, references, joins, shard lookup)
 * dashed edges with theirs. Alongside it, the diagram skeleton (every node, zone and edge with
 * what it shows, not yet placed). The direction and the card detail are settled here.
 */
import type { ElkExtendedEdge, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api.js';
import type { ArchModel } from '../model/types.js';
import type { DetailLevel, DiagramEdge, DiagramLayout, DiagramNode, DiagramOptions, DiagramZone, Direction, NodeOverlay } from './types.js';
import { cardContent } from './node-geometry.js';
import { detailsOf } from './details.js';
import { partitionOf } from '../model/kinds.js';
import { callTexts, leaderText } from '../model/summary.js';
import { clip } from './text.js';
import { edgeLabel, headerText, HEADER, HEADER_TYPE, ZONE_LABEL, ZONE_LABEL_MAX_WIDTH, zoneLabelText } from './labels.js';
import { chooseDirection, estimateSizes, type Gaps } from './direction.js';
import { relationsOf, RELATION_LABELS } from './relations.js';
import { ZonePlacement, type Place } from './zone-copies.js';

/** ELK ids: prefixed so that a zone and a component can never clash; a copy in a zone is suffixed with it. */
export const nodeId = (name: string, copyIn?: string) => (copyIn === undefined ? `c:${name}` : `c:${name}@${copyIn}`);
/** ELK id of a zone. */
export const zoneId = (name: string) => `z:${name}`;
/** ELK id of a laid-out node: its copy's zone counts when the component is spread over several. */
export const elkIdOf = (node: Pick<DiagramNode, 'name' | 'zone' | 'spread'>) => nodeId(node.name, node.spread ? node.zone : undefined);

/** Above this many components, cards are compact unless the caller asks otherwise. */
export const COMPACT_ABOVE = 40;

/** Gaps between nodes and between layers, per detail level. */
const GAPS: Record<DetailLevel, Gaps> = { full: { node: 32, layer: 40 }, compact: { node: 10, layer: 14 } };

/**
 * Spacing, set on every compound node: ELK reads it from each edge's and node's own parent.
 * Compact cards are for big systems, where the whitespace between cards decides whether the
 * picture fits a screen legibly: tighter gaps and edge tracks (bench/diagram-readability.ts).
 */
function spacing(detail: DetailLevel): LayoutOptions {
    const full = detail === 'full';
    return {
        'elk.spacing.nodeNode': String(GAPS[detail].node),
        'elk.layered.spacing.nodeNodeBetweenLayers': String(GAPS[detail].layer),
        'elk.spacing.edgeNode': full ? '18' : '8',
        'elk.spacing.edgeEdge': full ? '12' : '5',
        'elk.layered.spacing.edgeNodeBetweenLayers': full ? '14' : '6',
        'elk.layered.spacing.edgeEdgeBetweenLayers': full ? '12' : '5',
        'elk.spacing.edgeLabel': '4',
        'elk.spacing.componentComponent': full ? '48' : '24',
    };
}

/**
 * Crossing minimisation by size. Up to 40 components the declaration order is kept where it
 * costs no crossings, so a diagram holds still while it is edited (measured: the same crossings
 * as ELK's defaults on the samples). Above, a picture gets ELK's own defaults up to 500: on big
 * systems keeping the order costs crossings (bench/diagram-readability.ts: 154 against 132 at
 * 200 components); a live view, and anything beyond 500, the least effort with the order kept,
 * as ELK's full effort there costs about 1.5 times the layout time.
 */
export function crossingOptions(components: number, live: boolean): LayoutOptions {
    if (components <= 40) return { 'elk.layered.thoroughness': '7', 'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES' };
    if (components <= 500 && !live) return { 'elk.layered.thoroughness': '7', 'elk.layered.considerModelOrder.strategy': 'NONE' };
    return { 'elk.layered.thoroughness': '1', 'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES' };
}

/**
 * Node placement: Brandes-Köpf, balanced, for full cards (straight runs). Compact cards are for
 * big systems, where density decides legibility (bench/diagram-readability.ts): network simplex
 * packs them about a fifth tighter, and a card with no line of its own goes in the first
 * layer's free room instead of a column of its own beside the rest. Beyond 500 components,
 * too small to read at fit anyway, Brandes-Köpf again: network simplex costs about a quarter
 * more layout time at 1000.
 */
function placementOptions(detail: DetailLevel, components: number): LayoutOptions {
    if (detail === 'compact' && components <= 500) return { 'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX', 'elk.separateConnectedComponents': 'false' };
    return { 'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF', 'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED' };
}

/** The layered options: orthogonal edges, crossing minimisation by size, roomy spacing, fixed seed. */
export function rootOptions(direction: Direction, components: number, detail: DetailLevel = 'full', headerHeight: number = HEADER_TYPE[detail].height, live = false): LayoutOptions {
    return {
        'elk.algorithm': 'layered',
        'elk.direction': direction === 'down' ? 'DOWN' : 'RIGHT',
        'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
        'elk.edgeRouting': 'ORTHOGONAL',
        'elk.randomSeed': '1',
        ...crossingOptions(components, live),
        ...placementOptions(detail, components),
        ...spacing(detail),
        'elk.padding': `[top=${headerHeight + 8},left=${HEADER.pad},bottom=${HEADER.pad},right=${HEADER.pad}]`,
        // Absolute coordinates for every shape and edge: no parent offsets to add up afterwards.
        'elk.json.shapeCoords': 'ROOT',
        'elk.json.edgeCoords': 'ROOT',
    };
}

/** The least height of a zone's box. */
const ZONE_MIN_HEIGHT = 60;

const zoneOptions = (minWidth: number, detail: DetailLevel): LayoutOptions => ({
    ...spacing(detail),
    'elk.padding': detail === 'full' ? `[top=${ZONE_LABEL.full.height + 10},left=18,bottom=18,right=18]` : `[top=${ZONE_LABEL.compact.height + 4},left=10,bottom=10,right=10]`,
    'elk.nodeSize.constraints': 'MINIMUM_SIZE',
    'elk.nodeSize.minimum': `(${minWidth}, ${ZONE_MIN_HEIGHT})`,
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
        shardLoad: Array.isArray(o.shards?.[name]?.loadRps) ? o.shards[name].loadRps.filter(Number.isFinite) : undefined,
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

/** The card detail for `model`: as asked, else compact for big systems. */
export function detailFor(model: ArchModel, options: Pick<DiagramOptions, 'detail'>): DetailLevel {
    return options.detail ?? (model.components.size > COMPACT_ABOVE ? 'compact' : 'full');
}

/** Which flows pass through each component and each connection (`from->to`). */
function flowIndex(model: ArchModel): (key: string) => string[] {
    const through = new Map<string, Set<string>>();
    const mark = (key: string, flow: string) => {
        const set = through.get(key) ?? new Set<string>();
        set.add(flow);
        through.set(key, set);
    };
    for (const flow of model.flows) {
        mark(flow.root.component, flow.name);
        for (const hop of flow.hops) {
            mark(hop.from, flow.name);
            mark(hop.to, flow.name);
            mark(`${hop.from}->${hop.to}`, flow.name);
        }
    }
    return (key) => [...(through.get(key) ?? [])];
}

/** Builds the ELK graph and the unplaced diagram of `model`. */
export function toElkGraph(model: ArchModel, options: DiagramOptions): DiagramGraph {
    const detail = detailFor(model, options);
    const flowsOf = flowIndex(model);
    const placement = new ZonePlacement(model);
    const findings = new Map<string, DiagramNode['findings']>();
    for (const f of options.findings ?? []) listIn(findings, f.component).push(f);

    const nodes: DiagramNode[] = [];
    const children = new Map<string | undefined, ElkNode[]>();
    for (const c of model.components.values()) {
        const places = placement.placesOf(c.name);
        const details = detailsOf(c).map((d) => ({ label: d.label, value: clip(d.value) }));
        const shards = partitionOf(c)?.shards;
        for (const zone of places) {
            const node: DiagramNode = {
                name: c.name, kind: c.kind, title: c.title === undefined ? undefined : clip(c.title), zone,
                spread: places.length > 1 ? (places as string[]) : undefined, replicas: c.replicas,
                shards: shards !== undefined && shards > 1 ? shards : undefined, leader: leaderText(c),
                flows: flowsOf(c.name), details, findings: findings.get(c.name) ?? [],
                overlay: overlayOf(c.name, options), source: c.source, x: 0, y: 0, width: 0, height: 0,
            };
            const { width, height } = cardContent(node, detail);
            node.width = width;
            node.height = height;
            nodes.push(node);
            listIn(children, zone).push({ id: elkIdOf(node), width, height });
        }
    }

    const zones: DiagramZone[] = [];
    const zoneNode = (name: string, depth: number): ElkNode => {
        const z = model.zones.get(name)!;
        const title = z.title === undefined ? undefined : clip(z.title);
        zones.push({ name, title, parent: z.parent, depth, source: z.source, x: 0, y: 0, width: 0, height: 0 });
        const minWidth = zoneLabelText(name, title, ZONE_LABEL_MAX_WIDTH, detail).width + 52;
        const inside = [...z.zones.map((child) => zoneNode(child, depth + 1)), ...(children.get(name) ?? [])];
        // An empty zone is a leaf to ELK and to the fallback, which size a leaf from its own width and height.
        const size = inside.length ? {} : { width: minWidth, height: ZONE_MIN_HEIGHT };
        return { id: zoneId(name), layoutOptions: zoneOptions(minWidth, detail), children: inside, ...size };
    };
    const topZones = model.rootZones.map((name) => zoneNode(name, 0));

    const edges: DiagramEdge[] = [];
    const elkEdges: ElkExtendedEdge[] = [];
    const connect = (edge: Omit<DiagramEdge, 'points'>, from: Place, to: Place, text: string | undefined) => {
        const id = `e${edges.length}`;
        edges.push({ ...edge, points: [] });
        const label = text === undefined ? undefined : edgeLabel(text);
        elkEdges.push({
            id, sources: [nodeId(edge.from, placement.isSpread(edge.from) ? from : undefined)], targets: [nodeId(edge.to, placement.isSpread(edge.to) ? to : undefined)],
            labels: label ? [{ id: `${id}l`, text: label.text, layoutOptions: LABEL_OPTIONS, width: label.width, height: label.height }] : undefined,
        });
    };
    const calls = callTexts(model);
    for (const e of model.edges) {
        if (!model.components.has(e.from) || !model.components.has(e.to)) continue;
        const protocol = e.protocol === undefined ? undefined : clip(e.protocol, 100);
        const call = calls.get(e.id);
        // Compact cards leave protocols to the hover: at that scale a label per edge is noise,
        // but a fan-out or a share changes what the picture means. An `async` label would
        // repeat what the dashed line says.
        const shown = e.kind === 'consume' || detail === 'compact' || (e.kind === 'async' && protocol === 'async') ? undefined : protocol;
        const text = [shown, call].filter((t) => t !== undefined).join(' ') || undefined;
        for (const [from, to] of placement.links(e.from, e.to)) {
            connect({ id: e.id, from: e.from, to: e.to, kind: e.kind, protocol, call, implied: e.implied, flows: flowsOf(e.id) }, from, to, text);
        }
    }
    for (const r of relationsOf(model)) {
        for (const [from, to] of placement.links(r.from, r.to)) {
            // Like protocols, compact cards leave the relation's name to the hover: its dashed line says what it is.
            connect({ id: `${r.relation}:${r.from}->${r.to}`, from: r.from, to: r.to, kind: 'relation', relation: r.relation, implied: false, flows: [] }, from, to, detail === 'compact' ? undefined : RELATION_LABELS[r.relation]);
        }
    }

    const header = headerText(model.name, model.title === undefined ? undefined : clip(model.title), detail);
    const graph: ElkNode = { id: 'root', children: [...topZones, ...(children.get(undefined) ?? [])], edges: elkEdges };
    const direction = options.direction === 'auto' ? chooseDirection(estimateSizes(graph, GAPS[detail]), options.view, options.keep) : options.direction;
    graph.layoutOptions = {
        ...rootOptions(direction, model.components.size, detail, header.height, options.live === true),
        'elk.nodeSize.constraints': 'MINIMUM_SIZE', 'elk.nodeSize.minimum': `(${header.width + HEADER.pad * 2}, 0)`,
    };
    const skeleton: DiagramLayout = {
        system: model.name, title: model.title === undefined ? undefined : clip(model.title), direction, detail, width: 0, height: 0, engine: 'elk',
        zones, nodes, edges,
        flows: model.flows.map((f) => ({ name: f.name, access: f.access, share: f.share })),
    };
    return { graph, skeleton };
}
