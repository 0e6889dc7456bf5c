/** The language server entry: stdio or node IPC, chosen by the process arguments (--stdio, --node-ipc). */
import { startLanguageServer } from 'langium/lsp';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { createArchServices } from './arch-module.js';
import { ArchNodeFileSystem } from './workspace/source-files.js';
import { setDocsBase } from './rules/docs.js';
import { ArchNodeWorkers } from './lsp/node-workers.js';
import { listenToArchRequests } from './lsp/requests.js';
import { answerSemanticTokensForTheirText } from './lsp/semantic-tokens.js';
import { whenIdle } from './lsp/idle-collection.js';

const CONFIG_FILE = /(archlint\.config|\.archlintrc)\.json$/;

/** Starts the Arch language server on this process's connection. */
export function startServer(): void {
    const connection = createConnection(ProposedFeatures.all);
    const { shared, Arch } = createArchServices({ connection, ...ArchNodeFileSystem, workers: ArchNodeWorkers });
    const config = Arch.archlint.Config;
    // A failed request to the client (say, a refused registration) must not take the server down.
    process.on('unhandledRejection', (reason) => connection.console.error(`Archlint: ${reason instanceof Error ? reason.stack : String(reason)}`));
    // Through the workspace lock, as edits go: a rebuild beside an edit's build validated a
    // document twice at once (its diagnostics doubled), and a newer one must cancel it.
    const revalidateAll = () => {
        const uris = shared.workspace.LangiumDocuments.all.map((d) => d.uri).toArray();
        void shared.workspace.WorkspaceLock.write((token) => shared.workspace.DocumentBuilder.update(uris, [], token));
    };
    const useEditorRules = (rules: unknown) => {
        config.setEditorRules(rules);
        revalidateAll();
    };
    const useImportSettings = (imports: unknown) => {
        const allow = (imports as { allowOutsideWorkspace?: unknown } | undefined)?.allowOutsideWorkspace === true;
        shared.archlint.Imports.configure({ allowOutsideWorkspace: allow });
        revalidateAll();
    };

    shared.lsp.LanguageServer.onInitialize((params) => {
        const docsBase = (params.initializationOptions as { docsBase?: unknown } | undefined)?.docsBase;
        if (typeof docsBase === 'string') setDocsBase(docsBase);
    });
    shared.lsp.LanguageServer.onInitialized(async () => {
        const rules = await shared.workspace.ConfigurationProvider.getConfiguration('arch', 'rules');
        if (rules && Object.keys(rules).length) useEditorRules(rules);
        const imports = await shared.workspace.ConfigurationProvider.getConfiguration('arch', 'imports');
        if (imports) useImportSettings(imports);
    });
    config.onError = (error) => void connection.window.showErrorMessage(`Archlint: ${error.message}`);
    // Severities changed: in a config file, or in the editor's settings.
    shared.lsp.DocumentUpdateHandler.onWatchedFilesChange((params) => {
        if (!params.changes.some((c) => CONFIG_FILE.test(c.uri))) return;
        config.reset();
        revalidateAll();
    });
    shared.workspace.ConfigurationProvider.onConfigurationSectionUpdate(({ section, configuration }) => {
        if (section !== 'archlint') return;
        const settings = configuration as { rules?: unknown; imports?: unknown } | undefined;
        useEditorRules(settings?.rules);
        useImportSettings(settings?.imports);
    });
    listenToArchRequests(connection, Arch);
    // Memory the edits no longer need goes back to the system between them (idle-collection.ts).
    whenIdle(shared.workspace.DocumentBuilder);
    startLanguageServer(shared);
    answerSemanticTokensForTheirText(connection, shared);
}
