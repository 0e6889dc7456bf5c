/** The VS Code client: starts the Arch language server over node IPC and registers the views. */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node.js';
import { registerDiagramView } from './diagram-panel.js';
import { registerSimulationView } from './simulation-panel.js';

let client: LanguageClient | undefined;

/** Activates on the first .arch document. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const module = context.asAbsolutePath('dist/server.cjs');
    const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc },
        debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ language: 'arch' }],
        initializationOptions: { docsBase: vscode.Uri.joinPath(context.extensionUri, 'language-server', 'rules').toString() },
        synchronize: {
            configurationSection: 'archlint',
            fileEvents: vscode.workspace.createFileSystemWatcher('**/{archlint.config.json,.archlintrc.json,*.arch}'),
        },
    };
    client = new LanguageClient('archlint', 'Archlint', serverOptions, clientOptions);
    await client.start();
    const diagrams = registerDiagramView(context, client);
    registerSimulationView(context, client, (uri, version, report) => diagrams.showSimulation(uri, version, report));
}

/** Stops the language server with the extension. */
export async function deactivate(): Promise<void> {
    await client?.stop();
}
