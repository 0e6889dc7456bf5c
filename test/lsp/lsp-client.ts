/** A real LSP client over stdio for tests: spawns `archlint lsp --stdio` and speaks JSON-RPC to it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
    ConfigurationRequest, RegistrationRequest, createProtocolConnection, DidChangeConfigurationNotification, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification,
    InitializedNotification, InitializeRequest, PublishDiagnosticsNotification, ShutdownRequest,
    StreamMessageReader, StreamMessageWriter, type Diagnostic, type ProtocolConnection, type PublishDiagnosticsParams, type ServerCapabilities,
} from 'vscode-languageserver-protocol/node.js';

/** The CLI of this package, found upward from this file (it also runs compiled, from out/). */
function findBin(): string {
    for (let dir = dirname(fileURLToPath(import.meta.url)); dirname(dir) !== dir; dir = dirname(dir)) {
        if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'bin', 'archlint.js'))) return join(dir, 'bin', 'archlint.js');
    }
    throw new Error('bin/archlint.js not found');
}

const BIN = findBin();

/** A started server with helpers to open, edit and await diagnostics. */
export class LspClient {
    private readonly waiters: Array<{ uri: string; version?: number; resolve: (d: Diagnostic[]) => void }> = [];
    private readonly latest = new Map<string, PublishDiagnosticsParams>();
    private readonly versions = new Map<string, number>();
    /** Every diagnostics notification received, in order. */
    readonly published: PublishDiagnosticsParams[] = [];
    /** What the server said it can do, in its answer to initialize. */
    capabilities: ServerCapabilities = {};

    private constructor(readonly process: ChildProcess, readonly connection: ProtocolConnection) {
        connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
            this.published.push(params);
            this.latest.set(params.uri, params);
            for (const waiter of [...this.waiters]) {
                if (waiter.uri === params.uri && (waiter.version === undefined || params.version === undefined || params.version >= waiter.version)) {
                    this.waiters.splice(this.waiters.indexOf(waiter), 1);
                    waiter.resolve(params.diagnostics);
                }
            }
        });
    }

    /** Spawns the server (`archlint lsp`, or the node arguments `server` gives) and completes the initialize handshake. */
    static async start(rootUri: string | null = null, settings?: Record<string, unknown>, server: readonly string[] = [BIN, 'lsp', '--stdio']): Promise<LspClient> {
        const workspaceFolders = rootUri ? [{ uri: rootUri, name: 'workspace' }] : null;
        const child = spawn(process.execPath, server, { stdio: ['pipe', 'pipe', 'inherit'] });
        const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
        connection.listen();
        const client = new LspClient(child, connection);
        // Answers the server's settings requests like an editor would, when the test gives settings.
        connection.onRequest(RegistrationRequest.type, () => undefined);
        connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => (item.section ? settings?.[item.section] : settings) ?? null));
        const { capabilities } = await connection.sendRequest(InitializeRequest.type, {
            processId: process.pid, rootUri, workspaceFolders,
            capabilities: {
                workspace: { workspaceFolders: true, configuration: settings !== undefined, didChangeConfiguration: { dynamicRegistration: false } },
                textDocument: {
                    publishDiagnostics: { versionSupport: true },
                    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
                    completion: { completionItem: { snippetSupport: true } },
                    hover: { contentFormat: ['markdown'] },
                },
            },
        });
        client.capabilities = capabilities;
        await connection.sendNotification(InitializedNotification.type, {});
        return client;
    }

    /** Opens a document and resolves with its first diagnostics. */
    async open(uri: string, text: string): Promise<Diagnostic[]> {
        this.versions.set(uri, 1);
        const next = this.nextDiagnostics(uri, 1);
        await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'arch', version: 1, text } });
        return next;
    }

    /** Replaces a document's whole text and resolves with the diagnostics of the new version. */
    async change(uri: string, text: string): Promise<Diagnostic[]> {
        const version = (this.versions.get(uri) ?? 1) + 1;
        const next = this.nextDiagnostics(uri, version);
        await this.edit(uri, text);
        return next;
    }

    /** Replaces a document's whole text without waiting for anything but the write (edits in a burst). */
    async edit(uri: string, text: string): Promise<void> {
        const version = (this.versions.get(uri) ?? 1) + 1;
        this.versions.set(uri, version);
        await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    }

    /** The diagnostics last published for `uri` ([] before any). */
    latestDiagnostics(uri: string): Diagnostic[] {
        return this.latest.get(uri)?.diagnostics ?? [];
    }

    /** Resolves with the next diagnostics published for `uri` at or after `version`. */
    nextDiagnostics(uri: string, version?: number): Promise<Diagnostic[]> {
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version} within 15 s`)), 15_000);
            this.waiters.push({ uri, version, resolve: (d) => { clearTimeout(timer); resolve(d); } });
        });
    }

    /** Tells the server that the editor's settings changed. */
    async changeSettings(settings: Record<string, unknown>): Promise<void> {
        await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
    }

    /** Sends any request and resolves with its result. */
    request<R>(method: string, params: unknown): Promise<R> {
        return this.connection.sendRequest(method, params) as Promise<R>;
    }

    /** Shuts the server down cleanly and waits for the process to exit. */
    async stop(): Promise<number | null> {
        const exited = new Promise<number | null>((resolve) => this.process.once('exit', (code) => resolve(code)));
        await this.connection.sendRequest(ShutdownRequest.type);
        await this.connection.sendNotification(ExitNotification.type);
        const code = await exited;
        this.connection.dispose();
        return code;
    }
}
