/**
 * The `archlint/diagram` request: the laid-out graph and SVG of one system of an open document,
 * from its latest (unsaved) text. ELK runs in a worker thread with a budget, so the server
 * keeps answering while a big model lays out; a superseded request is cancelled, which also
 * stops its layout. The last ELK result per document is reused while the graph is unchanged
 * (an edit to a comment or a latency needs a new SVG, not a new layout).
 */
import { URI } from 'langium';
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import type { ArchServices } from '../arch-module.js';
import * as ast from '../generated/ast.js';
import { toElkGraph } from '../diagram/elk-graph.js';
import { findingsOf } from '../diagram/findings.js';
import { LayoutAborted, type LayoutResult, type LayoutRunner } from '../diagram/layout-runner.js';
import { createNodeLayoutRunner } from '../diagram/node-layout.js';
import { placeLayout } from '../diagram/place.js';
import { renderSvg } from '../diagram/svg.js';
import { abortOn, validatedDocument } from './request-support.js';
import type { DiagramParams, DiagramResult } from '../protocol.js';

/** ELK's budget in the editor: past it the fallback layout is shown instead of a frozen view. */
const LIVE_BUDGET_MS = 4_000;

interface CachedLayout { input: string; result: LayoutResult }

/** Answers `archlint/diagram`; owns the layout worker and the last layout of each system. */
export class ArchDiagramRequestHandler {
    private readonly runner: LayoutRunner = createNodeLayoutRunner({ budgetMs: LIVE_BUDGET_MS });
    private readonly cache = new Map<string, CachedLayout>();

    constructor(private readonly services: ArchServices) {
        services.shared.workspace.DocumentBuilder.onUpdate((_changed, deleted) => deleted.forEach((uri) => this.cache.delete(uri.toString())));
    }

    /** The diagram of the requested system of an open document, or why there is none. */
    async diagram(params: DiagramParams, token: CancellationToken): Promise<DiagramResult | ResponseError<void>> {
        const { services, runner, cache } = this;
        const uri = URI.parse(params.textDocument.uri);
        const document = await validatedDocument(services, uri, token);
        if (document === 'cancelled') return new ResponseError(LSPErrorCodes.RequestCancelled, 'superseded');
        const root = document?.parseResult.value;
        const version = document?.textDocument.version ?? 0;
        if (!document || !ast.isDocument(root)) return { uri: uri.toString(), version, systems: [], message: 'This document is not open in the language server.' };
        const models = services.archlint.Models.modelsOf(document);
        const systems = models.map((m) => m.name);
        const model = models.find((m) => m.name === params.system) ?? models[0];
        if (!model) return { uri: uri.toString(), version, systems, message: 'This file declares no system yet.' };

        const direction = params.direction === 'down' ? 'down' : 'right';
        const { graph, skeleton } = toElkGraph(model, { direction, findings: findingsOf(model, document.diagnostics ?? []) });
        const key = `${uri.toString()}#${model.name}`;
        const input = JSON.stringify(graph);
        let result = cache.get(key)?.input === input ? cache.get(key)!.result : undefined;
        if (!result) {
            try {
                result = await runner.layout(graph, { direction, signal: abortOn(token) });
            } catch (error) {
                if (error instanceof LayoutAborted) return new ResponseError(LSPErrorCodes.RequestCancelled, 'superseded');
                throw error;
            }
            // A fallback is not kept: the next request tries ELK again.
            if (result.engine === 'elk') cache.set(key, { input, result });
        }
        const layout = placeLayout(skeleton, result.graph, result.engine, result.reason);
        return { uri: uri.toString(), version, systems, layout, svg: renderSvg(layout, { theme: params.theme === 'dark' ? 'dark' : 'light' }) };
    }
}
