/**
 * Runs a simulation in a worker thread, so the language server keeps answering while it
 * runs. The worker is `worker.js` beside this module (ES build), or `simulation-worker.cjs`
 * beside a bundle (the server's, where import.meta.url is undefined, or the CLI's).
 */
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ArchModel } from '../model/types.js';
import type { SimulationOptions } from './settings.js';
import type { SimulationReport } from './report.js';

/** Options a worker run accepts: the run's settings plus where the worker script is. */
export interface WorkerRunOptions extends Omit<SimulationOptions, 'signal' | 'onProgress'> {
    signal?: AbortSignal;
    onProgress?: (fraction: number) => void;
    /** Path or URL of the worker script; found automatically when omitted. */
    workerPath?: string | URL;
}

/** Messages to the worker. */
export type WorkerRequest =
    | { type: 'run'; model: ArchModel; options: Omit<SimulationOptions, 'signal' | 'onProgress'>; progress: boolean }
    | { type: 'cancel' };

/** Messages from the worker. */
export type WorkerReply =
    | { type: 'progress'; fraction: number }
    | { type: 'done'; report: SimulationReport }
    | { type: 'error'; message: string };

/** Runs `model` in a fresh worker thread; resolves with the report (rejects if the worker dies). */
export function runSimulationInWorker(model: ArchModel, options: WorkerRunOptions = {}): Promise<SimulationReport> {
    const { signal, onProgress, workerPath, ...settings } = options;
    const worker = new Worker(workerPath ?? defaultWorkerPath());
    return new Promise<SimulationReport>((resolve, reject) => {
        const cancel = () => worker.postMessage({ type: 'cancel' } satisfies WorkerRequest);
        const settle = (action: () => void) => {
            signal?.removeEventListener('abort', cancel);
            void worker.terminate();
            action();
        };
        signal?.addEventListener('abort', cancel, { once: true });
        worker.on('message', (reply: WorkerReply) => {
            if (reply.type === 'progress') onProgress?.(reply.fraction);
            else if (reply.type === 'done') settle(() => resolve(reply.report));
            else settle(() => reject(new Error(reply.message)));
        });
        worker.on('error', (error) => settle(() => reject(error)));
        worker.on('exit', (code) => settle(() => reject(new Error(`simulation worker exited with code ${code}`))));
        worker.postMessage({ type: 'run', model, options: settings, progress: onProgress !== undefined } satisfies WorkerRequest);
        if (signal?.aborted) cancel();
    });
}

/** The worker script: `worker.js` beside this module (ES build), else the bundled `simulation-worker.cjs`. */
function defaultWorkerPath(): string | URL {
    // The CommonJS server bundle defines import.meta.url away; its worker is bundled beside it.
    const here: string | undefined = import.meta.url;
    if (typeof here !== 'string') return join(__dirname, 'simulation-worker.cjs');
    // The CLI's bundle (dist/cli.cjs, which also serves `archlint lsp`) defines import.meta.url as its own file's URL and ships the bundled worker beside it.
    const compiled = new URL('./worker.js', here);
    return existsSync(fileURLToPath(compiled)) ? compiled : new URL('./simulation-worker.cjs', here);
}
