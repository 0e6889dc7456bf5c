/**
 * Requests in flight as columns of typed arrays indexed by a request id, recycled through a
 * free list: no object per request, and memory bounded by the in-flight cap, not run length.
 * Every job (a client's request, a guarded call, a scatter-gather part, an async call, a
 * queued message, a write-back flush) is made by `create`, which takes every field a job is
 * born with: no caller fills the columns by hand, so none can forget one.
 */

/**
 * Request flags. WRITE is the request's own kind (a node's `[read]`/`[write]` may override it
 * there); APPLY marks a follower applying a copied write; DRAWN_WRITE is the outcome of a
 * store's own write-ratio draw for the operation under way.
 */
export const WRITE = 1, BACKGROUND = 2, MESSAGE = 4, SUB = 8, FLUSH = 16, CHILD_FAILED = 32, MEASURED = 64, CALL = 128,
    APPLY = 256, DRAWN_WRITE = 512;

/** Key space of a job that must draw a fresh key at the next component that keeps keys (a fan-out's calls). */
export const FRESH_KEY = -2;

/** Flags of jobs nobody waits for beyond themselves: not a client's request, a call or a scatter part. */
const NOT_FRONT = BACKGROUND | SUB | CALL;

/** Whether `flags` are those of a client's request (what availability and end-to-end latency count). */
export function isFront(flags: number): boolean {
    return (flags & NOT_FRONT) === 0;
}

/** Everything a job is born with. */
export interface JobSpec {
    /** The node it starts at: where it enters the program, or is served first. */
    node: number;
    /** Creation time (end-to-end latency of a client's request; queue entry of a message). */
    t0: number;
    key: number;
    flags: number;
    /** Flow index, or -1. */
    flow: number;
    /** Node at which the job is done (END: the end of the program). */
    end: number;
    /** The job waiting for this one (a guarded call's caller, a scatter's gatherer), or -1. */
    parent: number;
    /** Replica that served it last (app_server caches live there). */
    replica: number;
    /** Queue component of a message, or cache instance of a flush; -1 otherwise. */
    origin: number;
    /** Queue node of a message or cache node of a flush; -1 otherwise. */
    qnode: number;
    /** Deliveries of a message so far. */
    attempts: number;
    /** Preset shard of a scatter-gather part (-1: route by key). */
    shard: number;
    /** Index of the key space `key` belongs to (program.ts `spaces`), or FRESH_KEY. */
    space: number;
    /** Preset replica of a copied write's apply (-1: routed by the store). */
    pin: number;
}

/** The columns of every request in flight. */
export class Requests {
    /** Current node in the program (where it is served, or where it waits). */
    node = new Int32Array(0);
    t0 = new Float64Array(0);
    /** Arrival at the current station or queue. */
    tArr = new Float64Array(0);
    /** Key: popularity rank (1 = hottest). */
    key = new Float64Array(0);
    flow = new Int32Array(0);
    flags = new Uint16Array(0);
    /** Key space of `key`. */
    space = new Int32Array(0);
    /** A job waiting for its parts (scatter, fan-out, synchronous applies): the node it goes on at once they are done. */
    resume = new Int32Array(0);
    /** Preset replica of an apply, or -1. */
    pin = new Int32Array(0);
    /** Global index of the pool serving it. */
    pool = new Int32Array(0);
    epoch = new Int32Array(0);
    end = new Int32Array(0);
    parent = new Int32Array(0);
    /** Scatter-gather parts still out. */
    pending = new Int32Array(0);
    replica = new Int32Array(0);
    origin = new Int32Array(0);
    attempts = new Int32Array(0);
    qnode = new Int32Array(0);
    shard = new Int32Array(0);
    /** Collapsed forwarding: the proxy node a leader's miss went through (-1: none), and the next follower. */
    collapseNode = new Int32Array(0);
    follower = new Int32Array(0);
    /** A guarded call in progress: the job making it (-1: none), when the caller gives up, and its tries so far. */
    call = new Int32Array(0);
    deadline = new Float64Array(0);
    tries = new Int32Array(0);

    private free: number[] = [];
    private used = 0;
    /** Requests in flight. */
    live = 0;

    constructor(readonly cap: number) {
        this.resize(1024);
    }

    /** A new job with every field set, or -1 when the in-flight cap is reached. */
    create(spec: JobSpec): number {
        let id: number;
        if (this.free.length) id = this.free.pop()!;
        else {
            if (this.used === this.cap) return -1;
            if (this.used === this.node.length) this.resize(Math.min(this.cap, this.node.length * 2));
            id = this.used++;
        }
        this.live++;
        this.t0[id] = spec.t0;
        this.key[id] = spec.key;
        this.flags[id] = spec.flags;
        this.flow[id] = spec.flow;
        this.end[id] = spec.end;
        this.parent[id] = spec.parent;
        this.replica[id] = spec.replica;
        this.origin[id] = spec.origin;
        this.qnode[id] = spec.qnode;
        this.attempts[id] = spec.attempts;
        this.shard[id] = spec.shard;
        this.space[id] = spec.space;
        this.pin[id] = spec.pin;
        this.resume[id] = -1;
        this.node[id] = spec.node;
        this.pending[id] = 0;
        this.collapseNode[id] = -1;
        this.follower[id] = -1;
        this.call[id] = -1;
        this.deadline[id] = Infinity;
        this.tries[id] = 0;
        return id;
    }

    /** Returns an id to the free list. */
    release(id: number): void {
        this.live--;
        this.call[id] = -1;
        this.free.push(id);
    }

    private resize(size: number): void {
        const grow = <T extends Float64Array | Int32Array | Uint16Array>(a: T, make: (n: number) => T): T => {
            const b = make(size);
            b.set(a);
            return b;
        };
        const f64 = (n: number) => new Float64Array(n), i32 = (n: number) => new Int32Array(n);
        this.node = grow(this.node, i32); this.t0 = grow(this.t0, f64); this.tArr = grow(this.tArr, f64);
        this.key = grow(this.key, f64); this.flow = grow(this.flow, i32); this.flags = grow(this.flags, (n) => new Uint16Array(n));
        this.space = grow(this.space, i32); this.resume = grow(this.resume, i32); this.pin = grow(this.pin, i32);
        this.pool = grow(this.pool, i32); this.epoch = grow(this.epoch, i32); this.end = grow(this.end, i32);
        this.parent = grow(this.parent, i32); this.pending = grow(this.pending, i32); this.replica = grow(this.replica, i32);
        this.origin = grow(this.origin, i32); this.attempts = grow(this.attempts, i32); this.qnode = grow(this.qnode, i32);
        this.shard = grow(this.shard, i32); this.collapseNode = grow(this.collapseNode, i32); this.follower = grow(this.follower, i32);
        this.call = grow(this.call, i32); this.deadline = grow(this.deadline, f64); this.tries = grow(this.tries, i32);
    }
}
