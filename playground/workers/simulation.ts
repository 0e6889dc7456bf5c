/// <reference lib="dom" />
/** The simulator's Web Worker: one run per worker, progress and report posted back (worker-protocol.ts). */
import { serveSimulations, type WorkerRequest } from '../../language-server/simulation/worker-protocol.js';

const serve = serveSimulations((reply) => self.postMessage(reply));
self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => serve(event.data));
