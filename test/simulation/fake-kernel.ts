/** A recording stand-in for the engine, as behaviours see it (kernel.ts): unit tests of replicas.ts and calls.ts drive it by hand. */
import type { Kernel } from '../../language-server/simulation/kernel.js';
import type { Program } from '../../language-server/simulation/program.js';
import { Requests, type JobSpec } from '../../language-server/simulation/requests.js';
import type { Runtime } from '../../language-server/simulation/setup.js';
import type { Pool } from '../../language-server/simulation/stations.js';
import { Rng } from '../../language-server/simulation/random.js';

/** A job spec with defaults for what a test does not care about. */
export function spec(fields: Partial<JobSpec> = {}): JobSpec {
    return { node: 0, t0: 0, key: 1, flags: 0, flow: -1, end: -1, parent: -1, replica: -1, origin: -1, qnode: -1, attempts: 0, shard: -1, space: 0, pin: -1, ...fields };
}

export class FakeKernel implements Kernel {
    readonly requests: Requests;
    rng: Rng;
    now = 0;
    measuring = true;
    readonly durationS = 100;
    /** What the code under test asked for, in order. */
    readonly jobs: JobSpec[] = [];
    readonly advanced: [id: number, node: number, past: number][] = [];
    readonly timers: { t: number; action: () => void }[] = [];
    readonly failed: number[] = [];
    readonly retried: [t: number, id: number][] = [];
    readonly armed: [t: number, node: number][] = [];

    /** `program` and `runtimes` hold only the fields the code under test reads. */
    constructor(readonly program: Program, readonly runtimes: Runtime[] = [], cap = 1000, seed = 1) {
        this.requests = new Requests(cap);
        this.rng = new Rng(seed);
    }

    job(s: JobSpec): number {
        this.jobs.push(s);
        return this.requests.create(s);
    }
    advance(id: number, node: number, past: number): void { this.advanced.push([id, node, past]); }
    writes(): boolean { throw new Error('not used'); }
    at(t: number, action: () => void): void { this.timers.push({ t, action }); }
    finish(): void { throw new Error('not used'); }
    fail(id: number): void { this.failed.push(id); }
    refill(_pool: Pool): void { throw new Error('not used'); }
    wakeAt(): void { throw new Error('not used'); }
    timersAt(t: number, node: number): void { this.armed.push([t, node]); }
    retryAt(t: number, id: number): void { this.retried.push([t, id]); }
    stop(): void { throw new Error('not used'); }
}

/** A program of the given per-node columns; the casts stand for the columns a test leaves out. */
export function program(columns: Partial<Record<keyof Program, ArrayLike<number>>>): Program {
    return columns as unknown as Program;
}
