/**
 * Worker-thread entry of the simulator: receives a model and options, runs, posts progress
 * and the report. A `cancel` message stops the run at the next slice (report lists 'cancelled').
 */
import { parentPort } from 'node:worker_threads';
import { runSimulation } from './run.js';
import type { WorkerRequest, WorkerReply } from './runner.js';

const port = parentPort;
if (port) {
    const abort = new AbortController();
    port.on('message', (message: WorkerRequest) => {
        if (message.type === 'cancel') {
            abort.abort();
            return;
        }
        const post = (reply: WorkerReply) => port.postMessage(reply);
        runSimulation(message.model, {
            ...message.options, signal: abort.signal,
            onProgress: message.progress ? (fraction) => post({ type: 'progress', fraction }) : undefined,
        }).then(
            (report) => post({ type: 'done', report }),
            (error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
        );
    });
}
