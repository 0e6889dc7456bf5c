/**
 * Requests in flight as columns of typed arrays indexed by a request id, recycled through a
 * free list: no object per request, and memory bounded by the in-flight cap, not run length.
 */

/** Request flags. */
export const WRITE = 1, BACKGROUND = 2, MESSAGE = 4, SUB = 8, FLUSH = 16, CHILD_FAILED = 32, MEASURED = 64;

/** The columns of every request in flight. */
export class Requests {
    /** Current node in the program. */
    node = new Int32Array(0);
    /** Creation time (end-to-end latency). */
    t0 = new Float64Array(0);
    /** Arrival at the current station or queue. */
    tArr = new Float64Array(0);
    /** Key: popularity rank (1 = hottest). */
    key = new Float64Array(0);
    flow = new Int32Array(0);
    flags = new Uint8Array(0);
    /** Global index of the pool serving it. */
    pool = new Int32Array(0);
    epoch = new Int32Array(0);
    /** Node at which a spawned job is done (-1: the program's end). */
    end = new Int32Array(0);
    /** Fork parent of a scatter-gather sub-request, and pending children of a parent. */
    parent = new Int32Array(0);
    pending = new Int32Array(0);
    /** Replica that served it last (app_server caches live there). */
    replica = new Int32Array(0);
    /** Queue component of a message, or cache instance of a flush. */
    origin = new Int32Array(0);
    attempts = new Int32Array(0);
    /** Queue node of a message. */
    qnode = new Int32Array(0);
    /** Preset shard of a scatter-gather sub-request (-1: route by key). */
    shard = new Int32Array(0);
    /** Collapsed forwarding: the proxy node a leader's miss went through (-1: none), and the next follower. */
    collapseNode = new Int32Array(0);
    follower = new Int32Array(0);

    private free: number[] = [];
    private used = 0;
    /** Requests in flight. */
    live = 0;

    constructor(readonly cap: number) {
        this.resize(1024);
    }

    /** A fresh request id, or -1 when the in-flight cap is reached. */
    alloc(): number {
        let id: number;
        if (this.free.length) id = this.free.pop()!;
        else {
            if (this.used === this.cap) return -1;
            if (this.used === this.node.length) this.resize(Math.min(this.cap, this.node.length * 2));
            id = this.used++;
        }
        this.live++;
        this.end[id] = -1;
        this.parent[id] = -1;
        this.pending[id] = 0;
        this.replica[id] = 0;
        this.origin[id] = -1;
        this.attempts[id] = 0;
        this.shard[id] = -1;
        this.collapseNode[id] = -1;
        this.follower[id] = -1;
        this.flags[id] = 0;
        this.flow[id] = -1;
        return id;
    }

    /** Returns an id to the free list. */
    release(id: number): void {
        this.live--;
        this.free.push(id);
    }

    private resize(size: number): void {
        const grow = <T extends Float64Array | Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
            const b = make(size);
            b.set(a);
            return b;
        };
        const f64 = (n: number) => new Float64Array(n), i32 = (n: number) => new Int32Array(n);
        this.node = grow(this.node, i32); this.t0 = grow(this.t0, f64); this.tArr = grow(this.tArr, f64);
        this.key = grow(this.key, f64); this.flow = grow(this.flow, i32); this.flags = grow(this.flags, (n) => new Uint8Array(n));
        this.pool = grow(this.pool, i32); this.epoch = grow(this.epoch, i32); this.end = grow(this.end, i32);
        this.parent = grow(this.parent, i32); this.pending = grow(this.pending, i32); this.replica = grow(this.replica, i32);
        this.origin = grow(this.origin, i32); this.attempts = grow(this.attempts, i32); this.qnode = grow(this.qnode, i32);
        this.shard = grow(this.shard, i32); this.collapseNode = grow(this.collapseNode, i32); this.follower = grow(this.follower, i32);
    }
}
