/**
 * The diagram feature's entry point: ArchModel to laid-out graph (ELK in a worker, with a
 * budget and a fallback) to SVG. Used by `archlint render` and the language server's
 * `archlint/diagram` request; pure apart from the runner it is given.
 */
import type { ArchModel } from '../model/types.js';
import type { DiagramLayout, DiagramOptions, Theme } from './types.js';
import type { LayoutRunner } from './layout-runner.js';
import { toElkGraph } from './elk-graph.js';
import { placeLayout } from './place.js';
import { renderSvg } from './svg.js';

/** Time and cancellation limits of one layout. */
export interface LayoutLimits {
    budgetMs?: number;
    signal?: AbortSignal;
}

/** Lays out `model` with `runner`. */
export async function layoutDiagram(model: ArchModel, options: DiagramOptions, runner: LayoutRunner, limits: LayoutLimits = {}): Promise<DiagramLayout> {
    const { graph, skeleton } = toElkGraph(model, options);
    const result = await runner.layout(graph, { direction: options.direction, ...limits });
    return placeLayout(skeleton, result.graph, result.engine, result.reason);
}

/** A laid-out diagram and its SVG. */
export interface RenderedDiagram {
    layout: DiagramLayout;
    svg: string;
}

/** Lays out `model` and renders it as SVG in `theme`. */
export async function createDiagram(model: ArchModel, options: DiagramOptions & { theme: Theme }, runner: LayoutRunner, limits: LayoutLimits = {}): Promise<RenderedDiagram> {
    const layout = await layoutDiagram(model, options, runner, limits);
    return { layout, svg: renderSvg(layout, { theme: options.theme }) };
}
