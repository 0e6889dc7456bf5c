/**
 * Where the language server runs what would block it: ELK layouts and simulations, each in a
 * worker of its own (threads in Node, node-workers.ts; Web Workers in the browser playground).
 * They come with the process, as its file system does, through createArchServices' context; a
 * process that brings none lays diagrams out with the fallback and says it cannot simulate.
 */
import type { LayoutWorker } from '../diagram/layout-runner.js';
import type { ArchModel } from '../model/types.js';
import type { SimulationReport } from '../simulation/report.js';
import type { SimulationOptions } from '../simulation/settings.js';

/** The workers of a process. */
export interface ArchWorkers {
    /** Starts one ELK worker for the layout runner. */
    layout(): LayoutWorker;
    /** Runs one simulation in a fresh worker. */
    simulate(model: ArchModel, options: SimulationOptions): Promise<SimulationReport>;
}

const NONE = 'this process runs no workers';

/** The workers of a process that brings none (tests of the language alone). */
export const NO_WORKERS: ArchWorkers = {
    layout: () => { throw new Error(NONE); },
    simulate: () => Promise.reject(new Error(NONE)),
};
