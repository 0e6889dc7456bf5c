/**
 * The diagram's own data: what it takes besides the model (findings, a simulation overlay)
 * and the laid-out graph it produces, which the SVG renderer, `archlint render --json` and
 * the webview all read. Plain JSON: no classes, no parser types.
 */
import type { ComponentKind, SourceLocation } from '../model/types.js';

/** Which way the layers of the diagram run. */
export type Direction = 'right' | 'down';

/** The direction asked for: `auto` picks the one that reads larger in the view (see direction.ts). */
export type DirectionChoice = Direction | 'auto';

/** How much a card shows: `full` (title, chips, protocol labels) or `compact` (kind and name in large type, for big systems). */
export type DetailLevel = 'full' | 'compact';

/** Colour scheme of the rendered SVG. */
export type Theme = 'light' | 'dark';

/** A finding drawn as a badge on the component it names. */
export interface DiagramFinding {
    component: string;
    severity: 'error' | 'warning';
    rule: string;
    message: string;
}

/** Figures from a simulation report, by component name (mirrors the simulator's JSON report). */
export interface SimulationOverlay {
    components?: Record<string, { utilisation?: number }>;
    caches?: Record<string, { hitRate: number }>;
    shards?: Record<string, { loadRps: number[] }>;
}

/** What to draw besides the model itself. */
export interface DiagramOptions {
    direction: DirectionChoice;
    /** The view the diagram is for, in pixels, which the `auto` direction suits (default 1920×1080). */
    view?: { width: number; height: number };
    /** Under `auto`, the direction the view shows now: kept unless the other is clearly better. */
    keep?: Direction;
    /**
     * For a live view: above 40 components, the least crossing-minimisation effort and the
     * declaration order kept (fast, and steady while typing); pictures take ELK's full effort.
     */
    live?: boolean;
    /** Card detail; by default full up to COMPACT_ABOVE components, compact beyond. */
    detail?: DetailLevel;
    findings?: readonly DiagramFinding[];
    overlay?: SimulationOverlay;
}

/** A point in diagram coordinates. */
export interface Point { x: number; y: number }

/** A box in diagram coordinates. */
export interface Box { x: number; y: number; width: number; height: number }

/** One line of a component's hover card: a property and its value as a person reads it. */
export interface Detail { label: string; value: string }

/** The simulation figures shown on one node. */
export interface NodeOverlay {
    utilisation?: number;
    hitRate?: number;
    shardLoad?: number[];
}

/** A laid-out component (one of its copies, when it is drawn in each of several zones). */
export interface DiagramNode extends Box {
    name: string;
    kind: ComponentKind;
    title?: string;
    /** Innermost zone, if any. */
    zone?: string;
    /** Every zone the component is drawn in, when `zones [a, b]` spreads it over several (one node per zone). */
    spread?: string[];
    replicas: number;
    /** Shard count of a partitioned store. */
    shards?: number;
    /** Who takes the writes of a replicated store, cache or queue: `leader + 2 followers`, `3 leaders`, `leaderless`. */
    leader?: string;
    /** Flows that pass through it. */
    flows: string[];
    details: Detail[];
    findings: DiagramFinding[];
    overlay?: NodeOverlay;
    source: SourceLocation;
}

/** A laid-out zone (a group box; zones nest). */
export interface DiagramZone extends Box {
    name: string;
    title?: string;
    parent?: string;
    /** Nesting depth, 0 for a top-level zone. */
    depth: number;
    source: SourceLocation;
}

/** A declaration that relates two components without carrying traffic, drawn dashed and labelled. */
export type Relation = 'dead_letter' | 'references' | 'joins' | 'via';

/**
 * A laid-out connection or relation: a polyline from `from` to `to` with an optional label
 * (the protocol, or the relation's name). A connection to or from a component spread over
 * zones is drawn once per copy it links, each with the same id.
 */
export interface DiagramEdge {
    id: string;
    from: string;
    to: string;
    kind: 'call' | 'async' | 'consume' | 'relation';
    /** What a `relation` edge stands for. */
    relation?: Relation;
    protocol?: string;
    /** How the call is made, when annotated (`×10 5% read`). */
    call?: string;
    implied: boolean;
    points: Point[];
    label?: Box & { text: string };
    flows: string[];
}

/** A flow the diagram can highlight. */
export interface DiagramFlow {
    name: string;
    access?: 'read' | 'write';
    share: number;
}

/** The laid-out diagram of one system. */
export interface DiagramLayout {
    system: string;
    title?: string;
    direction: Direction;
    detail: DetailLevel;
    width: number;
    height: number;
    /** `fallback` when ELK was unavailable or over its time budget; `reason` says which. */
    engine: 'elk' | 'fallback';
    reason?: string;
    zones: DiagramZone[];
    nodes: DiagramNode[];
    edges: DiagramEdge[];
    flows: DiagramFlow[];
}
