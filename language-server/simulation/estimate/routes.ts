/**
 * End-to-end time and failure along the compiled routes (program.ts, the simulator's own):
 * a request's time is its stations' sojourn times summed along the calls it waits for, mixed
 * over a spreader's choices and a cache's hits, with a round-robin store's read taking the
 * slowest of its shards. A call made `[xN]` times in parallel takes the slowest of N draws of
 * what it reaches (F^N), a `[P%]` call is a mixture with not calling at all, and each node
 * reads or writes as its `[read]`/`[write]` (else its request) says — a store's write is its
 * leader's, with the synchronous followers it waits for. Moments give the mean and size the
 * grid; the distribution itself is folded in spectra (analysis/distribution.ts), exactly as
 * language.md describes: numeric convolution of each tier's sojourn distribution. Timeouts
 * and retries are the simulator's.
 */
import { GridDistribution, Spectrum } from '../../analysis/distribution.js';
import { ASYNC_HOP, BASE, CACHE, CDN, QUEUE, WRITES, type Program } from '../program.js';
import { GRID_POINTS, mix, reachOf, slowestOf, stationGrid, ZERO, type Moments, type StationModel } from './stations.js';

/** The compiled routes with what the estimate knows of each node. */
export interface Route {
    program: Program;
    /** The station of node `n` as a read or a write sees it (a copied store's writes wait for its leader and synchronous followers). */
    station(n: number, write: boolean): StationModel;
    hit(n: number): number;
    /** Whether a write ends at this node (a write-back cache acknowledges it). */
    acksWrite(n: number): boolean;
    /** Shards a read at this node asks at once (1 unless the store is round-robin partitioned). */
    scatter(n: number): number;
    /** Whether this node's spreader drops the children its health check has taken out. */
    checks(n: number): boolean;
}

/** Who fails during one phase of an outage: the share of reads and of writes through each component that fail, and who is taken out. */
export interface Failing {
    reads: Float64Array;
    writes: Float64Array;
    excluded: Uint8Array;
}


/** Whether `node` writes for a request whose own kind is `write` (before a store's own write ratio). */
export function writesAt(p: Program, node: number, write: boolean): boolean {
    const access = p.access[node];
    return access === WRITES || (access === BASE && write);
}

/** The share of `node`'s own operations that write for a request of kind `write`. */
export function writeShareAt(p: Program, node: number, write: boolean): number {
    const drawn = p.writeShare[node];
    return Number.isNaN(drawn) ? (writesAt(p, node, write) ? 1 : 0) : drawn;
}

/** Moments of the time from `node` to the end of its subtree for a request that reads or writes. */
export function routeMoments(r: Route, node: number, write: boolean, memo: Map<string, Moments>): Moments {
    const rest = after(r, node, write, ZERO, mix, sum, (n) => hopMoments(r.program, n, routeMoments(r, n, write, memo)));
    return sum(own(r, node, write, memo), rest);
}

/**
 * The distribution of the time from entry `node` for a request that reads with probability
 * `readShare`. Grid steps are powers of two, so entries of a similar scale share the station
 * spectra kept in `spectra` (one transform per station and scale, not per entry).
 */
export function routeDistribution(r: Route, node: number, readShare: number, moments: Moments, spectra: Map<string, Spectrum>): GridDistribution | undefined {
    if (!(moments.mean > 0)) return undefined;
    const step = gridStep(moments);
    const of = (write: boolean) => routeSpectrum(r, node, write, step, spectra);
    const parts: [number, Spectrum][] = [];
    if (readShare > 0) parts.push([readShare, of(false)]);
    if (readShare < 1) parts.push([1 - readShare, of(true)]);
    return Spectrum.mixture(parts).distribution(step);
}

/** Probability that a request from `node` on fails while `failing` holds. */
export function routeFailure(r: Route, node: number, write: boolean, failing: Failing): number {
    const p = r.program;
    const comp = p.comp[node];
    const w = writeShareAt(p, node, write);
    const q = w * failing.writes[comp] + (1 - w) * failing.reads[comp];
    const fold = (parts: [number, number][]) => parts.reduce((a, [x, f]) => a + x * f, 0) / Math.max(1e-300, parts.reduce((a, [x]) => a + x, 0));
    const choose = (parts: [number, number][], children: number[]) => {
        if (!r.checks(node)) return fold(parts);
        // A health check routes around what it has taken out, unless it has taken out everything.
        const open = parts.filter((_, i) => !failing.excluded[p.comp[children[i]]]);
        return fold(open.length ? open : parts);
    };
    const rest = after(r, node, write, 0, (parts) => fold(parts), (a, b) => 1 - (1 - a) * (1 - b),
        (n) => hopFailure(p, n, routeFailure(r, n, write, failing)), choose);
    return 1 - (1 - q) * (1 - rest);
}

/** Seconds each component adds to the mean time of a request from `node` on (by component index), reached with its probability. */
export function routeContributions(r: Route, node: number, write: boolean): Map<number, number> {
    const p = r.program;
    const rest = after(r, node, write, new Map<number, number>(),
        (parts) => {
            const total = parts.reduce((a, [w]) => a + w, 0);
            return parts.reduce((acc, [w, m]) => added(acc, scaled(m, total > 0 ? w / total : 0)), new Map<number, number>());
        },
        added, (n) => scaled(routeContributions(r, n, write), p.share[n]));
    return added(rest, new Map([[p.comp[node], own(r, node, write, new Map()).mean]]));
}

function scaled(m: Map<number, number>, k: number): Map<number, number> {
    return new Map([...m].map(([c, t]) => [c, t * k]));
}

function added(a: Map<number, number>, b: Map<number, number>): Map<number, number> {
    const out = new Map(a);
    for (const [c, t] of b) out.set(c, (out.get(c) ?? 0) + t);
    return out;
}

/** The grid step (a power of two) that reaches far enough into the tail of a time with `moments`. */
function gridStep(moments: Moments): number {
    return 2 ** Math.ceil(Math.log2(reachOf(moments) / GRID_POINTS));
}

function routeSpectrum(r: Route, node: number, write: boolean, step: number, spectra: Map<string, Spectrum>): Spectrum {
    const p = r.program;
    const mine = p.behaviour[node] === QUEUE ? Spectrum.zero(GRID_POINTS) : ownSpectrum(r, node, write, step, spectra);
    const rest = after(r, node, write, Spectrum.zero(GRID_POINTS), (parts) => Spectrum.mixture(parts), (a, b) => a.times(b),
        (n) => hopSpectrum(p, n, routeSpectrum(r, n, write, step, spectra), step));
    return mine.times(rest);
}

/** A node's own time as a spectrum: its read or write station (a store's own write ratio mixes both), a scatter read the slowest of its shards. */
function ownSpectrum(r: Route, node: number, write: boolean, step: number, spectra: Map<string, Spectrum>): Spectrum {
    const one = (w: boolean) => {
        const k = w ? 1 : r.scatter(node);
        const key = `${r.program.comp[node]}${w ? 'w' : 'r'}x${k}@${step}`;
        let spectrum = spectra.get(key);
        if (!spectrum) {
            spectrum = Spectrum.of(stationGrid(r.station(node, w), step, GRID_POINTS).maxOf(k), GRID_POINTS);
            spectra.set(key, spectrum);
        }
        return spectrum;
    };
    const w = writeShareAt(r.program, node, write);
    if (w === 0 || w === 1) return one(w === 1);
    return Spectrum.mixture([[w, one(true)], [1 - w, one(false)]]);
}

/** A node's own time: a queue answers its sender at once; a scatter read waits for the slowest shard. */
function own(r: Route, node: number, write: boolean, memo: Map<string, Moments>): Moments {
    if (r.program.behaviour[node] === QUEUE) return ZERO;
    const one = (w: boolean): Moments => {
        const s = r.station(node, w);
        const k = w ? 1 : r.scatter(node);
        if (k === 1) return s;
        const key = `${r.program.comp[node]}x${k}`;
        let m = memo.get(key);
        if (!m) {
            m = slowestOf(s, k);
            memo.set(key, m);
        }
        return m;
    };
    const w = writeShareAt(r.program, node, write);
    if (w === 0 || w === 1) return one(w === 1);
    return mix([[w, one(true)], [1 - w, one(false)]]);
}

/** The time of the hop into `n` from the time `m` of what it reaches: the slowest of its `[xN]` calls, made by `[P%]` of requests. */
function hopMoments(p: Program, n: number, m: Moments): Moments {
    const slowest = p.count[n] > 1 ? slowestOf(m, p.count[n]) : m;
    return p.share[n] < 1 ? mix([[p.share[n], slowest], [1 - p.share[n], ZERO]]) : slowest;
}

function hopSpectrum(p: Program, n: number, s: Spectrum, step: number): Spectrum {
    const slowest = p.count[n] > 1 ? Spectrum.of(s.distribution(step).maxOf(p.count[n]), GRID_POINTS) : s;
    return p.share[n] < 1 ? Spectrum.mixture([[p.share[n], slowest], [1 - p.share[n], Spectrum.zero(GRID_POINTS)]]) : slowest;
}

/** A hop fails when any of its `[xN]` calls does, for the `[P%]` of requests that make it. */
function hopFailure(p: Program, n: number, f: number): number {
    const any = p.count[n] > 1 ? 1 - Math.pow(1 - f, p.count[n]) : f;
    return p.share[n] * any;
}

/**
 * Folds what follows `node` for one request: nothing after a queue (messages do not hold
 * the request) or a write a write-back cache acknowledged; one child by weight at a
 * spreader; the synchronous calls in turn otherwise, skipped on a cache or CDN read hit.
 */
function after<T>(
    r: Route, node: number, write: boolean, none: T, choose: (parts: [number, T][]) => T, then: (a: T, b: T) => T, of: (n: number) => T,
    chooseAmong: (parts: [number, T][], children: number[]) => T = choose,
): T {
    const p = r.program;
    const start = p.childStart[node], count = p.childCount[node];
    const b = p.behaviour[node];
    const w = writesAt(p, node, write);
    if (b === QUEUE || (b === CACHE && w && r.acksWrite(node))) return none;
    if (p.choice[node]) {
        const parts: [number, T][] = [], children: number[] = [];
        for (let k = 0; k < count; k++) {
            parts.push([p.cumWeight[start + k] - (k ? p.cumWeight[start + k - 1] : 0), of(p.children[start + k])]);
            children.push(p.children[start + k]);
        }
        return count ? chooseAmong(parts, children) : none;
    }
    let rest = none;
    for (let k = 0; k < count; k++) if (p.hop[p.children[start + k]] !== ASYNC_HOP) rest = then(rest, of(p.children[start + k]));
    if ((b === CACHE || b === CDN) && !w) rest = choose([[r.hit(node), none], [1 - r.hit(node), rest]]);
    return rest;
}

function sum(a: Moments, b: Moments): Moments {
    return { mean: a.mean + b.mean, variance: a.variance + b.variance };
}
