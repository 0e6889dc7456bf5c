/**
 * Percentiles against theory. The estimate's end-to-end distribution (each station's sojourn
 * time convolved along the route) within 2% of the closed forms at p50, p95 and p99 for
 * M/M/1, M/M/c, M/D/1 and a tandem of M/M/1 stations; the simulator's streaming histogram
 * within 0.1% of the exact sample quantiles (sorted samples; the bar is 0.5%, and a bucket's
 * midpoint alone would be off by up to 0.4%), whatever the seed; and the
 * warm-up that drops the start-up transient. The closed forms are written out here, from the
 * textbooks, not taken from the code under test.
 */
import { describe, expect, it } from 'vitest';
import { model } from '../helpers.js';
import { analyticReport } from '../../language-server/simulation/estimate/report.js';
import { Histogram } from '../../language-server/simulation/histogram.js';
import { Rng } from '../../language-server/simulation/random.js';
import { expectWithin, simulate } from './helpers.js';

/** Solves cdf(t) = q by bisection. */
function invert(cdf: (t: number) => number, q: number, scale: number): number {
    let lo = 0, hi = scale;
    while (cdf(hi) < q) hi *= 2;
    for (let i = 0; i < 100; i++) {
        const mid = (lo + hi) / 2;
        if (cdf(mid) < q) lo = mid;
        else hi = mid;
    }
    return (lo + hi) / 2;
}

/** M/M/1: the response time is exponential with rate μ − λ. */
const mm1 = (lambda: number, mu: number) => (q: number) => -Math.log(1 - q) / (mu - lambda);

/** M/M/c: no wait with 1 − C, else an Exp(cμ − λ) wait before an Exp(μ) service (C by Erlang's formula). */
function mmc(lambda: number, mu: number, c: number): (q: number) => number {
    const a = lambda / mu;
    let sum = 0, term = 1;
    for (let k = 0; k < c; k++) {
        if (k > 0) term *= a / k;
        sum += term;
    }
    const top = ((term * a) / c) * (c / (c - a));
    const C = top / (sum + top), theta = c * mu - lambda;
    const tail = (t: number) => (1 - C) * Math.exp(-mu * t) + (C * (theta * Math.exp(-mu * t) - mu * Math.exp(-theta * t))) / (theta - mu);
    return (q) => invert((t) => 1 - tail(t), q, 1 / mu);
}

/** M/D/1: Erlang's waiting-time distribution P(W ≤ t) = (1 − ρ) Σ_{k ≤ t/D} (λ(kD − t))^k / k! · e^{−λ(kD − t)}, then D. */
function md1(lambda: number, D: number): (q: number) => number {
    const rho = lambda * D;
    const wait = (t: number) => {
        let sum = 0, factorial = 1;
        for (let k = 0; k <= Math.floor(t / D); k++) {
            if (k > 0) factorial *= k;
            const x = lambda * (k * D - t);
            sum += (Math.pow(x, k) / factorial) * Math.exp(-x);
        }
        return (1 - rho) * sum;
    };
    return (q) => invert((t) => (t < D ? 0 : wait(t - D)), q, D);
}

/** A tandem of k M/M/1 stations at the same rate: the sum of k Exp(θ) (Burke), Erlang-k. */
function erlang(k: number, theta: number): (q: number) => number {
    return (q) => invert((t) => {
        let sum = 0, term = 1;
        for (let i = 0; i < k; i++) {
            if (i > 0) term *= (theta * t) / i;
            sum += term;
        }
        return 1 - Math.exp(-theta * t) * sum;
    }, q, k / theta);
}

const one = (latency: string, capacity: number, rps: number, replicas = 1) =>
    `system S { workload { rps ${rps} } client u service s { replicas ${replicas} capacity ${capacity} rps latency ${latency} } u -> s }`;

describe('the estimate\'s end-to-end percentiles', () => {
    const cases: [string, string, (q: number) => number][] = [
        ['M/M/1 at ρ = 0.7', one('1ms', 1000, 700), mm1(700, 1000)],
        ['M/M/1 at ρ = 0.9', one('1ms', 1000, 900), mm1(900, 1000)],
        ['M/M/4 at ρ = 0.8', one('1ms', 1000, 3200, 4), mmc(3200, 1000, 4)],
        ['M/D/1 at ρ = 0.7', one('1ms const', 1000, 700), md1(700, 0.001)],
        ['M/D/1 at ρ = 0.5', one('2ms const', 500, 250), md1(250, 0.002)],
        ['a tandem of three M/M/1 at ρ = 0.5 (capacity 1500 rps, latency 666.667us)', `system S { workload { rps 750 } client u
           service a { capacity 1500 rps latency 666.667us } service b { capacity 1500 rps latency 666.667us }
           service c { capacity 1500 rps latency 666.667us } u -> a -> b -> c }`, erlang(3, 750)],
        // LRU keeps 50 of 100 uniform keys: half the reads end at the cache after an M/M/1 service at
        // 500 of 1,000/s; the other half also wait for the store, an M/M/1 at 250 of 1,000/s.
        ['a read through a cache that keeps half of its keys', `system S { workload { rps 500 keys 100 zipf 0 } client u
           service api { capacity 1000 rps latency 1ms } cache kv { capacity 50 items invalidation none }
           database db { capacity 1000 rps latency 1ms } flow f read : u -> api -> kv -> db }`,
        (q) => invert((t) => 0.5 * -Math.expm1(-500 * t) + 0.5 * (1 - (750 * Math.exp(-500 * t) - 500 * Math.exp(-750 * t)) / 250), q, 0.002)],
        // The sender waits for neither the consumer of a queue nor the store behind a write-back cache.
        ['a write into a queue', `system S { workload { rps 500 } client u service api { capacity 1000 rps latency 1ms } queue q
           worker w1 { consumes q capacity 1000 rps latency 1ms } worker w2 { consumes q capacity 1000 rps latency 1ms }
           flow f write : u -> api -> q }`, mm1(500, 1000)],
        ['a write a write-back cache acknowledges', `system S { workload { rps 500 keys 100 zipf 0 } client u
           service api { capacity 1000 rps latency 1ms } cache kv { capacity 50 items write write_back }
           database db { capacity 1000 rps latency 1ms } flow f write : u -> api -> kv -> db }`, mm1(500, 1000)],
    ];
    for (const [name, text, quantile] of cases) {
        it(`${name}: within 2% of theory at p50, p95 and p99`, async () => {
            const report = analyticReport(await model(text));
            for (const [p, q] of [['p50', 0.5], ['p95', 0.95], ['p99', 0.99]] as const) {
                expectWithin(report.latencyMs[p] / 1000, quantile(q), 0.02, `${p}`);
            }
        });
    }

    it('is the same distribution for a flow as for the whole system', async () => {
        const report = analyticReport(await model(`system S { workload { rps 700 } client u
          service s { capacity 1000 rps latency 1ms } flow f : u -> s }`));
        expect(report.flows.f.latencyMs).toEqual(report.latencyMs);
        expectWithin(report.flows.f.latencyMs.p99 / 1000, mm1(700, 1000)(0.99), 0.02, 'flow p99');
    });
});

describe('the simulator\'s percentiles', () => {
    /** The exact q-quantile of sorted samples (the nearest rank). */
    const exact = (sorted: Float64Array, q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

    it('are within 0.1% of the exact sample quantiles of a million exponential samples', () => {
        for (const seed of [1, 2, 3]) {
            const rng = new Rng(seed), h = new Histogram();
            const samples = new Float64Array(1_000_000);
            for (let i = 0; i < samples.length; i++) h.record(samples[i] = -Math.log(rng.next()) * 0.002);
            samples.sort();
            for (const q of [0.5, 0.9, 0.95, 0.99, 0.999]) expectWithin(h.percentile(q), exact(samples, q), 0.001, `seed ${seed} q ${q}`);
        }
    });

    it('are within 0.1% for spread-out samples (lognormal over four decades)', () => {
        const rng = new Rng(9), h = new Histogram();
        const samples = new Float64Array(200_000);
        for (let i = 0; i < samples.length; i++) h.record(samples[i] = Math.exp(-7 + 2 * rng.normal()));
        samples.sort();
        for (const q of [0.01, 0.5, 0.95, 0.99]) expectWithin(h.percentile(q), exact(samples, q), 0.001, `q ${q}`);
    });

    it('differ between seeds (no longer bucket midpoints) and stay near theory on M/M/1', async () => {
        const p95 = await Promise.all([1, 2, 3].map(async (seed) => (await simulate(one('1ms', 1000, 500), { durationS: 400, warmupS: 2, seed })).latencyMs.p95));
        expect(new Set(p95).size).toBe(3);
        for (const p of p95) expectWithin(p / 1000, mm1(500, 1000)(0.95), 0.02, 'p95');
    });
});

describe('warm-up', () => {
    it('drops the start-up transient: an empty system looks faster than its steady state', async () => {
        // M/M/1 at ρ = 0.95: the mean response time is 20 ms, but the queue needs seconds to build.
        const text = one('1ms', 1000, 950);
        const cold = await simulate(text, { durationS: 2, seed: 4 });
        const warm = await simulate(text, { durationS: 2, warmupS: 1.5, seed: 4 });
        expect(warm.warmupS).toBe(1.5);
        expect(cold.latencyMs.mean).toBeLessThan(warm.latencyMs.mean);
        expect(Math.abs(warm.requests.offered - 0.5 * 950)).toBeLessThan(100);
    });
});
