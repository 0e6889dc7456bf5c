/**
 * What a component behaviour may ask of the engine: read the clock, the routes and the
 * requests, make jobs, move or end them, and set timers. Behaviours see only this interface,
 * never the engine itself, so neither imports the other's internals and the engine stays
 * the one owner of its clock, heap and caps.
 */
import type { Program } from './program.js';
import type { JobSpec, Requests } from './requests.js';
import type { Runtime } from './setup.js';
import type { Pool } from './stations.js';
import type { Rng } from './random.js';

/** The engine as behaviours see it. */
export interface Kernel {
    readonly program: Program;
    readonly runtimes: readonly Runtime[];
    readonly requests: Requests;
    readonly rng: Rng;
    /** The simulated clock, seconds. */
    readonly now: number;
    /** Whether component statistics are being collected now (after the warm-up, before the end). */
    readonly measuring: boolean;
    /** The measured window's end, seconds. */
    readonly durationS: number;
    /** A new job, or -1 when the in-flight cap is reached (the run then stops with 'memory'). */
    job(spec: JobSpec): number;
    /** Moves job `id` on from `node` until it waits somewhere or is done; `past`: how far it is into the hop into `node` (ENTER, FANNED, INSIDE). */
    advance(id: number, node: number, past: number): void;
    /** Whether job `id` writes at `node` (its own kind, a `[read]`/`[write]` above, or a store's write-ratio draw). */
    writes(id: number, node: number): boolean;
    /** Runs `action` at time `t`. */
    at(t: number, action: () => void): void;
    /** Job `id` reached the end of its route. */
    finish(id: number): void;
    /** Job `id` failed. */
    fail(id: number): void;
    /** Starts waiting requests (or pulls messages) while `pool` has free servers. */
    refill(pool: Pool): void;
    /** Wakes job `id` at time `t` (a flush or a redelivery). */
    wakeAt(t: number, id: number): void;
    /** Wakes the timeouts of the calls through guarded node `node` at time `t`. */
    timersAt(t: number, node: number): void;
    /** Sends job `id`'s failed call again at time `t`. */
    retryAt(t: number, id: number): void;
    /** Stops the run: a cap was reached. */
    stop(reason: 'memory'): void;
}
