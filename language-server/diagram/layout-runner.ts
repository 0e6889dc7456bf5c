/**
 * Runs ELK off the caller's thread with a time budget. One worker at a time, jobs in order;
 * a job over budget, a crashed worker or an ELK error gets the fallback layout instead, and
 * a worker that overran is terminated (the next job starts a fresh one), so a huge or dense
 * model never blocks the editor or the CLI for longer than the budget.
 */
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { Direction } from './types.js';
import { fallbackLayout } from './fallback-layout.js';

/** A graph sent to a layout worker. */
export interface LayoutJob { id: number; graph: ElkNode }

/** A layout worker's answer to one job. */
export type LayoutAnswer = { id: number; graph: ElkNode } | { id: number; error: string };

/** A thread that runs ELK: worker_threads in Node, a Web Worker in a browser. */
export interface LayoutWorker {
    post(job: LayoutJob): void;
    onAnswer(listener: (answer: LayoutAnswer) => void): void;
    onFailure(listener: (error: Error) => void): void;
    /** Called while a job runs (true) and when idle (false): lets a Node process exit when idle. */
    setBusy?(busy: boolean): void;
    terminate(): void;
}

/** A laid-out graph and whether ELK or the fallback placed it. */
export interface LayoutResult {
    graph: ElkNode;
    engine: 'elk' | 'fallback';
    /** Why the fallback was used. */
    reason?: string;
}

/** Per-call settings of a layout. */
export interface LayoutCall {
    direction: Direction;
    /** Wall-clock budget from the call, in ms. */
    budgetMs?: number;
    /** Abandons the job: it is dropped or its worker terminated, and the promise rejects. */
    signal?: AbortSignal;
}

interface Pending {
    job: LayoutJob;
    call: LayoutCall;
    resolve(result: LayoutResult): void;
    reject(error: Error): void;
    timer?: ReturnType<typeof setTimeout>;
    onAbort?: () => void;
    startedAt?: number;
    /** Aborted while running: its answer is dropped, but the warm worker is kept. */
    abandoned?: boolean;
}

/** An aborted job that has run this long gets its worker terminated rather than awaited. */
const RESTART_AFTER_MS = 250;

/** The error a layout rejects with when its signal aborts. */
export class LayoutAborted extends Error {
    constructor() {
        super('layout aborted');
    }
}

/** Queues layouts onto one worker and enforces each call's budget. */
export class LayoutRunner {
    private worker?: LayoutWorker;
    private running?: Pending;
    private readonly queue: Pending[] = [];
    private nextId = 1;

    /** `spawn` starts a worker; it may throw when ELK is unavailable (every job then falls back). */
    constructor(private readonly spawn: () => LayoutWorker, private readonly defaultBudgetMs = 10_000) {}

    /** Lays out `graph` with ELK, or with the fallback when ELK fails or overruns the budget. */
    layout(graph: ElkNode, call: LayoutCall): Promise<LayoutResult> {
        return new Promise<LayoutResult>((resolve, reject) => {
            if (call.signal?.aborted) return reject(new LayoutAborted());
            const pending: Pending = { job: { id: this.nextId++, graph }, call, resolve, reject };
            pending.timer = setTimeout(() => this.overrun(pending), call.budgetMs ?? this.defaultBudgetMs);
            pending.onAbort = () => this.abort(pending);
            call.signal?.addEventListener('abort', pending.onAbort, { once: true });
            this.queue.push(pending);
            this.pump();
        });
    }

    /** Terminates the worker; queued jobs fall back. */
    dispose(): void {
        this.discardWorker();
        for (const p of this.queue.splice(0)) this.finish(p, 'fallback', 'the layout engine was shut down');
    }

    private pump(): void {
        if (this.running || this.queue.length === 0) return;
        const pending = this.queue.shift()!;
        let worker: LayoutWorker;
        try {
            worker = this.worker ?? this.start();
        } catch (error) {
            this.finish(pending, 'fallback', `ELK is unavailable: ${(error as Error).message}`);
            return this.pump();
        }
        this.running = pending;
        pending.startedAt = Date.now();
        worker.setBusy?.(true);
        worker.post(pending.job);
    }

    private start(): LayoutWorker {
        const worker = this.spawn();
        worker.onAnswer((answer) => {
            const pending = this.running;
            if (worker !== this.worker || !pending || answer.id !== pending.job.id) return;
            this.running = undefined;
            worker.setBusy?.(false);
            if (pending.abandoned) clearTimeout(pending.timer);
            else if ('error' in answer) this.finish(pending, 'fallback', `ELK failed: ${answer.error}`);
            else this.finish(pending, 'elk', undefined, answer.graph);
            this.pump();
        });
        worker.onFailure((error) => {
            if (worker !== this.worker) return;
            const pending = this.running;
            this.discardWorker();
            if (pending && !pending.abandoned) this.finish(pending, 'fallback', `the layout worker failed: ${error.message}`);
            else clearTimeout(pending?.timer);
            this.pump();
        });
        this.worker = worker;
        return worker;
    }

    private overrun(pending: Pending): void {
        const budget = pending.call.budgetMs ?? this.defaultBudgetMs;
        if (this.running === pending) this.discardWorker();
        else this.queue.splice(this.queue.indexOf(pending), 1);
        if (!pending.abandoned) this.finish(pending, 'fallback', `ELK took longer than the ${budget} ms budget`);
        this.pump();
    }

    private abort(pending: Pending): void {
        if (this.running === pending) {
            if (Date.now() - (pending.startedAt ?? 0) < RESTART_AFTER_MS) {
                // Cheaper to let a short job finish than to start a new worker (ELK takes ~200 ms to load).
                pending.abandoned = true;
                pending.call.signal?.removeEventListener('abort', pending.onAbort!);
                pending.reject(new LayoutAborted());
                return;
            }
            this.discardWorker();
        } else if (this.queue.includes(pending)) this.queue.splice(this.queue.indexOf(pending), 1);
        else return;
        this.settle(pending);
        pending.reject(new LayoutAborted());
        this.pump();
    }

    private discardWorker(): void {
        this.worker?.terminate();
        this.worker = undefined;
        this.running = undefined;
    }

    private settle(pending: Pending): void {
        clearTimeout(pending.timer);
        if (pending.onAbort) pending.call.signal?.removeEventListener('abort', pending.onAbort);
    }

    private finish(pending: Pending, engine: LayoutResult['engine'], reason?: string, graph?: ElkNode): void {
        this.settle(pending);
        pending.resolve(graph ? { graph, engine } : { graph: fallbackLayout(pending.job.graph, pending.call.direction), engine, reason });
    }
}
