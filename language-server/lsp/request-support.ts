/** What the custom requests share: cancellation as an AbortSignal, and waiting for a validated document. */
import { DocumentState, type LangiumDocument, type URI } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { ArchServices } from '../arch-module.js';

/** An AbortSignal that fires when `token` is cancelled (the workers take signals). */
export function abortOn(token: CancellationToken): AbortSignal {
    const controller = new AbortController();
    if (token.isCancellationRequested) controller.abort();
    else token.onCancellationRequested(() => controller.abort());
    return controller.signal;
}

/**
 * The validated document at `uri`, undefined when it is not open (or never gets validated), or
 * 'cancelled'. A document just opened is waited for (ArchDocumentBuilder).
 */
export async function validatedDocument(services: ArchServices, uri: URI, token: CancellationToken): Promise<LangiumDocument | undefined | 'cancelled'> {
    await services.shared.workspace.WorkspaceManager.ready;
    try {
        await services.shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, uri, token);
    } catch {
        // Cancelled, or a document that is neither open nor loaded: told apart below.
    }
    if (token.isCancellationRequested) return 'cancelled';
    const document = services.shared.workspace.LangiumDocuments.getDocument(uri);
    return document && document.state >= DocumentState.Validated ? document : undefined;
}
