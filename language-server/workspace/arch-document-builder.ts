/**
 * Langium's document builder, plus: the files a build's documents import are read from disk
 * first (the server and the CLI alike), a request that arrives right after didOpen, before
 * the document's build has begun, waits for it instead of failing with "No document found",
 * and a burst of edits builds its last version only (edit-burst.ts).
 */
import { Cancellation, DefaultDocumentBuilder, DocumentState, OperationCancelled, interruptAndCheck, UriUtils, type BuildOptions, type LangiumDocument, type LangiumSharedCoreServices, type URI } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { ArchImports } from './imports.js';
import { EditBurst } from './edit-burst.js';

/** The document builder of Arch. */
export class ArchDocumentBuilder extends DefaultDocumentBuilder {
    private readonly burst = new EditBurst();

    constructor(services: LangiumSharedCoreServices, private readonly imports: () => ArchImports) {
        super(services);
    }

    override update(changed: URI[], deleted: URI[], cancelToken?: CancellationToken): Promise<void> {
        this.burst.noteUpdate();
        return super.update(changed, deleted, cancelToken);
    }

    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: CancellationToken): Promise<void> {
        // Only a build that a newer edit can cancel waits for the burst it belongs to to end.
        if (cancelToken !== Cancellation.CancellationToken.None) await this.burst.settle(cancelToken);
        // Parse first (as Langium's first step would) so that the imports are known.
        for (const document of documents) {
            if (document.state >= DocumentState.Parsed) continue;
            await interruptAndCheck(cancelToken);
            await this.langiumDocumentFactory.update(document, cancelToken);
            document.state = DocumentState.Parsed;
            await this.notifyDocumentPhase(document, DocumentState.Parsed, cancelToken);
        }
        const imported = await this.imports().loadMissing(documents);
        await super.buildDocuments(imported.length ? [...documents, ...imported] : documents, options, cancelToken);
    }

    protected override awaitDocumentState(state: DocumentState, uri: URI, cancelToken: CancellationToken): Promise<URI> {
        const document = this.langiumDocuments.getDocument(uri);
        const open = this.textDocuments?.get(uri.toString()) !== undefined;
        // An open document that is not built yet, or is behind a build that already passed `state`: its own build is coming.
        const pending = open && (!document || (document.state < state && this.currentState >= state));
        if (!pending) return super.awaitDocumentState(state, uri, cancelToken);
        if (cancelToken.isCancellationRequested) return Promise.reject(OperationCancelled);
        return new Promise((resolve, reject) => {
            const phase = this.onDocumentPhase(state, (doc) => {
                if (!UriUtils.equals(doc.uri, uri)) return;
                phase.dispose();
                cancel.dispose();
                resolve(doc.uri);
            });
            const cancel = cancelToken.onCancellationRequested(() => {
                phase.dispose();
                cancel.dispose();
                reject(OperationCancelled);
            });
        });
    }
}
