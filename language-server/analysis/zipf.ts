/**
 * Zipf popularity over a key space of up to ~1e9 keys without a table of all keys: the head
 * is summed exactly and the tail is integrated (midpoint rule, exact to well under 0.1%).
 */

/** Key space assumed when the workload declares none (`keys` absent). */
export const DEFAULT_KEYS = 1_000_000;

/** Keys summed one by one before the tail is integrated. */
const EXACT_HEAD = 1000;
/** Width ratio of the geometric tail buckets: popularity varies < 2% inside one. */
const BUCKET_RATIO = 1.02;

/** The key count to use: declared, else DEFAULT_KEYS; at least 1, whole. */
export function keyCount(keys: number | undefined): number {
    if (keys === undefined || !Number.isFinite(keys)) return DEFAULT_KEYS;
    return Math.max(1, Math.floor(keys));
}

/** ∫ x^-s dx from a to b (closed form; s = 1 is the log). */
export function powIntegral(a: number, b: number, s: number): number {
    if (b <= a) return 0;
    if (Math.abs(s - 1) < 1e-12) return Math.log(b / a);
    return (Math.pow(b, 1 - s) - Math.pow(a, 1 - s)) / (1 - s);
}

/** Σ_{i=from}^{to} i^-s: exact for a short range, integrated beyond the head. */
export function zipfSum(from: number, to: number, s: number): number {
    if (to < from) return 0;
    if (s === 0) return to - from + 1;
    let sum = 0;
    const head = Math.min(to, Math.max(from, EXACT_HEAD) - 1);
    for (let i = from; i <= head; i++) sum += Math.pow(i, -s);
    const start = Math.max(from, head + 1);
    return sum + powIntegral(start - 0.5, to + 0.5, s);
}

/** The generalised harmonic number H(n, s) = Σ_{i=1}^{n} i^-s. */
export function zipfNorm(keys: number, s: number): number {
    return zipfSum(1, keys, s);
}

/** Probability of the key of popularity rank `rank` (1 = hottest). */
export function zipfProbability(rank: number, keys: number, s: number, norm = zipfNorm(keys, s)): number {
    return Math.pow(rank, -s) / norm;
}

/** Keys grouped by popularity: `count[b]` keys each requested with probability `prob[b]`. */
export interface PopularityBuckets {
    count: Float64Array;
    prob: Float64Array;
}

/** Buckets the key space: single keys for the head, geometric groups for the tail. */
export function popularityBuckets(keys: number, s: number): PopularityBuckets {
    const n = Math.max(1, Math.floor(keys));
    if (s === 0) return { count: Float64Array.of(n), prob: Float64Array.of(1 / n) };
    const counts: number[] = [];
    const masses: number[] = [];
    const head = Math.min(n, EXACT_HEAD);
    for (let i = 1; i <= head; i++) {
        counts.push(1);
        masses.push(Math.pow(i, -s));
    }
    for (let a = head + 1; a <= n;) {
        const b = Math.min(n, Math.max(a, Math.floor(a * BUCKET_RATIO)));
        counts.push(b - a + 1);
        masses.push(powIntegral(a - 0.5, b + 0.5, s));
        a = b + 1;
    }
    const norm = masses.reduce((x, y) => x + y, 0);
    const count = Float64Array.from(counts);
    const prob = Float64Array.from(masses, (m, i) => m / norm / counts[i]);
    return { count, prob };
}
