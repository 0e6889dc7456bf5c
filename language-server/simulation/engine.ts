/**
 * The discrete-event engine (over 300 lines: the request life cycle — arrive, queue, serve,
 * route, fail — is one state machine and reads best in one place; component behaviours after
 * service live in behaviours.ts). It owns a clock and the event heap, takes a seeded Rng and
 * never reads the wall clock: `runUntil` is pure bookkeeping that the driver calls in slices.
 */
import type { ArchModel } from '../model/types.js';
import { keyCount } from '../analysis/zipf.js';
import { EventQueue } from './event-queue.js';
import { Histogram } from './histogram.js';
import { compileProgram, END, PLAIN, type Program } from './program.js';
import { BACKGROUND, FLUSH, MEASURED, MESSAGE, Requests, SUB, WRITE } from './requests.js';
import { buildRuntimes, type Runtime } from './setup.js';
import { outagesOf } from './failures.js';
import { Rng, ZipfSampler } from './random.js';
import type { Pool, Station } from './stations.js';
import { Behaviours, PARKED } from './behaviours.js';

/** Event kinds, packed into the low two bits of an event's payload. */
const ARRIVAL = 0, DEPART = 1, WAKE = 2, ACTION = 3;

/** What the engine needs to know about a run. */
export interface EngineConfig {
    seed: number;
    /** Workload requests per second (× load, or the override); each entry offers its share of it. */
    rps: number;
    durationS: number;
    /** Statistics ignore what starts before this time. */
    warmupS: number;
    failures: ArchModel['scenarios'][number]['failures'];
    /** Requests in flight at most (the memory cap). */
    maxInFlight: number;
}

/** Per-flow measurements. */
export interface FlowStats {
    hist: Histogram;
    failed: number;
}

/** A simulation of one model: state, clock and event loop. */
export class Engine {
    readonly rng: Rng;
    readonly program: Program;
    readonly runtimes: Runtime[];
    readonly pools: Pool[] = [];
    readonly requests: Requests;
    readonly hist = new Histogram();
    readonly flows: FlowStats[];
    readonly queue = new EventQueue();
    now = 0;
    events = 0;
    offered = 0;
    failed = 0;
    /** A cap the engine itself hit ('memory'), if any. */
    limit: string | undefined;
    private readonly zipf: ZipfSampler;
    /** Total arrival rate: the workload rate times the entries' summed shares. */
    private readonly rate: number;
    /** Whether anything reads request keys (caches, CDNs, shards, ip_hash, collapsing); else no key is drawn. */
    private readonly keyed: boolean;
    private readonly warmupS: number;
    private readonly durationS: number;
    private readonly entryCum: Float64Array;
    private readonly actions: (() => void)[] = [];
    private readonly behaviours: Behaviours;

    constructor(readonly model: ArchModel, readonly config: EngineConfig) {
        this.rng = new Rng(config.seed);
        this.warmupS = config.warmupS;
        this.durationS = config.durationS;
        const names = [...model.components.keys()];
        const index = new Map(names.map((n, i) => [n, i]));
        this.program = compileProgram(model, index);
        this.runtimes = buildRuntimes(model, this.program, this.rng, { rps: config.rps });
        for (const rt of this.runtimes) for (const s of rt.stations) for (const p of s.pools) { p.id = this.pools.length; this.pools.push(p); }
        this.requests = new Requests(config.maxInFlight);
        this.flows = model.flows.map(() => ({ hist: new Histogram(), failed: 0 }));
        this.zipf = new ZipfSampler(keyCount(model.workload.keys), Math.max(0, model.workload.zipf));
        const shares = this.program.entries.map((e) => e.share);
        const total = shares.reduce((a, b) => a + b, 0);
        let acc = 0;
        this.entryCum = Float64Array.from(shares, (s) => (acc += total > 0 ? s / total : 1 / shares.length));
        this.rate = config.rps * total;
        this.keyed = this.runtimes.some((rt) => rt.caches !== undefined || rt.router !== undefined || rt.collapse !== undefined
            || rt.component.kind === 'cdn' || rt.stations[0].algorithm === 'ip_hash');
        this.behaviours = new Behaviours(this);
        if (this.rate > 0 && Number.isFinite(this.rate)) this.queue.push(this.rng.exp(1 / this.rate), ARRIVAL);
        this.scheduleOutages(outagesOf(model, config.failures, index));
    }

    /** Processes events up to time `until` or `budget` events; returns the events processed. */
    runUntil(until: number, budget: number): number {
        const q = this.queue;
        let done = 0;
        while (done < budget && q.size > 0 && this.limit === undefined) {
            const t = q.peekTime();
            if (t > until) break;
            const data = q.peekData();
            q.take();
            this.now = t;
            done++;
            const id = data >>> 2;
            switch (data & 3) {
                case ARRIVAL: this.arrival(); break;
                case DEPART: this.depart(id); break;
                case WAKE: this.behaviours.wake(id); break;
                default: this.actions[id]();
            }
        }
        if (q.peekTime() > until && this.limit === undefined) this.now = Math.max(this.now, until);
        this.events += done;
        return done;
    }

    /** Schedules request `id` to wake at time `t` (flush timers, redeliveries). */
    wakeAt(t: number, id: number): void {
        this.queue.push(t, (id << 2) | WAKE);
    }

    /** Schedules a one-off action at time `t`. */
    at(t: number, action: () => void): void {
        this.queue.push(t, (this.actions.length << 2) | ACTION);
        this.actions.push(action);
    }

    /** Whether statistics are being collected now. */
    get measuring(): boolean {
        return this.now >= this.warmupS;
    }

    /** A new request id, or -1 with the memory limit recorded. */
    alloc(): number {
        const id = this.requests.alloc();
        if (id < 0) this.limit = 'memory';
        return id;
    }

    private arrival(): void {
        const R = this.requests, rng = this.rng;
        this.queue.push(this.now + rng.exp(1 / this.rate), ARRIVAL);
        const id = this.alloc();
        if (id < 0) return;
        let e = 0;
        const cum = this.entryCum;
        if (cum.length > 1) {
            const u = rng.next();
            while (e < cum.length - 1 && u >= cum[e]) e++;
        }
        const entry = this.program.entries[e];
        const measured = this.measuring;
        if (measured) this.offered++;
        R.t0[id] = this.now;
        R.flow[id] = entry.flow;
        const write = entry.readShare <= 0 || (entry.readShare < 1 && rng.next() >= entry.readShare);
        R.flags[id] = (write ? WRITE : 0) | (measured ? MEASURED : 0);
        R.key[id] = this.keyed ? this.zipf.sample(rng) : 1;
        this.advance(id, entry.node, false);
    }

    /** Moves request `id` on from `node` until it waits somewhere or is done. */
    advance(id: number, node: number, spawned: boolean): void {
        const P = this.program, R = this.requests;
        for (;;) {
            if (R.collapseNode[id] >= 0 && node === P.skip[R.collapseNode[id]]) this.behaviours.releaseFollowers(id, false);
            if (node === END || node === R.end[id]) {
                this.finish(id);
                return;
            }
            if (P.async[node] && !spawned) {
                this.spawn(id, node);
                node = P.skip[node];
                continue;
            }
            spawned = false;
            node = this.visit(id, node);
            if (node === PARKED) return;
        }
    }

    /** Starts a background job at `node` carrying `id`'s key: an async call or a message. */
    private spawn(id: number, node: number): void {
        const R = this.requests;
        const j = this.alloc();
        if (j < 0) return;
        R.key[j] = R.key[id];
        R.flags[j] = (R.flags[id] & (WRITE | MEASURED)) | BACKGROUND;
        R.t0[j] = this.now;
        R.replica[j] = R.replica[id];
        R.end[j] = this.program.skip[node];
        this.advance(j, node, true);
    }

    /** Arrival at a node's component: routes to a pool and starts or queues; returns the next node or PARKED. */
    private visit(id: number, node: number): number {
        const P = this.program, R = this.requests;
        const rt = this.runtimes[P.comp[node]];
        R.node[id] = node;
        if (rt.live === 0) {
            if (rt.caches || rt.component.kind === 'cdn') return P.next[node]; // a dead cache fails open: every read misses
            rt.failed++;
            this.fail(id);
            return PARKED;
        }
        let station = rt.stations[0];
        if (rt.router) {
            const shard = R.shard[id] >= 0 ? R.shard[id] : rt.router.shardOf(R.key[id], (R.flags[id] & WRITE) !== 0);
            if (shard < 0) {
                this.behaviours.scatter(id, node, rt);
                return PARKED;
            }
            station = rt.stations[shard];
        }
        const pool = station.pick(this.rng, R.key[id]);
        if (pool.down) {
            rt.failed++;
            this.fail(id);
            return PARKED;
        }
        R.tArr[id] = this.now;
        if (pool.busy < pool.servers) return this.start(id, pool, station);
        pool.line.push(id);
        return PARKED;
    }

    /** Puts `id` in service at `pool`; returns the next node when service is instant, else PARKED. */
    start(id: number, pool: Pool, station: Station): number {
        const R = this.requests;
        pool.busy++;
        R.pool[id] = pool.id;
        R.epoch[id] = pool.epoch;
        if (station.setsReplica) R.replica[id] = pool.replica >= 0 ? pool.replica : this.rng.int(this.runtimes[station.comp].units);
        if (station.instant) return this.complete(id, pool);
        const service = station.sample(this.rng);
        const from = this.now > this.warmupS ? this.now : this.warmupS;
        const end = this.now + service;
        const to = end < this.durationS ? end : this.durationS;
        if (to > from) pool.busyTime += to - from;
        this.queue.push(end, (id << 2) | DEPART);
        return PARKED;
    }

    private depart(id: number): void {
        const next = this.complete(id, this.pools[this.requests.pool[id]]);
        if (next !== PARKED) this.advance(id, next, false);
    }

    /** Ends service of `id` at `pool`, refills the pool, and applies the node's behaviour. */
    private complete(id: number, pool: Pool): number {
        const R = this.requests;
        const rt = this.runtimes[pool.station.comp];
        pool.busy--;
        const sojourn = this.now - R.tArr[id];
        pool.ewma += 0.1 * (sojourn - pool.ewma);
        if (this.now >= this.warmupS && rt.queue === undefined) {
            // A queue's time is measured from enqueue to pull (behaviours.ts), not here.
            rt.hist.record(sojourn);
            rt.completions++;
            pool.completions++;
        }
        this.refill(pool);
        if (R.epoch[id] !== pool.epoch) {
            rt.failed++;
            this.fail(id);
            return PARKED;
        }
        const node = R.node[id], P = this.program;
        // Most nodes just call on: skip the behaviour dispatch for them.
        if (P.behaviour[node] === PLAIN && P.choice[node] === 0 && rt.collapse === undefined) return P.next[node];
        return this.behaviours.after(id, node, rt);
    }

    /** Starts waiting requests (or pulls queued messages) while `pool` has free servers. */
    refill(pool: Pool): void {
        while (!pool.down && pool.busy < pool.servers) {
            let id: number;
            if (pool.line.length) id = pool.line.shift();
            else if (pool.station.sources.length === 0) return;
            else {
                id = this.behaviours.pull(pool);
                if (id < 0) return;
            }
            const next = this.start(id, pool, pool.station);
            if (next !== PARKED) this.advance(id, next, false);
        }
    }

    /** A request or job reached the end of its route. */
    finish(id: number): void {
        const R = this.requests;
        const flags = R.flags[id];
        if (flags & SUB) this.behaviours.join(id, false);
        else if (!(flags & BACKGROUND) && flags & MEASURED) {
            const latency = this.now - R.t0[id];
            this.hist.record(latency);
            if (R.flow[id] >= 0) this.flows[R.flow[id]].hist.record(latency);
        }
        R.release(id);
    }

    /** A request or job failed: followers and fork parents learn it, messages retry. */
    fail(id: number): void {
        const R = this.requests;
        const flags = R.flags[id];
        if (R.collapseNode[id] >= 0) this.behaviours.releaseFollowers(id, true);
        if (flags & SUB) this.behaviours.join(id, true);
        else if (flags & MESSAGE) {
            if (this.behaviours.retry(id)) return;
        } else if (flags & FLUSH) {
            this.runtimes[this.program.comp[R.qnode[id]]].lostWrites++;
        } else if (!(flags & BACKGROUND) && flags & MEASURED) {
            this.failed++;
            if (R.flow[id] >= 0) this.flows[R.flow[id]].failed++;
        }
        R.release(id);
    }

    private scheduleOutages(outages: ReturnType<typeof outagesOf>): void {
        for (const outage of outages) {
            if (!outage.replicas.length) continue;
            this.at(outage.atS, () => { for (const [c, r] of outage.replicas) this.unitDown(c, r); });
            if (outage.forS !== Infinity) this.at(outage.atS + outage.forS, () => { for (const [c, r] of outage.replicas) this.unitUp(c, r); });
        }
    }

    private unitDown(c: number, r: number): void {
        const rt = this.runtimes[c];
        if (rt.downs[r]++ > 0) return;
        rt.live--;
        if (rt.balanced) {
            const pool = rt.stations[0].pools[r];
            this.markDown(pool);
            if (rt.detectS !== undefined) this.at(this.now + rt.detectS, () => { if (pool.down) pool.excluded = true; });
        } else {
            for (const s of rt.stations) {
                if (rt.live === 0) this.markDown(s.pools[0]);
                else s.pools[0].servers = rt.live * rt.serversPerUnit;
            }
        }
        if (rt.live === 0 && rt.caches) for (const cache of rt.caches) rt.lostWrites += cache.clear();
    }

    private unitUp(c: number, r: number): void {
        const rt = this.runtimes[c];
        if (--rt.downs[r] > 0) return;
        rt.live++;
        const pools = rt.balanced ? [rt.stations[0].pools[r]] : rt.stations.map((s) => s.pools[0]);
        for (const pool of pools) {
            pool.down = false;
            if (!rt.balanced) pool.servers = rt.live * rt.serversPerUnit;
            if (rt.readmitS !== undefined && pool.excluded) this.at(this.now + rt.readmitS, () => { if (!pool.down) pool.excluded = false; });
            this.refill(pool);
        }
    }

    /** A pool lost all its replicas: in-service requests fail on completion, waiting ones now. */
    private markDown(pool: Pool): void {
        pool.down = true;
        pool.epoch++;
        const rt = this.runtimes[pool.station.comp];
        while (pool.line.length) {
            rt.failed++;
            this.fail(pool.line.shift());
        }
    }
}
