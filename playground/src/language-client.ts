/// <reference lib="dom" />
/**
 * The page's side of the language server in its Web Worker. Monaco's own LSP client (part of
 * monaco-editor) talks the standard protocol: document sync, diagnostics as markers,
 * completion, hover, code actions, formatting, semantic tokens and the rest. Archlint's own
 * requests (diagram, scenarios, simulate) ride the same JSON-RPC stream with ids of their own
 * (`archlint:N`): their replies and the simulation's progress notifications are taken off the
 * stream before Monaco's client sees it, which passes everything else through untouched.
 */
import { MonacoLspClient, createTransportToWorker } from './editor.js';

type Transport = ConstructorParameters<typeof MonacoLspClient>[0];
type Listener = Parameters<Transport['setListener']>[0];
type Message = Parameters<Transport['send']>[0];

/** A JSON-RPC message as it arrives from the worker. */
interface Incoming {
    id?: string | number | null;
    method?: string;
    params?: unknown;
    result?: unknown;
    error?: { code: number; message: string };
}

/** A JSON-RPC message as Monaco's client sends it. */
interface Outgoing {
    id?: string | number;
    method?: string;
    params?: { textDocument?: { uri?: string } };
}

/** JSON-RPC's code for a request the server gave up because the client cancelled it. */
const REQUEST_CANCELLED = -32800;

/** Raised when an Archlint request was cancelled (a newer one replaced it). */
export class RequestCancelled extends Error {
    constructor() {
        super('cancelled');
    }
}

/** The language server worker with Monaco's client on it, and Archlint's requests beside. */
export class LanguageClient {
    private readonly pending = new Map<string, { resolve(value: unknown): void; reject(error: Error): void }>();
    private readonly notifications = new Map<string, (params: unknown) => void>();
    /** Documents opened on the server, and requests about others waiting for their didOpen. */
    private readonly opened = new Set<string>();
    private readonly held = new Map<string, Outgoing[]>();
    private readonly transport: Transport;
    private nextId = 1;

    constructor(readonly worker: Worker) {
        const inner = createTransportToWorker(worker);
        this.transport = {
            get state() { return inner.state; },
            send: (message) => this.send(inner, message as Outgoing),
            setListener: (listener: Listener) => inner.setListener(listener && ((message) => {
                if (!this.take(message as Incoming)) listener(message);
            })),
            toString: () => inner.toString(),
        };
        new MonacoLspClient(this.transport);
    }

    /**
     * Sends `message`, a request about a document only after the document's didOpen: Monaco's
     * client may ask for code actions at the cursor before it opens the model, which the server
     * could only refuse.
     */
    private send(inner: Transport, message: Outgoing): Promise<void> {
        const uri = message.params?.textDocument?.uri;
        if (uri === undefined) return inner.send(message as Message);
        if (message.method === 'textDocument/didOpen') {
            this.opened.add(uri);
            const held = this.held.get(uri) ?? [];
            this.held.delete(uri);
            return Promise.all([message, ...held].map((m) => inner.send(m as Message))).then(() => undefined);
        }
        if (message.method === 'textDocument/didClose') this.opened.delete(uri);
        if (message.id === undefined || this.opened.has(uri)) return inner.send(message as Message);
        this.held.set(uri, [...(this.held.get(uri) ?? []), message]);
        return Promise.resolve();
    }

    /** Sends an Archlint request; aborting `signal` cancels it on the server and rejects with RequestCancelled. */
    request<R>(method: string, params: unknown, signal?: AbortSignal): Promise<R> {
        const id = `archlint:${this.nextId++}`;
        return new Promise<R>((resolve, reject) => {
            if (signal?.aborted) return reject(new RequestCancelled());
            const onAbort = () => {
                if (!this.pending.delete(id)) return;
                void this.transport.send({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } } as Message);
                reject(new RequestCancelled());
            };
            signal?.addEventListener('abort', onAbort, { once: true });
            this.pending.set(id, {
                resolve: (value) => { signal?.removeEventListener('abort', onAbort); resolve(value as R); },
                reject: (error) => { signal?.removeEventListener('abort', onAbort); reject(error); },
            });
            void this.transport.send({ jsonrpc: '2.0', id, method, params } as Message);
        });
    }

    /** Hears an Archlint notification from the server. */
    onNotification(method: string, handler: (params: unknown) => void): void {
        this.notifications.set(method, handler);
    }

    /** Handles `message` if it is Archlint's; false hands it to Monaco's client. */
    private take(message: Incoming): boolean {
        if (message.method !== undefined) {
            const handler = message.id === undefined ? this.notifications.get(message.method) : undefined;
            handler?.(message.params);
            return handler !== undefined;
        }
        if (typeof message.id !== 'string' || !message.id.startsWith('archlint:')) return false;
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) waiting?.reject(message.error.code === REQUEST_CANCELLED ? new RequestCancelled() : new Error(message.error.message));
        else waiting?.resolve(message.result);
        return true;
    }
}
