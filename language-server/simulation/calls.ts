/**
 * Guarded calls: a connection's `timeout D retries N backoff B`. The caller hands the call to
 * a job of its own and waits. A call that fails, or is still out when the timeout fires,
 * fails for the caller; the job runs on as an orphan (the callee still does the work, as a
 * server does when its client hangs up), and its answer is dropped. A failed call is sent
 * again after a jittered exponential backoff — retry k waits a uniform time up to B·2^k
 * ("full jitter", as AWS's architecture blog recommends) — until the retries run out. This is
 * how a retry storm keeps an overloaded tier down after its trigger is gone.
 */
import type { Kernel } from './kernel.js';
import { CALL, MEASURED, WRITE } from './requests.js';

/** Guarded calls of one engine. */
export class Calls {
    constructor(private readonly k: Kernel) {}

    /** Job `caller` calls `node` (attempt `tries`, 0 for the first): a call job goes, the caller waits. */
    start(caller: number, node: number, tries: number): void {
        const k = this.k, R = k.requests, P = k.program;
        const j = k.job({
            t0: k.now, key: R.key[caller], flags: (R.flags[caller] & (WRITE | MEASURED)) | CALL, flow: R.flow[caller],
            end: P.skip[node], parent: caller, replica: R.replica[caller], origin: -1, qnode: -1, attempts: 0, shard: -1,
        });
        if (j < 0) {
            k.fail(caller);
            return;
        }
        R.node[caller] = node;
        R.call[caller] = j;
        R.tries[caller] = tries;
        if (tries > 0 && k.measuring) k.runtimes[P.comp[node]].retries++;
        const timeout = P.timeoutS[node];
        if (timeout < Infinity) {
            R.deadline[caller] = k.now + timeout;
            k.timeoutAt(R.deadline[caller], caller);
        }
        k.advance(j, node, true);
    }

    /** Call job `j` ended (or failed); its caller goes on, unless it gave up on it already. */
    returned(j: number, failed: boolean): void {
        const k = this.k, R = k.requests;
        const caller = R.parent[j];
        if (R.call[caller] !== j) return;
        R.call[caller] = -1;
        if (failed) this.failed(caller);
        else k.advance(caller, k.program.skip[R.node[caller]], false);
    }

    /** The timeout of `caller`'s call fired: unless the call returned meanwhile, it failed. */
    timeout(caller: number): void {
        const k = this.k, R = k.requests;
        // A timer outlives its call when the answer came first: the deadline then no longer matches.
        if (R.call[caller] < 0 || R.deadline[caller] !== k.now) return;
        R.call[caller] = -1;
        if (k.measuring) k.runtimes[k.program.comp[R.node[caller]]].timeouts++;
        this.failed(caller);
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
