/**
 * Distributions of a non-negative time on a uniform grid, and their spectra: the numeric
 * convolution language.md asks for end-to-end latency. A distribution is the probability
 * mass near each grid point i·step; its spectrum is the discrete Fourier transform of that
 * mass, in which a sum of independent times is a product and a mixture is a weighted sum, so
 * a whole route folds in O(size) per node with one inverse transform at the end. The grid is
 * long enough that the mass beyond it (which a circular transform would wrap) is negligible.
 * The M/G/1 waiting time is the Pollaczek–Khinchine sum (1 − ρ)·Σ ρ^k R^{*k} of residual
 * service times, which the spectrum turns into one division.
 */

/** A distribution on the grid 0, step, 2·step, …: `mass[i]` is P(T within half a step of i·step). */
export class GridDistribution {
    private cumulative: Float64Array | undefined;

    constructor(readonly step: number, readonly mass: Float64Array) {}

    /** Discretises P(T > t) = `tail(t)` onto `size` points `step` apart (the rest lands on the last). */
    static fromTail(tail: (t: number) => number, step: number, size: number): GridDistribution {
        const mass = new Float64Array(size);
        let above = 1;
        for (let i = 0; i < size - 1; i++) {
            const next = Math.min(above, Math.max(0, tail((i + 0.5) * step)));
            mass[i] = above - next;
            above = next;
        }
        mass[size - 1] = above;
        return new GridDistribution(step, mass);
    }

    /** P(T ≤ t), interpolated linearly inside each point's interval. */
    cdf(t: number): number {
        const c = this.cumulativeMass();
        const x = t / this.step + 0.5;
        if (x <= 0) return 0;
        const i = Math.floor(x);
        if (i >= c.length) return 1;
        const below = i > 0 ? c[i - 1] : 0;
        return below + (c[i] - below) * (x - i);
    }

    /** The q-quantile (0..1), interpolated inside the interval that holds it. */
    quantile(q: number): number {
        const c = this.cumulativeMass();
        let lo = 0, hi = c.length - 1;
        while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (c[mid] >= q) hi = mid;
            else lo = mid + 1;
        }
        const below = lo > 0 ? c[lo - 1] : 0;
        const within = c[lo] > below ? (q - below) / (c[lo] - below) : 0;
        return Math.max(0, (lo - 0.5 + within) * this.step);
    }

    /** The distribution of the largest of `k` independent draws: P(max ≤ t) = F(t)^k. */
    maxOf(k: number): GridDistribution {
        if (k <= 1) return this;
        const c = this.cumulativeMass();
        const mass = new Float64Array(c.length);
        let previous = 0;
        for (let i = 0; i < c.length; i++) {
            const now = Math.pow(Math.min(1, c[i]), k);
            mass[i] = now - previous;
            previous = now;
        }
        return new GridDistribution(this.step, mass);
    }

    private cumulativeMass(): Float64Array {
        if (!this.cumulative) {
            const c = new Float64Array(this.mass.length);
            let sum = 0;
            for (let i = 0; i < c.length; i++) c[i] = sum += this.mass[i];
            this.cumulative = c;
        }
        return this.cumulative;
    }
}

/** The discrete Fourier transform of a grid distribution (length a power of two). */
export class Spectrum {
    constructor(readonly re: Float64Array, readonly im: Float64Array) {}

    /** The spectrum of `d` (its mass zero-padded to `size`, a power of two). */
    static of(d: GridDistribution, size: number): Spectrum {
        const re = new Float64Array(size), im = new Float64Array(size);
        re.set(d.mass.subarray(0, size));
        fft(re, im, false);
        return new Spectrum(re, im);
    }

    /** The spectrum of a time that is always 0 (the identity of sums). */
    static zero(size: number): Spectrum {
        return new Spectrum(new Float64Array(size).fill(1), new Float64Array(size));
    }

    /** The sum of two independent times. */
    times(other: Spectrum): Spectrum {
        const n = this.re.length, re = new Float64Array(n), im = new Float64Array(n);
        for (let i = 0; i < n; i++) {
            re[i] = this.re[i] * other.re[i] - this.im[i] * other.im[i];
            im[i] = this.re[i] * other.im[i] + this.im[i] * other.re[i];
        }
        return new Spectrum(re, im);
    }

    /** The mixture of weighted parts (weights need not sum to 1). */
    static mixture(parts: [number, Spectrum][]): Spectrum {
        const total = parts.reduce((a, [w]) => a + w, 0);
        const n = parts[0][1].re.length, re = new Float64Array(n), im = new Float64Array(n);
        for (const [w, s] of parts) {
            const k = total > 0 ? w / total : 1 / parts.length;
            for (let i = 0; i < n; i++) {
                re[i] += k * s.re[i];
                im[i] += k * s.im[i];
            }
        }
        return new Spectrum(re, im);
    }

    /** Back to a distribution on the grid of `step`. */
    distribution(step: number): GridDistribution {
        const re = Float64Array.from(this.re), im = Float64Array.from(this.im);
        fft(re, im, true);
        let total = 0;
        for (let i = 0; i < re.length; i++) total += re[i] = Math.max(0, re[i]);
        if (total > 0) for (let i = 0; i < re.length; i++) re[i] /= total;
        return new GridDistribution(step, re);
    }
}

/**
 * The M/G/1 waiting time at utilisation `rho` < 1 for service time P(S > t) = `serviceTail(t)`
 * of mean `meanS`: Pollaczek–Khinchine over the residual service time, on `size` points.
 */
export function mg1Wait(serviceTail: (t: number) => number, meanS: number, rho: number, step: number, size: number): GridDistribution {
    // The residual (equilibrium) time has density P(S > t) / E[S]: integrated over each interval.
    const residual = new Float64Array(size);
    let total = 0;
    for (let i = 0; i < size; i++) {
        const from = Math.max(0, (i - 0.5) * step), to = (i + 0.5) * step;
        total += residual[i] = ((to - from) / 6) * (serviceTail(from) + 4 * serviceTail((from + to) / 2) + serviceTail(to)) / meanS;
    }
    for (let i = 0; i < size; i++) residual[i] /= total;
    const spectrum = Spectrum.of(new GridDistribution(step, residual), size);
    const re = spectrum.re, im = spectrum.im;
    for (let i = 0; i < size; i++) {
        // (1 − ρ) / (1 − ρ·R̂)
        const a = 1 - rho * re[i], b = -rho * im[i];
        const d = a * a + b * b;
        re[i] = ((1 - rho) * a) / d;
        im[i] = (-(1 - rho) * b) / d;
    }
    return spectrum.distribution(step);
}

const twiddles = new Map<number, { cos: Float64Array; sin: Float64Array }>();

/** In-place iterative radix-2 FFT of (re, im); `inverse` also divides by the length. */
export function fft(re: Float64Array, im: Float64Array, inverse: boolean): void {
    const n = re.length;
    for (let i = 1, j = 0; i < n; i++) {
        let bit = n >> 1;
        for (; j & bit; bit >>= 1) j ^= bit;
        j ^= bit;
        if (i < j) {
            [re[i], re[j]] = [re[j], re[i]];
            [im[i], im[j]] = [im[j], im[i]];
        }
    }
    let table = twiddles.get(n);
    if (!table) {
        table = { cos: new Float64Array(n / 2), sin: new Float64Array(n / 2) };
        for (let k = 0; k < n / 2; k++) {
            table.cos[k] = Math.cos((2 * Math.PI * k) / n);
            table.sin[k] = Math.sin((2 * Math.PI * k) / n);
        }
        twiddles.set(n, table);
    }
    const sign = inverse ? 1 : -1;
    for (let len = 2; len <= n; len <<= 1) {
        const half = len >> 1, stride = n / len;
        for (let start = 0; start < n; start += len) {
            for (let k = 0; k < half; k++) {
                const wr = table.cos[k * stride], wi = sign * table.sin[k * stride];
                const a = start + k, b = a + half;
                const xr = re[b] * wr - im[b] * wi, xi = re[b] * wi + im[b] * wr;
                re[b] = re[a] - xr; im[b] = im[a] - xi;
                re[a] += xr; im[a] += xi;
            }
        }
    }
    if (inverse) for (let i = 0; i < n; i++) { re[i] /= n; im[i] /= n; }
}
