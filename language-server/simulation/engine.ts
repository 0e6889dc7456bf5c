/**
 * The discrete-event engine (over 500 lines: the request life cycle — arrive, fan out, queue,
 * serve, route, finish, fail — and the outages that interrupt it are one state machine and
 * read best in one place; what components do after service lives in behaviours.ts, guarded
 * calls in calls.ts, copied writes and leaders in replicas.ts). It owns a clock and the event
 * heap, takes a seeded Rng and never reads the wall clock: `runUntil` is pure bookkeeping that
 * the driver calls in slices. Arrivals stop at the end of the measured window; what is still
 * in flight may then finish (the driver drains it).
 */
import type { ArchModel } from '../model/types.js';
import { keyCount } from '../analysis/zipf.js';
import { EventQueue } from './event-queue.js';
import { Histogram } from './histogram.js';
import { compileProgram, ASYNC_HOP, BASE, CALL_HOP, END, ENTER, FANNED, INSIDE, PLAIN, WRITES, type Program } from './program.js';
import { APPLY, BACKGROUND, CHILD_FAILED, DRAWN_WRITE, FLUSH, FRESH_KEY, MEASURED, MESSAGE, Requests, SUB, CALL, WRITE, isFront, type JobSpec } from './requests.js';
import { buildRuntimes, DEPTH_POINTS, type Runtime } from './setup.js';
import { outagesOf } from './failures.js';
import { Rng, ZipfSampler } from './random.js';
import type { Pool, Station } from './stations.js';
import { Behaviours, PARKED } from './behaviours.js';
import { Calls } from './calls.js';
import { Replicas } from './replicas.js';
import type { Kernel } from './kernel.js';

/** Event kinds, packed into the low three bits of an event's payload. */
const ARRIVAL = 0, DEPART = 1, WAKE = 2, ACTION = 3, TIMEOUT = 4, RETRY = 5;
const KIND_BITS = 3, KIND_MASK = 7;

/** What the engine needs to know about a run. */
export interface EngineConfig {
    seed: number;
    /** Workload requests per second (× load, or the override); each entry offers its share of it. */
    rps: number;
    durationS: number;
    /** Statistics ignore what starts before this time. */
    warmupS: number;
    failures: ArchModel['scenarios'][number]['failures'];
    /** Times the offered rate is multiplied for a while. */
    spikes: ArchModel['scenarios'][number]['spikes'];
    /** Requests in flight at most (the memory cap). */
    maxInFlight: number;
}

/** Per-flow measurements. */
export interface FlowStats {
    hist: Histogram;
    failed: number;
}

/** Client requests offered, completed and failed in each of DEPTH_POINTS slices of the window. */
export interface Timeline {
    offered: Float64Array;
    completed: Float64Array;
    failed: Float64Array;
}

/** A simulation of one model: state, clock and event loop. */
export class Engine implements Kernel {
    readonly rng: Rng;
    readonly program: Program;
    readonly runtimes: Runtime[];
    readonly pools: Pool[] = [];
    readonly requests: Requests;
    readonly hist = new Histogram();
    readonly flows: FlowStats[];
    readonly queue = new EventQueue();
    readonly timeline: Timeline = { offered: new Float64Array(DEPTH_POINTS), completed: new Float64Array(DEPTH_POINTS), failed: new Float64Array(DEPTH_POINTS) };
    readonly durationS: number;
    now = 0;
    events = 0;
    /** Client requests that arrived inside the window, those that failed, and those of them still in flight. */
    offered = 0;
    failed = 0;
    open = 0;
    /** A cap the engine itself hit ('memory'), if any. */
    limit: string | undefined;
    /** A sampler per key space (program.ts `spaces`; 0 is the workload's). */
    private readonly samplers: ZipfSampler[];
    /** Total arrival rate: the workload rate times the entries' summed shares, before spikes. */
    private readonly rate: number;
    /** The product of the spikes under way, and the arrival stream they belong to (older arrivals are dropped). */
    private spikeFactor = 1;
    private readonly spiking: number[] = [];
    private stream = 0;
    /** Whether anything reads request keys (caches, CDNs, shards, ip_hash, collapsing); else no key is drawn. */
    private readonly keyed: boolean;
    private readonly warmupS: number;
    private readonly entryCum: Float64Array;
    private readonly actions: (() => void)[] = [];
    private readonly behaviours: Behaviours;
    private readonly calls: Calls;
    private readonly replicas: Replicas;

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
        this.samplers = this.program.spaces.map((space) => new ZipfSampler(keyCount(space.keys), Math.max(0, space.zipf)));
        const shares = this.program.entries.map((e) => e.share);
        const total = shares.reduce((a, b) => a + b, 0);
        let acc = 0;
        this.entryCum = Float64Array.from(shares, (s) => (acc += total > 0 ? s / total : 1 / shares.length));
        this.rate = config.rps * total;
        this.keyed = this.runtimes.some((rt) => rt.caches !== undefined || rt.router !== undefined || rt.collapse !== undefined
            || rt.component.kind === 'cdn' || rt.stations[0].algorithm === 'ip_hash');
        this.behaviours = new Behaviours(this);
        this.calls = new Calls(this);
        this.replicas = new Replicas(this);
        this.scheduleArrival();
        this.scheduleOutages(outagesOf(model, config.failures, index));
        this.scheduleSpikes();
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
            const id = data >>> KIND_BITS;
            switch (data & KIND_MASK) {
                case ARRIVAL: this.arrival(id); break;
                case DEPART: this.depart(id); break;
                case WAKE: this.behaviours.wake(id); break;
                case TIMEOUT: this.calls.due(id); break;
                case RETRY: this.calls.retry(id); break;
                default: this.actions[id]();
            }
        }
        if (q.peekTime() > until && this.limit === undefined) this.now = Math.max(this.now, until);
        this.events += done;
        return done;
    }

    /** Whether component statistics are being collected now. */
    get measuring(): boolean {
        return this.now >= this.warmupS && this.now < this.durationS;
    }

    job(spec: JobSpec): number {
        const id = this.requests.create(spec);
        if (id < 0) this.limit = 'memory';
        return id;
    }

    stop(reason: 'memory'): void {
        this.limit = reason;
    }

    wakeAt(t: number, id: number): void {
        this.queue.push(t, (id << KIND_BITS) | WAKE);
    }

    timersAt(t: number, node: number): void {
        this.queue.push(t, (node << KIND_BITS) | TIMEOUT);
    }

    retryAt(t: number, id: number): void {
        this.queue.push(t, (id << KIND_BITS) | RETRY);
    }

    /** Schedules a one-off action at time `t`. */
    at(t: number, action: () => void): void {
        this.queue.push(t, (this.actions.length << KIND_BITS) | ACTION);
        this.actions.push(action);
    }

    /**
     * Server-seconds booked past `end` by services still under way (a run stopped by a cap
     * before its window closed): service time is booked when it starts.
     */
    bookedAfter(end: number): Float64Array {
        const extra = new Float64Array(this.pools.length);
        this.queue.forEach((t, data) => {
            if ((data & KIND_MASK) !== DEPART) return;
            const pool = this.requests.pool[data >>> KIND_BITS];
            const over = Math.min(t, this.durationS) - Math.max(end, this.warmupS);
            if (over > 0) extra[pool] += over;
        });
        return extra;
    }

    private scheduleArrival(): void {
        const rate = this.rate * this.spikeFactor;
        if (rate > 0 && Number.isFinite(rate) && this.now < this.durationS) {
            this.queue.push(this.now + this.rng.exp(1 / rate), (this.stream << KIND_BITS) | ARRIVAL);
        }
    }

    private arrival(stream: number): void {
        // A spike began or ended since this arrival was drawn: the new stream replaced it.
        if (stream !== this.stream || this.now >= this.durationS) return;
        this.scheduleArrival();
        const rng = this.rng;
        let e = 0;
        const cum = this.entryCum;
        if (cum.length > 1) {
            const u = rng.next();
            while (e < cum.length - 1 && u >= cum[e]) e++;
        }
        const entry = this.program.entries[e];
        const measured = this.now >= this.warmupS;
        const write = entry.readShare <= 0 || (entry.readShare < 1 && rng.next() >= entry.readShare);
        const id = this.job({
            node: entry.node, t0: this.now, key: this.keyed ? this.samplers[0].sample(rng) : 1, flags: (write ? WRITE : 0) | (measured ? MEASURED : 0),
            flow: entry.flow, end: END, parent: -1, replica: 0, origin: -1, qnode: -1, attempts: 0, shard: -1, space: 0, pin: -1,
        });
        if (id < 0) return;
        if (measured) {
            this.offered++;
            this.open++;
            this.timeline.offered[this.slice()]++;
        }
        this.advance(id, entry.node, ENTER);
    }

    /** Moves request `id` on from `node` until it waits somewhere or is done; `past` says how far it is into the hop into `node`. */
    advance(id: number, node: number, past: number): void {
        const P = this.program, R = this.requests;
        for (;;) {
            if (R.collapseNode[id] >= 0 && node === P.skip[R.collapseNode[id]]) this.behaviours.releaseFollowers(id, false);
            if (node === END || node === R.end[id]) {
                this.finish(id);
                return;
            }
            if (past === ENTER) {
                // `[P%]`: this request does not make the call; `[xN]`: it makes N of them at once.
                if (P.share[node] < 1 && this.rng.next() >= P.share[node]) {
                    node = P.skip[node];
                    continue;
                }
                if (P.count[node] > 1 && this.fanOut(id, node)) return;
            }
            const hop = P.hop[node];
            if (hop !== CALL_HOP && past !== INSIDE) {
                if (hop !== ASYNC_HOP) {
                    R.node[id] = node;
                    this.calls.start(id, node, 0);
                    return;
                }
                for (let n = P.count[node]; n > 0 && this.limit === undefined; n--) this.spawn(id, node, P.count[node] > 1);
                node = P.skip[node];
                past = ENTER;
                continue;
            }
            past = ENTER;
            node = this.visit(id, node);
            if (node === PARKED) return;
        }
    }

    /** Whether job `id` writes at `node`: a store's own draw, else a `[read]`/`[write]` above it, else its own kind. */
    writes(id: number, node: number): boolean {
        const P = this.program, flags = this.requests.flags[id];
        if (flags & APPLY) return true;
        if (!Number.isNaN(P.writeShare[node])) return (flags & DRAWN_WRITE) !== 0;
        const access = P.access[node];
        return access === WRITES || (access === BASE && (flags & WRITE) !== 0);
    }

    /**
     * `[xN]` on a waited-for call: N parts each make the call (and what it calls) with a key of
     * their own, and `id` goes on once all are done. An async call's N messages are spawned by
     * `advance`; returns false for them.
     */
    private fanOut(id: number, node: number): boolean {
        const P = this.program, R = this.requests;
        if (P.hop[node] === ASYNC_HOP) return false;
        const n = P.count[node];
        R.node[id] = node;
        R.pending[id] = n;
        R.resume[id] = P.skip[node];
        for (let s = 0; s < n; s++) {
            const j = this.job({
                node, t0: this.now, key: R.key[id], flags: (R.flags[id] & (WRITE | MEASURED)) | SUB, flow: R.flow[id],
                end: P.skip[node], parent: id, replica: R.replica[id], origin: -1, qnode: -1, attempts: 0, shard: -1, space: FRESH_KEY, pin: -1,
            });
            if (j < 0) {
                R.flags[id] |= CHILD_FAILED;
                R.pending[id] -= n - s;
                if (R.pending[id] === 0) this.fail(id);
                return true;
            }
            this.advance(j, node, FANNED);
        }
        return true;
    }

    /** Starts a background job at `node` carrying `id`'s key (a fresh one for each of several): an async call, which enqueues a message (a write). */
    private spawn(id: number, node: number, fresh: boolean): void {
        const R = this.requests;
        const j = this.job({
            node, t0: this.now, key: R.key[id], flags: (R.flags[id] & MEASURED) | WRITE | BACKGROUND, flow: R.flow[id],
            end: this.program.skip[node], parent: -1, replica: R.replica[id], origin: -1, qnode: -1, attempts: 0, shard: -1,
            space: fresh ? FRESH_KEY : R.space[id], pin: -1,
        });
        if (j >= 0) this.advance(j, node, INSIDE);
    }

    /** Arrival at a node's component: routes to a pool and starts or queues; returns the next node or PARKED. */
    private visit(id: number, node: number): number {
        const P = this.program, R = this.requests;
        const rt = this.runtimes[P.comp[node]];
        R.node[id] = node;
        const apply = (R.flags[id] & APPLY) !== 0;
        if (!apply) this.arrive(id, node);
        if (this.now >= this.warmupS && this.now < this.durationS && !apply) rt.arrivals++;
        if (rt.live === 0) {
            if (rt.caches || rt.component.kind === 'cdn') return P.next[node]; // a dead cache fails open: every read misses
            this.failAt(rt, id);
            return PARKED;
        }
        const write = this.writes(id, node);
        let station = rt.stations[0];
        if (rt.router) {
            const shard = R.shard[id] >= 0 ? R.shard[id] : rt.router.shardOf(R.key[id], write);
            if (shard < 0) {
                this.behaviours.scatter(id, node, rt);
                return PARKED;
            }
            station = rt.stations[shard];
        }
        const pool = rt.copies ? this.replicas.route(id, rt, station, write) : station.pick(this.rng, R.key[id]);
        if (!pool || pool.down) {
            this.failAt(rt, id);
            return PARKED;
        }
        R.tArr[id] = this.now;
        if (pool.busy < pool.servers) return this.start(id, pool, station);
        pool.line.push(id);
        return PARKED;
    }

    /** Entering `node`: a key of the node's key space (a fresh one when the job's is of another), and a store's own write draw. */
    private arrive(id: number, node: number): void {
        const P = this.program, R = this.requests;
        const space = P.space[node];
        if (this.keyed && space >= 0 && R.space[id] !== space) {
            R.key[id] = this.samplers[space].sample(this.rng);
            R.space[id] = space;
        }
        const share = P.writeShare[node];
        if (!Number.isNaN(share) && R.shard[id] < 0) {
            R.flags[id] = this.rng.next() < share ? R.flags[id] | DRAWN_WRITE : R.flags[id] & ~DRAWN_WRITE;
        }
    }

    /** Puts `id` in service at `pool`; returns the next node when service is instant, else PARKED. */
    private start(id: number, pool: Pool, station: Station): number {
        const R = this.requests;
        pool.busy++;
        R.pool[id] = pool.id;
        R.epoch[id] = pool.epoch;
        if (station.setsReplica) R.replica[id] = pool.replica >= 0 ? pool.replica : this.rng.int(this.runtimes[station.comp].units);
        if (station.instant) return this.complete(id, pool);
        const sample = station.sample(this.rng);
        const service = station.writeScale !== 1 && this.writes(id, R.node[id]) ? sample * station.writeScale : sample;
        const from = this.now > this.warmupS ? this.now : this.warmupS;
        const end = this.now + service;
        const to = end < this.durationS ? end : this.durationS;
        if (to > from) pool.busyTime += to - from;
        this.queue.push(end, (id << KIND_BITS) | DEPART);
        return PARKED;
    }

    private depart(id: number): void {
        const next = this.complete(id, this.pools[this.requests.pool[id]]);
        if (next !== PARKED) this.advance(id, next, ENTER);
    }

    /** Ends service of `id` at `pool`, refills the pool, and applies the node's behaviour. */
    private complete(id: number, pool: Pool): number {
        const R = this.requests;
        const rt = this.runtimes[pool.station.comp];
        pool.busy--;
        const sojourn = this.now - R.tArr[id];
        pool.ewma += 0.1 * (sojourn - pool.ewma);
        const node = R.node[id], P = this.program;
        const apply = (R.flags[id] & APPLY) !== 0;
        if (this.now >= this.warmupS && this.now < this.durationS && rt.queue === undefined) {
            // A queue's time is measured from enqueue to pull (behaviours.ts), not here.
            if (apply) pool.applied++;
            else {
                rt.hist.record(sojourn);
                rt.completions++;
                pool.completions++;
                if (this.writes(id, node)) rt.writes++;
                else rt.reads++;
            }
        }
        this.refill(pool);
        if (R.epoch[id] !== pool.epoch) {
            this.failAt(rt, id);
            return PARKED;
        }
        if (apply) return P.next[node];
        if (rt.copies && this.writes(id, node) && this.replicas.replicate(id, node, rt, pool)) return PARKED;
        // Most nodes just call on: skip the behaviour dispatch for them.
        if (P.behaviour[node] === PLAIN && P.choice[node] === 0 && rt.collapse === undefined) return P.next[node];
        return this.behaviours.after(id, node, rt);
    }

    refill(pool: Pool): void {
        while (!pool.down && pool.busy < pool.servers) {
            let id: number;
            if (pool.line.length) id = pool.line.shift();
            else if (pool.station.sources.length === 0) return;
            else {
                id = this.behaviours.pull(pool);
                if (id < 0) return;
                // A pulled message's time at the consumer is its service alone: its wait was the queue's.
                this.requests.tArr[id] = this.now;
            }
            const next = this.start(id, pool, pool.station);
            if (next !== PARKED) this.advance(id, next, ENTER);
        }
    }

    finish(id: number): void {
        const R = this.requests;
        const flags = R.flags[id];
        if (flags & SUB) this.behaviours.join(id, false);
        else if (flags & CALL) this.calls.returned(id, false);
        else if (isFront(flags) && flags & MEASURED) {
            const latency = this.now - R.t0[id];
            this.hist.record(latency);
            if (R.flow[id] >= 0) this.flows[R.flow[id]].hist.record(latency);
            this.open--;
            if (this.now < this.durationS) this.timeline.completed[this.slice()]++;
        }
        R.release(id);
    }

    fail(id: number): void {
        const R = this.requests;
        const flags = R.flags[id];
        if (R.collapseNode[id] >= 0) this.behaviours.releaseFollowers(id, true);
        if (flags & SUB) this.behaviours.join(id, true);
        else if (flags & CALL) this.calls.returned(id, true);
        else if (flags & MESSAGE) {
            if (this.behaviours.retry(id)) return;
        } else if (flags & FLUSH) {
            this.runtimes[this.program.comp[R.qnode[id]]].lostWrites++;
        } else if (isFront(flags) && flags & MEASURED) {
            this.failed++;
            this.open--;
            if (R.flow[id] >= 0) this.flows[R.flow[id]].failed++;
            if (this.now < this.durationS) this.timeline.failed[this.slice()]++;
        }
        R.release(id);
    }

    /** `id` failed at component `rt` (down, or its server died under it). */
    private failAt(rt: Runtime, id: number): void {
        // A follower lost under a copied write applies nothing: the write itself stands.
        if (this.requests.flags[id] & APPLY) {
            this.finish(id);
            return;
        }
        if (this.measuring) rt.failed++;
        this.fail(id);
    }

    /** The window slice that holds now. */
    private slice(): number {
        return Math.min(DEPTH_POINTS - 1, Math.floor((this.now / this.durationS) * DEPTH_POINTS));
    }

    private scheduleSpikes(): void {
        for (const spike of this.config.spikes) {
            this.at(spike.atS, () => this.setSpike(spike.factor, true));
            if (spike.forS !== Infinity) this.at(spike.atS + spike.forS, () => this.setSpike(spike.factor, false));
        }
    }

    private setSpike(factor: number, on: boolean): void {
        if (on) this.spiking.push(factor);
        else this.spiking.splice(this.spiking.indexOf(factor), 1);
        this.spikeFactor = this.spiking.reduce((a, b) => a * b, 1);
        // Poisson arrivals are memoryless: a fresh stream at the new rate replaces the pending arrival.
        this.stream = (this.stream + 1) & 0x0fffffff;
        this.scheduleArrival();
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
        if (rt.copies) {
            for (const s of rt.stations) this.markDown(s.pools[r]);
            this.replicas.down(rt, r);
        } else if (rt.balanced) {
            const pool = rt.stations[0].pools[r];
            this.markDown(pool);
            // Noticed once down for the detection time in this outage (a later one bumps the epoch and restarts the clock).
            const epoch = pool.epoch;
            if (rt.detectS !== undefined) this.at(this.now + rt.detectS, () => { if (pool.down && pool.epoch === epoch) pool.excluded = true; });
        } else {
            for (const s of rt.stations) {
                if (rt.live === 0) this.markDown(s.pools[0]);
                else s.pools[0].servers = rt.live * rt.serversPerUnit;
            }
        }
        if (rt.live > 0) return;
        rt.downSince = this.now;
        // A cache that dies loses its contents: it comes back empty and refills.
        if (rt.caches) for (const cache of rt.caches) rt.lostWrites += cache.clear();
        const detect = rt.detectS;
        if (detect !== undefined) this.at(this.now + detect, () => { if (rt.live === 0 && this.now - rt.downSince >= detect) rt.excluded = true; });
    }

    private unitUp(c: number, r: number): void {
        const rt = this.runtimes[c];
        if (--rt.downs[r] > 0) return;
        rt.live++;
        const pools = rt.copies ? rt.stations.map((s) => s.pools[r]) : rt.balanced ? [rt.stations[0].pools[r]] : rt.stations.map((s) => s.pools[0]);
        if (rt.copies) this.replicas.up(rt, r);
        for (const pool of pools) {
            pool.down = false;
            if (!rt.balanced && !rt.copies) pool.servers = rt.live * rt.serversPerUnit;
            if (rt.readmitS !== undefined && pool.excluded) this.at(this.now + rt.readmitS, () => { if (!pool.down) pool.excluded = false; });
            this.refill(pool);
        }
        if (rt.excluded && rt.readmitS !== undefined) this.at(this.now + rt.readmitS, () => { if (rt.live > 0) rt.excluded = false; });
    }

    /** A pool lost all its replicas: in-service requests fail on completion, waiting ones now. */
    private markDown(pool: Pool): void {
        pool.down = true;
        pool.epoch++;
        const rt = this.runtimes[pool.station.comp];
        while (pool.line.length) this.failAt(rt, pool.line.shift());
    }
}
