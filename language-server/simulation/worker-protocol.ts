/**
 * A simulation in a worker, the same over Node's worker_threads and a browser's Web Worker: the
 * messages both ways, the creator's side (runInWorker) and the worker's side (serveSimulations).
 */
import type { ArchModel } from '../model/types.js';
import type { SimulationOptions } from './settings.js';
import type { SimulationReport } from './report.js';
import { runSimulation } from './run.js';

/** A run's settings as they travel to the worker (signals and callbacks cannot). */
export type WorkerSettings = Omit<SimulationOptions, 'signal' | 'onProgress'>;

/** Messages to the worker. */
export type WorkerRequest =
    | { type: 'run'; model: ArchModel; options: WorkerSettings; progress: boolean }
    | { type: 'cancel' };

/** Messages from the worker. */
export type WorkerReply =
    | { type: 'progress'; fraction: number }
    | { type: 'done'; report: SimulationReport }
    | { type: 'error'; message: string };

/** A simulation worker seen from the thread that started it. */
export interface SimulationWorker {
    post(request: WorkerRequest): void;
    onReply(listener: (reply: WorkerReply) => void): void;
    /** The worker crashed or exited before it replied. */
    onFailure(listener: (error: Error) => void): void;
    terminate(): void;
}

/** Runs `model` in a started `worker`, which is terminated when the run ends; rejects if the worker dies. */
export function runInWorker(worker: SimulationWorker, model: ArchModel, options: SimulationOptions = {}): Promise<SimulationReport> {
    const { signal, onProgress, ...settings } = options;
    return new Promise<SimulationReport>((resolve, reject) => {
        let settled = false;
        const cancel = () => worker.post({ type: 'cancel' });
        const settle = (action: () => void) => {
            if (settled) return;
            settled = true;
            signal?.removeEventListener('abort', cancel);
            worker.terminate();
            action();
        };
        signal?.addEventListener('abort', cancel, { once: true });
        worker.onReply((reply) => {
            if (reply.type === 'progress') onProgress?.(reply.fraction);
            else if (reply.type === 'done') settle(() => resolve(reply.report));
            else settle(() => reject(new Error(reply.message)));
        });
        worker.onFailure((error) => settle(() => reject(error)));
        worker.post({ type: 'run', model, options: settings, progress: onProgress !== undefined });
        if (signal?.aborted) cancel();
    });
}

/** The worker's side: answers each message with `post`; a `cancel` stops the run at its next slice. */
export function serveSimulations(post: (reply: WorkerReply) => void): (message: WorkerRequest) => void {
    const abort = new AbortController();
    return (message) => {
        if (message.type === 'cancel') {
            abort.abort();
            return;
        }
        runSimulation(message.model, {
            ...message.options, signal: abort.signal,
            onProgress: message.progress ? (fraction) => post({ type: 'progress', fraction }) : undefined,
        }).then(
            (report) => post({ type: 'done', report }),
            (error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
        );
    };
}
