/**
 * The `archlint/diagram` request: the laid-out graph and SVG of one system of an open document,
 * from its latest (unsaved) text. ELK runs in a worker (ArchWorkers) with a budget, so the server
 * keeps answering while a big model lays out; a superseded request is cancelled, which also
 * stops its layout. The last ELK result per document is reused while the graph is unchanged
 * (an edit to a comment or a latency needs a new SVG, not a new layout).
 *
 * A request may carry a simulation's figures and the document version that was simulated. They
 * are drawn while the model is the one simulated (a comment or a blank line changes nothing);
 * after an edit that changes the model they are left out and the answer says they are
 * outdated, so a diagram never shows figures of a design that is no longer on screen.
 */
import { URI } from 'langium';
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import type { ArchServices } from '../arch-module.js';
import * as ast from '../generated/ast.js';
import type { ArchModel } from '../model/types.js';
import { layoutDiagram, type LayoutCache } from '../diagram/diagram.js';
import { findingsOf } from '../diagram/findings.js';
import { isSimulationOverlay } from '../diagram/overlay.js';
import { LayoutAborted, LayoutRunner, type LayoutResult } from '../diagram/layout-runner.js';
import type { DiagramLayout, DiagramOptions } from '../diagram/types.js';
import { renderSvg } from '../diagram/svg.js';
import { abortOn, validatedDocument } from './request-support.js';
import type { DiagramParams, DiagramResult } from '../protocol.js';

/** ELK's budget in the editor: past it the fallback layout is shown instead of a frozen view. */
const LIVE_BUDGET_MS = 4_000;

/** Under `auto`, both directions are laid out up to this many components; above, estimated (one layout per edit). */
const LIVE_EXACT_AUTO_UP_TO = 60;

interface CachedLayout { input: string; result: LayoutResult }

/** The view's size from a request, when it is a plausible one. */
function viewOf(view: DiagramParams['view']): DiagramOptions['view'] {
    const ok = (v: unknown) => typeof v === 'number' && v >= 50 && v <= 20_000;
    return view && ok(view.width) && ok(view.height) ? { width: view.width, height: view.height } : undefined;
}

/** What a model means, without where its text sits, as text: equal for a comment-only edit. */
function modelDigest(model: ArchModel): string {
    return JSON.stringify(model, (key, value: unknown) => {
        if (key === 'source' || key === 'properties' || key === 'uri') return undefined;
        return value instanceof Map ? [...value] : value instanceof Set ? [...value] : value;
    });
}

/** Answers `archlint/diagram`; owns the layout runner (ELK in the process's workers), the last layouts and the simulated versions. */
export class ArchDiagramRequestHandler {
    private readonly runner = new LayoutRunner(() => this.services.shared.archlint.Workers.layout(), LIVE_BUDGET_MS);
    /** The last ELK layout of each document, system and direction, reused while the graph is unchanged. */
    private readonly cache = new Map<string, CachedLayout>();
    /** Per document and system: the digest of the model as it was at the version an overlay was simulated. */
    private readonly simulated = new Map<string, { version: number; digest: string }>();

    constructor(private readonly services: ArchServices) {
        services.shared.workspace.DocumentBuilder.onUpdate((_changed, deleted) => deleted.forEach((uri) => {
            for (const map of [this.cache, this.simulated]) for (const key of map.keys()) if (key.startsWith(`${uri.toString()}#`)) map.delete(key);
        }));
    }

    /** The diagram of the requested system of an open document, or why there is none. */
    async diagram(params: DiagramParams, token: CancellationToken): Promise<DiagramResult | ResponseError<void>> {
        const { services, runner } = this;
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

        const direction = params.direction === 'down' || params.direction === 'right' ? params.direction : 'auto';
        const key = `${uri.toString()}#${model.name}`;
        const figures = params.overlay && isSimulationOverlay(params.overlay.figures) && Number.isSafeInteger(params.overlay.version) ? params.overlay : undefined;
        const overlay = figures ? (this.overlayCurrent(key, model, figures.version, version) ? 'shown' : 'outdated') : undefined;
        const options: DiagramOptions = {
            direction, live: true, view: viewOf(params.view), keep: params.keep === 'down' || params.keep === 'right' ? params.keep : undefined,
            findings: findingsOf(model, document.diagnostics ?? []), overlay: overlay === 'shown' ? figures?.figures : undefined,
        };
        let layout: DiagramLayout;
        try {
            layout = await layoutDiagram(model, options, runner, { signal: abortOn(token), exactAutoUpTo: LIVE_EXACT_AUTO_UP_TO }, this.cacheFor(key));
        } catch (error) {
            if (error instanceof LayoutAborted) return new ResponseError(LSPErrorCodes.RequestCancelled, 'superseded');
            throw error;
        }
        // A layout from the cache returns at once; one superseded meanwhile is not drawn.
        if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'superseded');
        // The legend rides along for exports; the view crops it off.
        const svg = renderSvg(layout, { theme: params.theme === 'dark' ? 'dark' : 'light', legend: true });
        return { uri: uri.toString(), version, systems, layout, svg, overlay };
    }

    private cacheFor(key: string): LayoutCache {
        return {
            get: (direction, graph) => {
                const kept = this.cache.get(`${key}#${direction}`);
                return kept?.input === JSON.stringify(graph) ? kept.result : undefined;
            },
            set: (direction, graph, result) => void this.cache.set(`${key}#${direction}`, { input: JSON.stringify(graph), result }),
        };
    }

    /** Whether the overlay simulated at `version` still describes `model` at `current`. */
    private overlayCurrent(key: string, model: ArchModel, version: number, current: number): boolean {
        const known = this.simulated.get(key);
        if (known?.version !== version) {
            // Only the simulated version itself can vouch for its figures.
            if (current !== version) return false;
            this.simulated.set(key, { version, digest: modelDigest(model) });
            return true;
        }
        return current === version || known.digest === modelDigest(model);
    }
}
