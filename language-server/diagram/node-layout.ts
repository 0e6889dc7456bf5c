/**
 * The Node side of the layout worker: a worker_threads thread that loads elkjs's bundled build
 * and answers jobs. The thread's code is inline (no worker file to ship), and it `require`s
 * ELK by absolute path, because a bundled server has no node_modules: a copy of
 * `elk.bundled.cjs` next to the bundle is found first (.cjs, as this is an ES module package).
 * (The `web-worker` package is not used here: it re-launches its own module file as the
 * worker, which in a bundle is the whole language server.)
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { LayoutRunner, type LayoutAnswer, type LayoutWorker } from './layout-runner.js';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ELK = require(workerData.elk);
const elk = new ELK();
parentPort.on('message', (job) => {
    elk.layout(job.graph).then(
        (graph) => parentPort.postMessage({ id: job.id, graph }),
        (error) => parentPort.postMessage({ id: job.id, error: String((error && error.message) || error) }));
});`;

/** The file of this module, in ESM (tests, tsc output) or in a CommonJS bundle. */
function thisFile(): string | undefined {
    // A CommonJS bundle defines import.meta.url as undefined and has __filename instead.
    const url: string | undefined = import.meta.url;
    if (url) return fileURLToPath(url);
    return typeof __filename === 'string' ? __filename : undefined;
}

/** Where elkjs's bundled build is: beside this file or bundle, else resolved from node_modules. */
function elkScriptPath(): string | undefined {
    const here = thisFile();
    if (here) {
        const beside = join(dirname(here), 'elk.bundled.cjs');
        if (existsSync(beside)) return beside;
    }
    for (const base of [here, join(process.cwd(), 'index.js')]) {
        if (!base) continue;
        try {
            return createRequire(base).resolve('elkjs/lib/elk.bundled.js');
        } catch {
            // Not resolvable from this base: try the next.
        }
    }
    return undefined;
}

/** Starts one ELK worker thread. */
export function spawnNodeLayoutWorker(elkScript = elkScriptPath()): LayoutWorker {
    if (!elkScript || !existsSync(elkScript)) throw new Error('elkjs/lib/elk.bundled.js was not found');
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { elk: elkScript } });
    worker.unref();
    return {
        post: (job) => worker.postMessage(job),
        onAnswer: (listener) => worker.on('message', (answer: LayoutAnswer) => listener(answer)),
        onFailure: (listener) => {
            worker.on('error', listener);
            worker.on('exit', (code) => listener(new Error(`exited with code ${code}`)));
        },
        // A running job keeps the process alive; an idle worker does not.
        setBusy: (busy) => (busy ? worker.ref() : worker.unref()),
        terminate: () => void worker.terminate(),
    };
}

/** A layout runner backed by a Node worker thread. */
export function createNodeLayoutRunner(options: { elkScript?: string; budgetMs?: number } = {}): LayoutRunner {
    return new LayoutRunner(() => spawnNodeLayoutWorker(options.elkScript), options.budgetMs);
}
