/**
 * Grid distributions, spectra and the M/G/1 wait (analysis/distribution.ts) against figures
 * worked by hand or in closed form: exponential masses e^(−(i−½)h) − e^(−(i+½)h), a naive
 * O(n²) DFT, small convolutions and mixtures, and the M/M/1 wait P(W > t) = ρ·e^(−(1−ρ)μt).
 */
import { describe, expect, it } from 'vitest';
import { GridDistribution, Spectrum, fft, mg1Wait } from '../../language-server/analysis/distribution.js';

const grid = (step: number, ...mass: number[]) => new GridDistribution(step, Float64Array.from(mass));

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, digits = 12): void {
    expect(actual.length).toBe(expected.length);
    for (let i = 0; i < expected.length; i++) expect(actual[i], `index ${i}`).toBeCloseTo(expected[i], digits);
}

/** The discrete Fourier transform by its definition: X_k = Σ x_j·e^(∓2πi·jk/n), over n when inverse. */
function naiveDft(re: number[], im: number[], inverse: boolean): { re: number[]; im: number[] } {
    const n = re.length, sign = inverse ? 1 : -1;
    const out = { re: new Array<number>(n).fill(0), im: new Array<number>(n).fill(0) };
    for (let k = 0; k < n; k++) {
        for (let j = 0; j < n; j++) {
            const angle = (sign * 2 * Math.PI * j * k) / n;
            out.re[k] += re[j] * Math.cos(angle) - im[j] * Math.sin(angle);
            out.im[k] += re[j] * Math.sin(angle) + im[j] * Math.cos(angle);
        }
        if (inverse) { out.re[k] /= n; out.im[k] /= n; }
    }
    return out;
}

describe('GridDistribution', () => {
    it('discretises an exponential tail: mass e^(−(i−½)h) − e^(−(i+½)h), the rest on the last point', () => {
        const h = 0.25, size = 6;
        const d = GridDistribution.fromTail((t) => Math.exp(-t), h, size);
        const edge = (i: number) => Math.exp(-(i + 0.5) * h);
        const expected = [1 - edge(0), ...[1, 2, 3, 4].map((i) => edge(i - 1) - edge(i)), edge(4)];
        expectClose(d.mass, expected);
        expect(d.step).toBe(h);
    });

    it('clamps a tail outside [0, 1] and never lets it rise', () => {
        // P(T > t) = 2 for t < 1 (clamped to 1), then 0.4, then −1 (clamped to 0); a rise back to 0.9 is ignored.
        const d = GridDistribution.fromTail((t) => (t < 1 ? 2 : t < 2 ? 0.4 : t < 3 ? -1 : 0.9), 1, 5);
        expectClose(d.mass, [0, 0.6, 0.4, 0, 0]);
    });

    it('interpolates the CDF inside each point’s interval (masses 0.2, 0.3, 0.5 at 0, 1, 2)', () => {
        const d = grid(1, 0.2, 0.3, 0.5);
        // The interval of point i is [i − ½, i + ½]; the CDF rises linearly across it.
        const cases: [number, number][] = [[-1, 0], [-0.5, 0], [0, 0.1], [0.5, 0.2], [1, 0.35], [1.5, 0.5], [2, 0.75], [2.5, 1], [10, 1]];
        for (const [t, p] of cases) expect(d.cdf(t), `cdf(${t})`).toBeCloseTo(p, 12);
        expect(grid(2, 0.2, 0.3, 0.5).cdf(2)).toBeCloseTo(0.35, 12);
    });

    it('inverts the CDF in its quantiles', () => {
        const d = grid(1, 0.2, 0.3, 0.5);
        const cases: [number, number][] = [[0.05, 0], [0.1, 0], [0.2, 0.5], [0.35, 1], [0.5, 1.5], [0.75, 2], [1, 2.5]];
        for (const [q, t] of cases) expect(d.quantile(q), `quantile(${q})`).toBeCloseTo(t, 12);
        expect(grid(2, 0.2, 0.3, 0.5).quantile(0.75)).toBeCloseTo(4, 12);
        for (const t of [0.3, 0.9, 1.2, 2.1]) expect(d.quantile(d.cdf(t))).toBeCloseTo(t, 12);
    });

    it('finds a quantile in the last interval of a longer grid', () => {
        // Masses 0.1, 0.1, 0.1, 0.7: the 0.9-quantile lies 0.6/0.7 of the way through the last interval [2.5, 3.5].
        expect(grid(1, 0.1, 0.1, 0.1, 0.7).quantile(0.9)).toBeCloseTo(2.5 + 0.6 / 0.7, 12);
        expect(grid(1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.3).quantile(0.95)).toBeCloseTo(6.5 + 0.25 / 0.3, 12);
    });

    it('puts the 0-quantile of a distribution with no mass at 0 at time 0', () => {
        expect(grid(1, 0, 1).quantile(0)).toBe(0);
        expect(grid(1, 0, 0, 1).quantile(0.5)).toBeCloseTo(2, 12);
    });

    it('takes the largest of k draws as F(t)^k', () => {
        const d = grid(1, 0.2, 0.3, 0.5);
        expect(d.maxOf(1)).toBe(d);
        expect(d.maxOf(0)).toBe(d);
        // F = 0.2, 0.5, 1 → F² = 0.04, 0.25, 1; F³ = 0.008, 0.125, 1.
        expectClose(d.maxOf(2).mass, [0.04, 0.21, 0.75]);
        expectClose(d.maxOf(3).mass, [0.008, 0.117, 0.875]);
        expect(d.maxOf(2).step).toBe(1);
        // A cumulative mass rounded above 1 counts as 1.
        expectClose(grid(1, 0.6, 0.6).maxOf(2).mass, [0.36, 0.64]);
    });
});

describe('fft', () => {
    const x = [0.5, -1, 2, 0.25, 3, -0.75, 1, 4];
    const y = [1, 0, -2, 0.5, 0, 1.5, -1, 0.25];

    it('matches the DFT by its definition, forward and inverse', () => {
        for (const inverse of [false, true]) {
            for (const n of [1, 2, 4, 8]) {
                const re = Float64Array.from(x.slice(0, n)), im = Float64Array.from(y.slice(0, n));
                fft(re, im, inverse);
                const expected = naiveDft(x.slice(0, n), y.slice(0, n), inverse);
                expectClose(re, expected.re, 10);
                expectClose(im, expected.im, 10);
            }
        }
    });

    it('round-trips a 16-point vector', () => {
        const re = Float64Array.from({ length: 16 }, (_, i) => Math.sin(i) + i / 3), im = new Float64Array(16);
        const original = Float64Array.from(re);
        fft(re, im, false);
        fft(re, im, true);
        expectClose(re, original, 10);
        expectClose(im, new Float64Array(16), 10);
    });
});

describe('Spectrum', () => {
    it('zero-pads a distribution and transforms back to the same masses', () => {
        const back = Spectrum.of(grid(0.5, 0.2, 0.3, 0.5), 8).distribution(0.5);
        expectClose(back.mass, [0.2, 0.3, 0.5, 0, 0, 0, 0, 0]);
        expect(back.step).toBe(0.5);
        expectClose(Spectrum.of(grid(1, 0.25, 0.25, 0.5, 0), 2).distribution(1).mass, [0.5, 0.5]);
    });

    it('adds independent times by convolution: (0.2, 0.3, 0.5) ∗ (0.5, 0.5) = (0.1, 0.25, 0.4, 0.25)', () => {
        const sum = Spectrum.of(grid(1, 0.2, 0.3, 0.5), 8).times(Spectrum.of(grid(1, 0.5, 0.5), 8)).distribution(1);
        expectClose(sum.mass, [0.1, 0.25, 0.4, 0.25, 0, 0, 0, 0]);
        const shifted = Spectrum.of(grid(1, 0, 1), 4).times(Spectrum.of(grid(1, 0, 0, 0.5, 0.5), 4)).distribution(1);
        // Two steps plus one: the mass that passes the end wraps round to the start (circular).
        expectClose(shifted.mass, [0.5, 0, 0, 0.5]);
    });

    it('has the zero time as the identity of sums', () => {
        const d = grid(1, 0.2, 0.3, 0.5, 0);
        expectClose(Spectrum.zero(4).times(Spectrum.of(d, 4)).distribution(1).mass, d.mass);
        expectClose(Spectrum.zero(4).distribution(1).mass, [1, 0, 0, 0]);
    });

    it('mixes weighted parts, weights normalised, equal parts when all weigh nothing', () => {
        const a = Spectrum.of(grid(1, 1, 0, 0, 0), 4), b = Spectrum.of(grid(1, 0, 0, 1, 0), 4);
        expectClose(Spectrum.mixture([[1, a], [3, b]]).distribution(1).mass, [0.25, 0, 0.75, 0]);
        expectClose(Spectrum.mixture([[2, a], [6, b]]).distribution(1).mass, [0.25, 0, 0.75, 0]);
        expectClose(Spectrum.mixture([[0, a], [0, b]]).distribution(1).mass, [0.5, 0, 0.5, 0]);
        // With no weight at all each part counts 1/2: δ₀ → (1, 1, 1, 1), δ₂ → (1, −1, 1, −1).
        expectClose(Spectrum.mixture([[0, a], [0, b]]).re, [1, 0, 1, 0]);
        // Parts whose spectra are neither 0 nor ±1, and complex: (½, ½, 0, 0) → (1, ½ − ½i, 0, ½ + ½i).
        const halves = Spectrum.of(grid(1, 0.5, 0.5, 0, 0), 4);
        expectClose(halves.im, [0, -0.5, 0, 0.5]);
        expectClose(Spectrum.mixture([[1, halves], [1, a]]).distribution(1).mass, [0.75, 0.25, 0, 0]);
        expectClose(Spectrum.mixture([[3, halves], [1, b]]).distribution(1).mass, [0.375, 0.375, 0.25, 0]);
        const mixed = Spectrum.mixture([[1, a], [1, b]]);
        expectClose(mixed.re, [1, 0, 1, 0]);
        expectClose(mixed.im, [0, 0, 0, 0]);
    });

    it('leaves all masses at 0 when nothing positive is left after clipping', () => {
        const re = Float64Array.from([-0.25, -0.75, 0, 0]), im = new Float64Array(4);
        fft(re, im, false);
        expectClose(new Spectrum(re, im).distribution(1).mass, [0, 0, 0, 0]);
    });

    it('clips negative masses and renormalises on the way back', () => {
        const re = Float64Array.from([-0.1, 0.6, 0.5, 0]), im = new Float64Array(4);
        fft(re, im, false);
        expectClose(new Spectrum(re, im).distribution(1).mass, [0, 0.6 / 1.1, 0.5 / 1.1, 0]);
    });
});

describe('mg1Wait (Pollaczek–Khinchine on the grid)', () => {
    const step = 0.02, size = 4096;

    it('gives the M/M/1 wait: an atom 1 − ρ at 0, then P(W > t) = ρ·e^(−(1−ρ)t/E[S])', () => {
        for (const [rho, meanS] of [[0.5, 1], [0.8, 0.5], [0.2, 2]]) {
            const w = mg1Wait((t) => Math.exp(-t / meanS), meanS, rho, step, size);
            expect(w.mass[0], `atom at ρ=${rho}`).toBeCloseTo(1 - rho, 2);
            for (const t of [0.5, 1, 2, 5]) {
                expect(1 - w.cdf(t * meanS), `P(W > ${t}·E[S]) at ρ=${rho}`).toBeCloseTo(rho * Math.exp(-(1 - rho) * t), 2);
            }
            const mean = w.mass.reduce((sum, p, i) => sum + p * i * step, 0);
            // E[W] = ρ·E[S] / (1 − ρ) for exponential service.
            expect(mean / ((rho * meanS) / (1 - rho))).toBeCloseTo(1, 1);
        }
    });

    it('gives the M/D/1 mean wait ρ·D / (2(1 − ρ))', () => {
        const d = 1, rho = 0.6;
        const w = mg1Wait((t) => (t < d ? 1 : 0), d, rho, step, size);
        const mean = w.mass.reduce((sum, p, i) => sum + p * i * step, 0);
        expect(mean).toBeCloseTo((rho * d) / (2 * (1 - rho)), 1);
        expect(w.mass[0]).toBeCloseTo(1 - rho, 2);
    });

    it('weighs each residual interval by Simpson’s rule on a coarse grid', () => {
        // Residual of Exp(1) is Exp(1): point 0 holds [0, ½h], point i holds [(i−½)h, (i+½)h]. At ρ → 0
        // the wait is 0; at ρ = 0.5 the atom at 0 is (1 − ρ) plus ρ(1 − ρ)·r₀ + … — so compare the
        // first two masses with the series Σ (1 − ρ)ρ^k r^{*k} summed by hand to second order.
        const h = 0.5, n = 256, rho = 0.5;
        const w = mg1Wait((t) => Math.exp(-t), 1, rho, h, n);
        const r0 = 1 - Math.exp(-h / 2), r1 = Math.exp(-h / 2) - Math.exp(-1.5 * h);
        const terms = (k: number) => (1 - rho) * rho ** k;
        // P(W at 0) = Σ_k (1−ρ)ρ^k r0^k = (1−ρ) / (1 − ρ·r0); P(W at h) = Σ_k (1−ρ)ρ^k·k·r0^(k−1)·r1.
        expect(w.mass[0]).toBeCloseTo((1 - rho) / (1 - rho * r0), 4);
        let atH = 0;
        for (let k = 1; k < 60; k++) atH += terms(k) * k * r0 ** (k - 1) * r1;
        expect(w.mass[1]).toBeCloseTo(atH, 4);
    });
});
