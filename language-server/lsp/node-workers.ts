/** The workers of a Node process (the server, the CLI): ELK and the simulator in worker threads. */
import { spawnNodeLayoutWorker } from '../diagram/node-layout.js';
import { runSimulationInWorker } from '../simulation/runner.js';
import type { ArchWorkers } from './workers.js';

/** ELK and the simulator in worker threads, their scripts found beside this module or bundle. */
export const ArchNodeWorkers: ArchWorkers = {
    layout: () => spawnNodeLayoutWorker(),
    simulate: (model, options) => runSimulationInWorker(model, options),
};
