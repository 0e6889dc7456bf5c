/// <reference lib="dom" />
/**
 * The language server's helpers in a browser: ELK and the simulator each in a Web Worker of
 * their own, started from the files built beside the server's (elk-worker.js,
 * simulation-worker.js), and driven as the Node server drives its worker threads.
 */
import type { LayoutAnswer, LayoutWorker } from '../../language-server/diagram/layout-runner.js';
import type { ArchModel } from '../../language-server/model/types.js';
import type { SimulationReport } from '../../language-server/simulation/report.js';
import type { SimulationOptions } from '../../language-server/simulation/settings.js';
import { runInWorker, type WorkerReply } from '../../language-server/simulation/worker-protocol.js';

/** A worker script built beside this one. */
function start(file: string): Worker {
    return new Worker(new URL(file, self.location.href));
}

/** Why a worker failed, from its error event. */
const failure = (event: ErrorEvent) => new Error(event.message || 'the worker could not start');

/** Starts an ELK worker for the layout runner. */
export function spawnWebLayoutWorker(): LayoutWorker {
    const worker = start('elk-worker.js');
    return {
        post: (job) => worker.postMessage(job),
        onAnswer: (listener) => worker.addEventListener('message', (event: MessageEvent<LayoutAnswer>) => listener(event.data)),
        onFailure: (listener) => worker.addEventListener('error', (event) => listener(failure(event))),
        terminate: () => worker.terminate(),
    };
}

/** Runs `model` in a fresh simulation worker. */
export function runSimulationInWebWorker(model: ArchModel, options: SimulationOptions): Promise<SimulationReport> {
    const worker = start('simulation-worker.js');
    return runInWorker({
        post: (request) => worker.postMessage(request),
        onReply: (listener) => worker.addEventListener('message', (event: MessageEvent<WorkerReply>) => listener(event.data)),
        onFailure: (listener) => worker.addEventListener('error', (event) => listener(failure(event))),
        terminate: () => worker.terminate(),
    }, model, options);
}
