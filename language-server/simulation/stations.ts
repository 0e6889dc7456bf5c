/**
 * Service stations: a component is one or more pools of servers, each with a FIFO line. With
 * no balancer in front its replicas share one pool (M/M/c); behind a balancer each replica
 * is a pool and the balancer's algorithm picks one; a partitioned store has one pool per
 * shard. Service times are exponential, constant or a fitted lognormal.
 */
import type { ArchComponent, LoadBalancerSpec } from '../model/types.js';
import { mix32 } from '../analysis/hash.js';
import type { Rng } from './random.js';

/** Replica units modelled per component at most; beyond it each unit stands for several replicas. */
export const MAX_UNITS = 1024;

/** Replica units of a component (its replicas, up to MAX_UNITS). */
export function unitsOf(component: ArchComponent): number {
    return Math.max(1, Math.min(MAX_UNITS, Math.floor(component.replicas)));
}

/** A growable FIFO ring of request ids. */
export class Fifo {
    private line = new Int32Array(16);
    private head = 0;
    /** Ids waiting. */
    length = 0;

    /** Adds an id at the back. */
    push(id: number): void {
        if (this.length === this.line.length) {
            const grown = new Int32Array(this.line.length * 2);
            for (let i = 0; i < this.length; i++) grown[i] = this.line[(this.head + i) & (this.line.length - 1)];
            this.line = grown;
            this.head = 0;
        }
        this.line[(this.head + this.length++) & (this.line.length - 1)] = id;
    }

    /** The id at the front (call only when not empty). */
    peek(): number {
        return this.line[this.head];
    }

    /** Removes and returns the id at the front (call only when not empty). */
    shift(): number {
        const id = this.line[this.head];
        this.head = (this.head + 1) & (this.line.length - 1);
        this.length--;
        return id;
    }
}

/** A group of identical servers with one waiting line. */
export class Pool {
    busy = 0;
    /** Server-seconds of service inside the measured window. */
    busyTime = 0;
    completions = 0;
    /** Failed replicas make a pool `down`; a health check then `excluded`s it. */
    down = false;
    excluded = false;
    /** Bumped on failure: a request whose service began in an older epoch fails. */
    epoch = 0;
    /** EWMA of response time (least_response_time). */
    ewma: number;
    /** Index in the engine's pool list. */
    id = -1;
    readonly line = new Fifo();

    constructor(readonly station: Station, public servers: number, readonly replica: number, meanS: number) {
        this.ewma = meanS;
    }
}

/** Service-time shapes. */
const EXPONENTIAL = 0, CONSTANT = 1, LOGNORMAL = 2, ZERO = 3;

/** The pools of one component (or one shard) and how a request is given to one of them. */
export class Station {
    private readonly shape: number;
    private readonly mean: number;
    private readonly mu: number;
    private readonly sigma: number;
    private cursor = 0;
    private readonly current: Float64Array;

    /** Whether service takes no time (no latency declared or derivable). */
    readonly instant: boolean;
    /** Its pools: one per replica unit when `perReplica`, else one shared pool. */
    readonly pools: Pool[];
    /** Queue components whose messages this station's servers pull. */
    sources: number[] = [];
    /** Whether a request served here must record which replica served it (app_server caches). */
    setsReplica = false;

    constructor(
        readonly comp: number,
        units: number,
        perReplica: boolean,
        serversPerUnit: number,
        latency: ArchComponent['latency'],
        readonly algorithm: LoadBalancerSpec['algorithm'] | undefined,
        readonly activePassive: boolean,
        readonly weights: readonly number[],
    ) {
        this.mean = latency?.meanS ?? 0;
        this.pools = perReplica
            ? Array.from({ length: units }, (_, r) => new Pool(this, serversPerUnit, r, this.mean))
            : [new Pool(this, serversPerUnit * units, -1, this.mean)];
        this.shape = !latency || !(latency.meanS > 0) ? ZERO : latency.kind === 'const' ? CONSTANT : latency.kind === 'lognormal' ? LOGNORMAL : EXPONENTIAL;
        this.mu = latency?.kind === 'lognormal' ? latency.mu : 0;
        this.sigma = latency?.kind === 'lognormal' ? latency.sigma : 0;
        this.current = new Float64Array(this.pools.length);
        this.instant = this.shape === ZERO;
    }


    /** One service time in seconds. */
    sample(rng: Rng): number {
        switch (this.shape) {
            case EXPONENTIAL: return rng.exp(this.mean);
            case CONSTANT: return this.mean;
            case LOGNORMAL: return Math.exp(this.mu + this.sigma * rng.normal());
            default: return 0;
        }
    }

    /** The pool a new request goes to: the only one, or the balancer's pick among healthy ones. */
    pick(rng: Rng, clientKey: number): Pool {
        const pools = this.pools;
        const n = pools.length;
        if (n === 1) return pools[0];
        const usable = (p: Pool) => !p.excluded;
        if (!pools.some(usable)) return pools[rng.int(n)];
        if (this.activePassive) return pools.find(usable)!;
        switch (this.algorithm) {
            case 'ip_hash': {
                let i = mix32(clientKey) % n;
                while (!usable(pools[i])) i = (i + 1) % n;
                return pools[i];
            }
            case 'random': {
                for (;;) {
                    const p = pools[rng.int(n)];
                    if (usable(p)) return p;
                }
            }
            case 'weighted_round_robin': return this.smoothWeighted();
            case 'least_connections':
            case 'least_bandwidth':
                // One payload size for every request: bytes in flight are connections × payload.
                return this.least((p) => p.busy + p.line.length);
            case 'least_response_time': return this.least((p) => (p.busy + p.line.length + 1) * p.ewma);
            default: {
                for (let k = 0; k < n; k++) {
                    this.cursor = (this.cursor + 1) % n;
                    if (usable(pools[this.cursor])) break;
                }
                return pools[this.cursor];
            }
        }
    }

    /** The usable pool with the lowest score; ties go round from a moving start. */
    private least(score: (p: Pool) => number): Pool {
        const pools = this.pools, n = pools.length;
        this.cursor = (this.cursor + 1) % n;
        let best: Pool | undefined;
        let bestScore = Infinity;
        for (let k = 0; k < n; k++) {
            const p = pools[(this.cursor + k) % n];
            if (p.excluded) continue;
            const s = score(p);
            if (s < bestScore) { best = p; bestScore = s; }
        }
        return best!;
    }

    /** nginx's smooth weighted round robin over usable pools (weights default to 1). */
    private smoothWeighted(): Pool {
        const pools = this.pools;
        let total = 0, best = -1;
        for (let i = 0; i < pools.length; i++) {
            if (pools[i].excluded) continue;
            const w = this.weights[i] ?? 1;
            this.current[i] += w;
            total += w;
            if (best < 0 || this.current[i] > this.current[best]) best = i;
        }
        this.current[best] -= total;
        return pools[best];
    }
}
