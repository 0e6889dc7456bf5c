/**
 * The diagram feature's entry point: ArchModel to laid-out graph (ELK in a worker, with a
 * budget and a fallback) to SVG. Used by `archlint render` and the language server's
 * `archlint/diagram` request; pure apart from the runner (and cache) it is given.
 */
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { ArchModel } from '../model/types.js';
import type { DiagramLayout, DiagramOptions, Direction, Theme } from './types.js';
import type { LayoutResult, LayoutRunner } from './layout-runner.js';
import { toElkGraph } from './elk-graph.js';
import { chooseDirection, DEFAULT_VIEW } from './direction.js';
import { placeLayout } from './place.js';
import { packable, packedLayout } from './packed-layout.js';
import { renderSvg } from './svg.js';

/** Time and cancellation limits of one layout, and how far `auto` may lay out both directions. */
export interface LayoutLimits {
    budgetMs?: number;
    signal?: AbortSignal;
    /** `auto` lays out both directions up to this many components, and estimates above (default 500). */
    exactAutoUpTo?: number;
}

/** Earlier layouts to reuse: the one of a graph equal to `graph` in `direction`, if kept. */
export interface LayoutCache {
    get(direction: Direction, graph: ElkNode): LayoutResult | undefined;
    set(direction: Direction, graph: ElkNode, result: LayoutResult): void;
}

async function layOut(model: ArchModel, options: DiagramOptions, runner: LayoutRunner, limits: LayoutLimits, cache?: LayoutCache): Promise<DiagramLayout> {
    const { graph, skeleton } = toElkGraph(model, options);
    let result = cache?.get(skeleton.direction, graph);
    if (!result) {
        const call = { direction: skeleton.direction, budgetMs: limits.budgetMs, signal: limits.signal };
        // Compact cards mean a big system: its zones are packed in rows (packed-layout.ts).
        result = skeleton.detail === 'compact' && packable(graph)
            ? await packedLayout(graph, runner, call, options.view ?? DEFAULT_VIEW, options.live === true)
            : await runner.layout(graph, call);
        // A fallback is not kept: the next request tries ELK again.
        if (result.engine === 'elk') cache?.set(skeleton.direction, graph, result);
    }
    return placeLayout(skeleton, result.graph, result.engine, result.reason);
}

/** Lays out `model` with `runner`; under `auto`, in the direction that fits the view larger. */
export async function layoutDiagram(model: ArchModel, options: DiagramOptions, runner: LayoutRunner, limits: LayoutLimits = {}, cache?: LayoutCache): Promise<DiagramLayout> {
    if (options.direction !== 'auto' || model.components.size > (limits.exactAutoUpTo ?? 500)) return layOut(model, options, runner, limits, cache);
    const right = await layOut(model, { ...options, direction: 'right' }, runner, limits, cache);
    const down = await layOut(model, { ...options, direction: 'down' }, runner, limits, cache);
    return chooseDirection({ right, down }, options.view, options.keep) === 'down' ? down : right;
}

/** A laid-out diagram and its SVG. */
export interface RenderedDiagram {
    layout: DiagramLayout;
    svg: string;
}

/** Lays out `model` and renders it as SVG in `theme`, with a legend under it when asked. */
export async function createDiagram(model: ArchModel, options: DiagramOptions & { theme: Theme; legend?: boolean }, runner: LayoutRunner, limits: LayoutLimits = {}): Promise<RenderedDiagram> {
    const layout = await layoutDiagram(model, options, runner, limits);
    return { layout, svg: renderSvg(layout, { theme: options.theme, legend: options.legend }) };
}
