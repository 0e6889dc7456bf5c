/**
 * Worker-thread entry of the simulator in Node: receives a model and options, runs, posts
 * progress and the report. A `cancel` message stops the run at the next slice (report lists 'cancelled').
 */
import { parentPort } from 'node:worker_threads';
import { serveSimulations } from './worker-protocol.js';

const port = parentPort;
if (port) port.on('message', serveSimulations((reply) => port.postMessage(reply)));
