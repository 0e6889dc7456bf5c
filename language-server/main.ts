/** The language server entry: stdio or node IPC, chosen by the process arguments (--stdio, --node-ipc). */
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { createArchServices } from './arch-module.js';
import { setDocsBase } from './rules/docs.js';

const CONFIG_FILE = /(archlint\.config|\.archlintrc)\.json$/;

/** Starts the Arch language server on this process's connection. */
export function startServer(): void {
    const connection = createConnection(ProposedFeatures.all);
    const { shared, Arch } = createArchServices({ connection, ...NodeFileSystem });
    shared.lsp.LanguageServer.onInitialize((params) => {
        const docsBase = (params.initializationOptions as { docsBase?: unknown } | undefined)?.docsBase;
        if (typeof docsBase === 'string') setDocsBase(docsBase);
    });
    Arch.archlint.Config.onError = (error) => void connection.window.showErrorMessage(`Archlint: ${error.message}`);
    // A changed config file changes every document's severities: forget it and revalidate all.
    shared.lsp.DocumentUpdateHandler.onWatchedFilesChange((params) => {
        if (!params.changes.some((c) => CONFIG_FILE.test(c.uri))) return;
        Arch.archlint.Config.reset();
        const uris = shared.workspace.LangiumDocuments.all.map((d) => d.uri).toArray();
        void shared.workspace.DocumentBuilder.update(uris, []);
    });
    startLanguageServer(shared);
}
