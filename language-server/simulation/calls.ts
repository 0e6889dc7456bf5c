/**
 * Guarded calls: a connection's `timeout D retries N backoff B`. The caller hands the call to
 * a job of its own and waits. A call that fails, or is still out when the timeout fires,
 * fails for the caller; the job runs on as an orphan (the callee still does the work, as a
 * server does when its client hangs up), and its answer is dropped. A failed call is sent
 * again after a jittered exponential backoff — retry k waits a uniform time up to B·2^k
 * ("full jitter", as AWS's architecture blog recommends) — until the retries run out. This is
 * how a retry storm keeps an overloaded tier down after its trigger is gone. Every call through
 * one hop has the same timeout, so their deadlines come in order: each hop keeps them in a line
 * and the engine's heap holds one timer per hop, not one per call (most calls return in time).
 */
import type { Kernel } from './kernel.js';
import { ENTER, INSIDE } from './program.js';
import { CALL, DRAWN_WRITE, MEASURED, WRITE } from './requests.js';

/** The deadlines of the calls out through one hop, in the order they fall due. */
class Deadlines {
    callers = new Int32Array(16);
    private times = new Float64Array(16);
    head = 0;
    length = 0;
    /** Whether the engine holds a timer for the front deadline. */
    armed = false;

    /** Adds a deadline; when the line is full, first drops the calls that no longer wait (`waiting` false). */
    push(caller: number, time: number, waiting: (caller: number, time: number) => boolean): void {
        if (this.length === this.callers.length) this.compact(waiting);
        if (this.length === this.callers.length) this.grow();
        const i = (this.head + this.length++) & (this.callers.length - 1);
        this.callers[i] = caller;
        this.times[i] = time;
    }

    /** The front deadline (call only when not empty). */
    get nextTime(): number {
        return this.times[this.head];
    }

    /** Removes the front deadline and returns its caller (call only when not empty). */
    shift(): number {
        const caller = this.callers[this.head];
        this.head = (this.head + 1) & (this.callers.length - 1);
        this.length--;
        return caller;
    }

    /** Keeps only the deadlines of calls still out, in order: memory follows calls in flight, not rate × timeout. */
    private compact(waiting: (caller: number, time: number) => boolean): void {
        const mask = this.callers.length - 1;
        let kept = 0;
        for (let i = 0; i < this.length; i++) {
            const from = (this.head + i) & mask, to = (this.head + kept) & mask;
            if (!waiting(this.callers[from], this.times[from])) continue;
            this.callers[to] = this.callers[from];
            this.times[to] = this.times[from];
            kept++;
        }
        this.length = kept;
    }

    private grow(): void {
        const size = this.callers.length * 2, mask = this.callers.length - 1;
        const callers = new Int32Array(size), times = new Float64Array(size);
        for (let i = 0; i < this.length; i++) {
            callers[i] = this.callers[(this.head + i) & mask];
            times[i] = this.times[(this.head + i) & mask];
        }
        this.callers = callers;
        this.times = times;
        this.head = 0;
    }
}

/** Guarded calls of one engine. */
export class Calls {
    /** Outstanding deadlines by guarded node. */
    private readonly deadlines: (Deadlines | undefined)[] = [];

    constructor(private readonly k: Kernel) {}

    /** Job `caller`, waiting at `node`, calls it (attempt `tries`, 0 for the first): a call job goes, the caller waits. */
    start(caller: number, node: number, tries: number): void {
        const k = this.k, R = k.requests, P = k.program;
        const j = k.job({
            node, t0: k.now, key: R.key[caller], flags: (R.flags[caller] & (WRITE | MEASURED | DRAWN_WRITE)) | CALL, flow: R.flow[caller],
            end: P.skip[node], parent: caller, replica: R.replica[caller], origin: -1, qnode: -1, attempts: 0, shard: -1,
            space: R.space[caller], pin: -1,
        });
        if (j < 0) {
            k.fail(caller);
            return;
        }
        R.call[caller] = j;
        R.tries[caller] = tries;
        if (tries > 0 && k.measuring) k.runtimes[P.comp[node]].retries++;
        const timeout = P.timeoutS[node];
        if (timeout < Infinity) {
            const due = k.now + timeout;
            R.deadline[caller] = due;
            const line = this.deadlines[node] ??= new Deadlines();
            line.push(caller, due, (c, t) => this.waiting(c, node, t));
            if (!line.armed) {
                line.armed = true;
                k.timersAt(due, node);
            }
        }
        k.advance(j, node, INSIDE);
    }

    /** Call job `j` ended (or failed); its caller goes on, unless it gave up on it already. */
    returned(j: number, failed: boolean): void {
        const k = this.k, R = k.requests;
        const caller = R.parent[j];
        if (R.call[caller] !== j) return;
        R.call[caller] = -1;
        if (failed) this.failed(caller);
        else k.advance(caller, k.program.skip[R.node[caller]], ENTER);
    }

    /** The front deadline of the calls through `node` fell due: time out those still out, arm the next. */
    due(node: number): void {
        const k = this.k;
        const line = this.deadlines[node]!;
        while (line.length && line.nextTime <= k.now) {
            const time = line.nextTime, caller = line.shift();
            if (!this.waiting(caller, node, time)) continue;
            k.requests.call[caller] = -1;
            if (k.measuring) k.runtimes[k.program.comp[node]].timeouts++;
            this.failed(caller);
        }
        // Skip the calls that already answered, so that the next timer is for one still out.
        while (line.length && !this.waiting(line.callers[line.head], node, line.nextTime)) line.shift();
        line.armed = line.length > 0;
        if (line.armed) k.timersAt(line.nextTime, node);
    }

    /** Whether `caller` still waits on a call through `node` due at `time` (not answered, not a newer call). */
    private waiting(caller: number, node: number, time: number): boolean {
        const R = this.k.requests;
        return R.call[caller] >= 0 && R.deadline[caller] === time && R.node[caller] === node;
    }

    /** The backoff of `caller`'s failed call is over: send it again. */
    retry(caller: number): void {
        const R = this.k.requests;
        this.start(caller, R.node[caller], R.tries[caller] + 1);
    }

    private failed(caller: number): void {
        const k = this.k, R = k.requests, P = k.program;
        const node = R.node[caller], tries = R.tries[caller];
        if (tries < P.retries[node]) k.retryAt(k.now + k.rng.next() * P.backoffS[node] * 2 ** tries, caller);
        else k.fail(caller);
    }
}
