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
import { runInWorker } from './worker-protocol.js';

/** Options a worker run accepts: the run's settings plus where the worker script is. */
export interface WorkerRunOptions extends SimulationOptions {
    /** Path or URL of the worker script; found automatically when omitted. */
    workerPath?: string | URL;
}

/** Runs `model` in a fresh worker thread; resolves with the report (rejects if the worker dies). */
export function runSimulationInWorker(model: ArchModel, options: WorkerRunOptions = {}): Promise<SimulationReport> {
    const { workerPath, ...run } = options;
    const worker = new Worker(workerPath ?? defaultWorkerPath());
    return runInWorker({
        post: (request) => worker.postMessage(request),
        onReply: (listener) => worker.on('message', listener),
        onFailure: (listener) => {
            worker.on('error', listener);
            worker.on('exit', (code) => listener(new Error(`simulation worker exited with code ${code}`)));
        },
        terminate: () => void worker.terminate(),
    }, model, run);
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
