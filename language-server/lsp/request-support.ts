/** What the custom requests share: cancellation as an AbortSignal, and waiting for a validated document. */
import { DocumentState, type LangiumDocument, type URI } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { ArchServices } from '../arch-module.js';

/** How often, and how far apart, to ask again for a document whose build has not started yet. */
const VALIDATION_ATTEMPTS = 100;
const RETRY_MS = 20;

/** An AbortSignal that fires when `token` is cancelled (the workers take signals). */
export function abortOn(token: CancellationToken): AbortSignal {
    const controller = new AbortController();
    if (token.isCancellationRequested) controller.abort();
    else token.onCancellationRequested(() => controller.abort());
    return controller.signal;
}

/**
 * The validated document at `uri`, undefined when it is not open (or never gets validated),
 * or 'cancelled'. Langium refuses to wait for a document that is behind a finished build (a
 * didOpen whose build has not started yet): then it waits a moment and asks again.
 */
export async function validatedDocument(services: ArchServices, uri: URI, token: CancellationToken): Promise<LangiumDocument | undefined | 'cancelled'> {
    const documents = services.shared.workspace.LangiumDocuments;
    await services.shared.workspace.WorkspaceManager.ready;
    for (let attempt = 0; attempt < VALIDATION_ATTEMPTS; attempt++) {
        try {
            await services.shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, uri, token);
        } catch {
            // Cancelled, unknown document, or the race above: told apart below.
        }
        if (token.isCancellationRequested) return 'cancelled';
        const document = documents.hasDocument(uri) ? documents.getDocument(uri) : undefined;
        if (!document || document.state >= DocumentState.Validated) return document;
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
    return undefined;
}
