/**
 * Closed forms for queueing stations: Erlang C, M/M/c response time and its percentiles, and
 * the Allen–Cunneen correction for non-exponential service. Shared by the capacity rules, the
 * analytic report and the simulator's tests.
 */

/** Probability that an arrival waits at an M/M/c station (Erlang C); 1 when overloaded. */
export function erlangC(servers: number, offeredLoad: number): number {
    if (!(offeredLoad > 0)) return 0;
    if (servers === Infinity) return 0;
    const c = Math.max(1, Math.round(servers));
    if (offeredLoad >= c) return 1;
    // Far below saturation (Halfin–Whitt: c - A ≫ √A) the probability underflows anyway.
    if (c - offeredLoad > 40 * Math.sqrt(offeredLoad) + 40) return 0;
    // Erlang B by its stable recursion, then C from B.
    let b = 1;
    for (let k = 1; k <= c; k++) b = (offeredLoad * b) / (k + offeredLoad * b);
    return (c * b) / (c - offeredLoad * (1 - b));
}

/** Mean response time (wait + service) of an M/M/c station; Infinity when λ ≥ cμ. */
export function mmcResponseTime(lambda: number, mu: number, servers: number): number {
    if (!(mu > 0)) return Infinity;
    if (!(lambda > 0) || servers === Infinity) return 1 / mu;
    if (lambda >= servers * mu) return Infinity;
    return 1 / mu + erlangC(servers, lambda / mu) / (servers * mu - lambda);
}

/** P(response > t) at an M/M/c station: no wait with 1 − C, else Exp(cμ−λ) wait + Exp(μ) service. */
export function mmcResponseTail(t: number, lambda: number, mu: number, servers: number): number {
    if (t <= 0) return 1;
    const c = servers === Infinity ? 0 : erlangC(servers, lambda / mu);
    const service = Math.exp(-mu * t);
    if (c === 0) return service;
    const theta = servers * mu - lambda;
    const both = Math.abs(theta - mu) < 1e-9 * mu
        ? (1 + mu * t) * Math.exp(-mu * t)
        : (theta * Math.exp(-mu * t) - mu * Math.exp(-theta * t)) / (theta - mu);
    return (1 - c) * service + c * both;
}

/** The q-quantile (0..1) of M/M/c response time, by bisection on its tail; Infinity when overloaded. */
export function mmcResponsePercentile(q: number, lambda: number, mu: number, servers: number): number {
    if (!(mu > 0)) return Infinity;
    if (servers !== Infinity && lambda >= servers * mu) return Infinity;
    return quantileOf((t) => mmcResponseTail(t, lambda, mu, servers), q, 1 / mu);
}

/** Solves tail(t) = 1 − q for t by doubling then bisection; `scale` is a typical magnitude. */
export function quantileOf(tail: (t: number) => number, q: number, scale: number): number {
    const target = 1 - q;
    let hi = scale;
    for (let i = 0; i < 200 && tail(hi) > target; i++) hi *= 2;
    let lo = 0;
    for (let i = 0; i < 80; i++) {
        const mid = (lo + hi) / 2;
        if (tail(mid) > target) lo = mid;
        else hi = mid;
    }
    return (lo + hi) / 2;
}

/** Service-time shape of a station: mean, squared coefficient of variation, and kind. */
export interface ServiceShape {
    meanS: number;
    kind: 'exponential' | 'const' | 'lognormal';
    /** Lognormal σ (only for 'lognormal'). */
    sigma?: number;
}

/** The response time of one G/G/c station: moments and a tail function. */
export interface StationTime {
    /** Mean response time (wait + service), seconds. */
    mean: number;
    variance: number;
    /** P(response > t). */
    tail(t: number): number;
    /** Utilisation λ·S / c (0 with infinite servers). */
    utilisation: number;
}

/** Squared coefficient of variation of a service shape. */
export function serviceCs2(shape: ServiceShape): number {
    if (shape.kind === 'const') return 0;
    if (shape.kind === 'lognormal') return Math.expm1((shape.sigma ?? 0) ** 2);
    return 1;
}

/** How arrivals reach a station, beyond their rate. */
export interface ArrivalShape {
    /** Squared coefficient of variation of inter-arrival times (1 = Poisson, 1/R = every R-th of a Poisson stream). */
    ca2?: number;
    /**
     * Join-the-shortest-queue over this many identical replicas (the station's servers are
     * theirs together): the shared-queue wait × K(1 − ρ) / (1 − ρ^K) (Nelson & Philips' form).
     */
    shortestOf?: number;
    /** Run length: an overloaded station's backlog grows over it. Default 60 s. */
    durationS?: number;
}

/**
 * Response time at a station of `servers` servers fed at `lambda`: Erlang C for the chance to
 * wait and Allen–Cunneen for the mean wait (exact for M/M/c; for one exponential server fed
 * every R-th arrival the exact E_R/M/1 root is used), the wait given waiting taken as
 * exponential. Overloaded (ρ ≥ 1) the backlog grows for the whole run: the mean wait is then
 * (1 − 1/ρ)·durationS / 2.
 */
export function stationTime(lambda: number, servers: number, shape: ServiceShape, arrivals: ArrivalShape = {}): StationTime {
    const S = shape.meanS;
    const cs2 = serviceCs2(shape);
    const ca2 = arrivals.ca2 ?? 1;
    const serviceVar = cs2 * S * S;
    const rho = servers === Infinity || !(S > 0) ? 0 : (lambda * S) / servers;
    let waitProb = 0, wait = 0;
    if (rho >= 1) {
        waitProb = 1;
        // Served in order at capacity, the request completing at t arrived at t/ρ: it waited
        // t(1 − 1/ρ), which averages (1 − 1/ρ)·duration/2 over the completions of a run.
        wait = ((1 - 1 / rho) * (arrivals.durationS ?? 60)) / 2;
    } else if (rho > 0 && servers === 1 && shape.kind === 'exponential' && ca2 < 1 && Number.isInteger(1 / ca2)) {
        waitProb = erlangArrivalRoot(rho, Math.round(1 / ca2));
        wait = (waitProb * S) / (1 - waitProb);
    } else if (rho > 0) {
        waitProb = erlangC(servers, lambda * S);
        wait = (waitProb / (servers / S - lambda)) * ((ca2 + cs2) / 2);
        const k = arrivals.shortestOf ?? 1;
        if (k > 1) {
            const r = (rho * (1 + cs2)) / (2 + rho * (cs2 - 1));
            wait *= (k * (1 - r)) / (1 - Math.pow(r, k));
        }
    }
    const theta = wait > 0 ? waitProb / wait : Infinity;
    const mean = S + wait;
    const variance = serviceVar + (wait > 0 ? (2 * waitProb) / (theta * theta) - wait * wait : 0);
    const fitted = lognormalTail(mean, variance);
    const tail = (t: number): number => {
        if (t <= 0) return 1;
        if (!(S > 0)) return waitProb * Math.exp(-theta * t);
        if (shape.kind === 'const') return t < S ? 1 : waitProb * Math.exp(-theta * (t - S));
        if (shape.kind === 'lognormal') return fitted(t);
        const mu = 1 / S;
        const service = Math.exp(-mu * t);
        if (waitProb === 0) return service;
        const both = Math.abs(theta - mu) < 1e-9 * mu
            ? (1 + mu * t) * service
            : (theta * service - mu * Math.exp(-theta * t)) / (theta - mu);
        return (1 - waitProb) * service + waitProb * both;
    };
    return { mean, variance, tail, utilisation: rho };
}

/** σ of the E_R/M/1 queue (σ = (R·ρ / (R·ρ + 1 − σ))^R): its chance to wait. */
function erlangArrivalRoot(rho: number, r: number): number {
    let sigma = rho;
    for (let i = 0; i < 200; i++) {
        const next = Math.pow((r * rho) / (r * rho + 1 - sigma), r);
        if (Math.abs(next - sigma) < 1e-12) return next;
        sigma = next;
    }
    return sigma;
}

/** P(X > t) of the lognormal with the given mean and variance (a point mass when variance is 0). */
export function lognormalTail(mean: number, variance: number): (t: number) => number {
    if (!(mean > 0)) return () => 0;
    const s2 = Math.log1p(Math.max(0, variance) / (mean * mean));
    if (s2 <= 1e-12) return (t) => (t < mean ? 1 : 0);
    const s = Math.sqrt(s2), mu = Math.log(mean) - s2 / 2;
    return (t) => (t <= 0 ? 1 : 0.5 * erfc((Math.log(t) - mu) / (s * Math.SQRT2)));
}

/** Complementary error function (Numerical Recipes' erfcc, |error| < 1.2e-7). */
function erfc(x: number): number {
    const z = Math.abs(x);
    const t = 1 / (1 + 0.5 * z);
    const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
        + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
}
