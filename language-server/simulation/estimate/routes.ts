/**
 * End-to-end time and failure along the compiled routes (program.ts, the simulator's own):
 * a request's time is its stations' sojourn times summed along the calls it waits for, mixed
 * over a spreader's choices and a cache's hits, with a round-robin store's read taking the
 * slowest of its shards. Moments give the mean and size the grid; the distribution itself is
 * folded in spectra (analysis/distribution.ts), exactly as language.md describes: numeric
 * convolution of each tier's sojourn distribution. Timeouts and retries are the simulator's.
 */
import { GridDistribution, Spectrum } from '../../analysis/distribution.js';
import { lognormalTail } from '../../analysis/queueing.js';
import { ASYNC_HOP, CACHE, CDN, QUEUE, type Program } from '../program.js';
import { mix, ZERO, type Moments, type StationModel } from './stations.js';

/** The compiled routes with what the estimate knows of each node. */
export interface Route {
    program: Program;
    station(n: number): StationModel;
    hit(n: number): number;
    /** Whether a write ends at this node (a write-back cache acknowledges it). */
    acksWrite(n: number): boolean;
    /** Shards a read at this node asks at once (1 unless the store is round-robin partitioned). */
    scatter(n: number): number;
    /** Whether this node's spreader drops the children its health check has taken out. */
    checks(n: number): boolean;
}

/** Points of an end-to-end grid (a power of two, for the transform). */
const GRID_POINTS = 4096;
/** z-score of the quantile 1 − 10⁻⁹ a grid reaches (of a lognormal with the route's moments): the mass beyond is negligible. */
const Z_REACH = 5.997807;

/** Moments of the time from `node` to the end of its subtree for a read or a write. */
export function routeMoments(r: Route, node: number, write: boolean, memo: Map<number, Moments>): Moments {
    return sum(own(r, node, write, memo), after(r, node, write, ZERO, mix, sum, (n) => routeMoments(r, n, write, memo)));
}

/**
 * The distribution of the time from entry `node` for a request that reads with probability
 * `readShare`. Grid steps are powers of two, so entries of a similar scale share the station
 * spectra kept in `spectra` (one transform per station and scale, not per entry).
 */
export function routeDistribution(r: Route, node: number, readShare: number, moments: Moments, spectra: Map<string, Spectrum>): GridDistribution | undefined {
    if (!(moments.mean > 0)) return undefined;
    const s2 = Math.log1p(moments.variance / (moments.mean * moments.mean));
    const reach = Math.max(Math.exp(Math.log(moments.mean) - s2 / 2 + Z_REACH * Math.sqrt(s2)), 8 * moments.mean);
    const step = 2 ** Math.ceil(Math.log2(reach / GRID_POINTS));
    const of = (write: boolean) => routeSpectrum(r, node, write, step, spectra);
    const parts: [number, Spectrum][] = [];
    if (readShare > 0) parts.push([readShare, of(false)]);
    if (readShare < 1) parts.push([1 - readShare, of(true)]);
    return Spectrum.mixture(parts).distribution(step);
}

/** Probability that a request from `node` on fails, when `failing[c]` of requests through c fail and `excluded[c]` are taken out. */
export function routeFailure(r: Route, node: number, write: boolean, failing: Float64Array, excluded: Uint8Array): number {
    const q = failing[r.program.comp[node]];
    const p = r.program;
    const fold = (parts: [number, number][]) => parts.reduce((a, [w, x]) => a + w * x, 0) / Math.max(1e-300, parts.reduce((a, [w]) => a + w, 0));
    const choose = (parts: [number, number][], children: number[]) => {
        if (!r.checks(node)) return fold(parts);
        // A health check routes around what it has taken out, unless it has taken out everything.
        const open = parts.filter((_, i) => !excluded[p.comp[children[i]]]);
        return fold(open.length ? open : parts);
    };
    const rest = after(r, node, write, 0, (parts) => fold(parts), (a, b) => 1 - (1 - a) * (1 - b),
        (n) => routeFailure(r, n, write, failing, excluded), choose);
    return 1 - (1 - q) * (1 - rest);
}

/** P(T > t) of a station alone: its closed form, else a lognormal with its moments. */
export function stationTail(s: StationModel): (t: number) => number {
    return s.tail ?? lognormalTail(s.mean, s.variance);
}

/** A station's time on a grid: exact where known, else from its tail. */
export function stationGrid(s: StationModel, step: number, size: number): GridDistribution {
    if (s.grid) return s.grid(step, size);
    if (!(s.mean > 0)) return GridDistribution.fromTail(() => 0, step, size);
    return GridDistribution.fromTail(stationTail(s), step, size);
}

function routeSpectrum(r: Route, node: number, write: boolean, step: number, spectra: Map<string, Spectrum>): Spectrum {
    const size = GRID_POINTS;
    const k = write ? 1 : r.scatter(node);
    const comp = r.program.comp[node];
    const key = `${comp}x${k}@${step}`;
    let mine = r.program.behaviour[node] === QUEUE ? Spectrum.zero(size) : spectra.get(key);
    if (!mine) {
        mine = Spectrum.of(stationGrid(r.station(node), step, size).maxOf(k), size);
        spectra.set(key, mine);
    }
    const rest = after(r, node, write, Spectrum.zero(size), (parts) => Spectrum.mixture(parts), (a, b) => a.times(b),
        (n) => routeSpectrum(r, n, write, step, spectra));
    return mine.times(rest);
}

/** A node's own time: a queue answers its sender at once; a scatter read waits for the slowest shard. */
function own(r: Route, node: number, write: boolean, memo: Map<number, Moments>): Moments {
    if (r.program.behaviour[node] === QUEUE) return ZERO;
    const s = r.station(node);
    const k = write ? 1 : r.scatter(node);
    if (k === 1) return s;
    const key = r.program.comp[node];
    let m = memo.get(key);
    if (!m) {
        m = gridMoments(slowestOf(s, k));
        memo.set(key, m);
    }
    return m;
}

/** The slowest of `k` independent visits of station `s`, on a grid of its own. */
function slowestOf(s: StationModel, k: number): GridDistribution {
    const s2 = Math.log1p(s.variance / Math.max(1e-300, s.mean * s.mean));
    const reach = Math.max(Math.exp(Math.log(s.mean) - s2 / 2 + Z_REACH * Math.sqrt(s2)), 8 * s.mean) * (1 + Math.log(k));
    return stationGrid(s, reach / GRID_POINTS, GRID_POINTS).maxOf(k);
}

function gridMoments(d: GridDistribution): Moments {
    let mean = 0, second = 0;
    d.mass.forEach((p, i) => {
        const t = i * d.step;
        mean += p * t;
        second += p * t * t;
    });
    return { mean, variance: Math.max(0, second - mean * mean) };
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
    if (b === QUEUE || (b === CACHE && write && r.acksWrite(node))) return none;
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
    if ((b === CACHE || b === CDN) && !write) rest = choose([[r.hit(node), none], [1 - r.hit(node), rest]]);
    return rest;
}

function sum(a: Moments, b: Moments): Moments {
    return { mean: a.mean + b.mean, variance: a.variance + b.variance };
}
