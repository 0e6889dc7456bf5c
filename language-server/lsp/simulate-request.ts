/**
 * The `archlint/scenarios` and `archlint/simulate` requests: the systems and scenarios of an
 * open document, and a simulation of one of its systems, both from the latest (unsaved) text.
 * The simulation runs in a worker (a thread in Node, a Web Worker in a browser; never on the
 * server's own thread) with a wall-time cap; `$/cancelRequest` stops the worker, and progress
 * goes out as `archlint/simulateProgress`.
 */
import { URI, type LangiumDocument } from 'langium';
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import type { ArchServices } from '../arch-module.js';
import type { ArchModel } from '../model/types.js';
import { LANGUAGE_ERRORS } from '../rules/language-errors.js';
import { abortOn, validatedDocument } from './request-support.js';
import {
    SIMULATE_PROGRESS, type ScenariosParams, type ScenariosResult, type SimulateParams, type SimulateProgressParams, type SimulateResult,
} from '../protocol.js';

/** Wall-clock cap of one run in the editor: past it the report says 'wallTime' and covers less time. */
const MAX_WALL_MS = 60_000;
/** Progress notifications go out at most this often (the last one, fraction 1, always does). */
const PROGRESS_EVERY_MS = 100;
/** Simulated time accepted from a client, at most (a day). */
const MAX_DURATION_S = 86_400;

const LANGUAGE = new Set(LANGUAGE_ERRORS.map((r) => r.id));
const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');

/** Why a run's settings are unusable, or undefined when they are fine. */
function badSettings(params: SimulateParams): string | undefined {
    const { durationS, seed } = params;
    if (durationS !== undefined && !(typeof durationS === 'number' && durationS > 0 && durationS <= MAX_DURATION_S)) {
        return `The simulated duration must be between 0 and ${MAX_DURATION_S} seconds.`;
    }
    if (seed !== undefined && !(Number.isSafeInteger(seed) && seed >= 0)) return 'The seed must be a whole number, 0 or more.';
    if (typeof params.runId !== 'string') return 'The request has no runId.';
    return undefined;
}

/** The first language error of a document as one actionable line, or undefined when there is none. */
function languageError(document: LangiumDocument): string | undefined {
    const errors = (document.diagnostics ?? []).filter((d) => d.severity === 1 && LANGUAGE.has(String(d.code)));
    if (!errors.length) return undefined;
    const first = errors[0];
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    return `Fix the language errors before simulating: line ${first.range.start.line + 1}: ${first.message}${more}.`;
}

/** Answers `archlint/scenarios` and `archlint/simulate` (in the process's workers); progress goes to the server's connection. */
export class ArchSimulateRequestHandler {
    constructor(private readonly services: ArchServices) {}

    private modelsOf(document: LangiumDocument | undefined): ArchModel[] {
        return document ? this.services.archlint.Models.modelsOf(document) : [];
    }

    /** The systems of an open document with their scenarios. */
    async scenarios(params: ScenariosParams, token: CancellationToken): Promise<ScenariosResult | ResponseError<void>> {
        const { services } = this;
        const document = await validatedDocument(services, URI.parse(params.textDocument.uri), token);
        if (document === 'cancelled') return cancelled();
        return {
            systems: this.modelsOf(document).map((m) => ({
                name: m.name, title: m.title,
                scenarios: m.scenarios.map((s) => ({ name: s.name, title: s.title, durationS: s.durationS })),
            })),
        };
    }

    /** A simulation of one system of an open document, or why it cannot run. */
    async simulate(params: SimulateParams, token: CancellationToken): Promise<SimulateResult | ResponseError<void>> {
        const { services } = this;
        const connection = services.shared.lsp.Connection;
        const invalid = badSettings(params);
        if (invalid) return { message: invalid };
        const document = await validatedDocument(services, URI.parse(params.textDocument.uri), token);
        if (document === 'cancelled') return cancelled();
        if (!document) return { message: 'This document is not open in the language server, or could not be checked.' };
        const broken = languageError(document);
        if (broken) return { message: broken };
        const models = this.modelsOf(document);
        if (!models.length) return { message: 'This file declares no system yet.' };
        const model = params.system === undefined ? models[0] : models.find((m) => m.name === params.system);
        if (!model) return { message: `This file has no system ${params.system} (it has: ${models.map((m) => m.name).join(', ')}).` };
        if (params.scenario !== undefined && !model.scenarios.some((s) => s.name === params.scenario)) {
            const known = model.scenarios.map((s) => s.name).join(', ') || 'none';
            return { message: `System ${model.name} has no scenario ${params.scenario} (it has: ${known}).` };
        }

        const signal = abortOn(token);
        let sentAt = -Infinity;
        const onProgress = (fraction: number) => {
            // A cancelled run still reports its end; the client wants no 100 % for it.
            if (signal.aborted) return;
            const now = performance.now();
            if (fraction < 1 && now - sentAt < PROGRESS_EVERY_MS) return;
            sentAt = now;
            void connection?.sendNotification(SIMULATE_PROGRESS, { runId: params.runId, fraction } satisfies SimulateProgressParams);
        };
        try {
            const report = await services.shared.archlint.Workers.simulate(model, {
                scenario: params.scenario, durationS: params.durationS, seed: params.seed,
                limits: { maxWallMs: MAX_WALL_MS }, signal, onProgress,
            });
            return token.isCancellationRequested ? cancelled() : { report };
        } catch (error) {
            if (token.isCancellationRequested) return cancelled();
            return { message: `The simulation failed: ${error instanceof Error ? error.message : String(error)}` };
        }
    }
}
