/**
 * Semantic tokens answer for the text the editor asked about. Monaco and VS Code lay a reply
 * over the text as it was when they asked, shifted by the edits typed since; Langium answers
 * from whatever parse the document has when the request's turn comes, which may be the one
 * before the edit (its build still queued) or one after it (a newer edit built meanwhile), and
 * tokens past the end of a line follow. So a request waits for the parse of the text it was
 * sent against and answers no tokens (the editor asks again) once that text is gone.
 */
import { DocumentState, type LangiumDocument, type MaybePromise } from 'langium';
import { createServerRequestHandler, type LangiumSharedServices, type SemanticTokenProvider } from 'langium/lsp';
import type { CancellationToken, Connection, SemanticTokens, SemanticTokensDelta, ServerRequestHandler } from 'vscode-languageserver';

/** What the editor gets when the text it asked about is gone: no tokens (it asks again, as it has edits pending). */
const NONE: SemanticTokens = { data: [] };

/** Replaces Langium's semantic token handlers (call after `startLanguageServer`) with ones that answer for the asked text. */
export function answerSemanticTokensForTheirText(connection: Connection, shared: LangiumSharedServices): void {
    const handler = <P extends { textDocument: { uri: string } }, R extends SemanticTokens | SemanticTokensDelta>(
        compute: (provider: SemanticTokenProvider, document: LangiumDocument, params: P, token: CancellationToken) => MaybePromise<R>,
    ): ServerRequestHandler<P, R | SemanticTokens, never, void> => (params, token, workDone, progress) => {
        // Read as the request arrives: every edit sent before it has been applied, none after.
        const asked = shared.workspace.TextDocuments?.get(params.textDocument.uri)?.getText();
        return createServerRequestHandler<P, R | SemanticTokens, never>(async (services, document, request, cancel) => {
            const provider = services.lsp?.SemanticTokenProvider;
            if (!provider) return NONE;
            if (asked === undefined) return compute(provider, document, request, cancel);
            if (!(await parsedFrom(shared, document, asked, cancel))) return NONE;
            const tokens = await compute(provider, document, request, cancel);
            return parsedText(document) === asked && document.state >= DocumentState.Linked ? tokens : NONE;
        }, shared, DocumentState.Linked)(params, token, workDone, progress);
    };
    connection.languages.semanticTokens.on(handler((provider, document, params, token) => provider.semanticHighlight(document, params, token)));
    connection.languages.semanticTokens.onDelta(handler((provider, document, params, token) => provider.semanticHighlightDelta(document, params, token)));
    connection.languages.semanticTokens.onRange(handler((provider, document, params, token) => provider.semanticHighlightRange(document, params, token)));
}

/** The text `document` was last parsed from. */
function parsedText(document: LangiumDocument): string | undefined {
    return document.parseResult.value.$cstNode?.root.fullText;
}

/** Resolves true once `document` is linked from `text`, false once the editor's text is another. */
function parsedFrom(shared: LangiumSharedServices, document: LangiumDocument, text: string, cancel: CancellationToken): Promise<boolean> {
    const live = () => shared.workspace.TextDocuments?.get(document.uri.toString())?.getText();
    const settled = () => (parsedText(document) === text && document.state >= DocumentState.Linked ? true : live() !== text ? false : undefined);
    const now = settled();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise((resolve) => {
        const done = (result: boolean) => {
            phase.dispose();
            cancelled.dispose();
            resolve(result);
        };
        const phase = shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Linked, (built) => {
            if (built.uri.toString() !== document.uri.toString()) return;
            const result = settled();
            if (result !== undefined) done(result);
        });
        const cancelled = cancel.onCancellationRequested(() => done(false));
    });
}
