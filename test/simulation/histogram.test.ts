/**
 * The streaming histogram against hand-worked bucket edges: a bucket spans 1/128 of its power
 * of two (value 2^e·(1 + m/128) up to 2^e·(1 + (m+1)/128)), and a percentile interpolates the
 * rank linearly inside it; values below 2^-24 s and above 2^17 s are clamped to the end buckets.
 */
import { describe, expect, it } from 'vitest';
import { Histogram } from '../../language-server/simulation/histogram.js';
import { Rng } from '../../language-server/simulation/random.js';

function of(...xs: number[]): Histogram {
    const h = new Histogram();
    for (const x of xs) h.record(x);
    return h;
}

describe('Histogram', () => {
    it('is zero when empty', () => {
        const h = new Histogram();
        expect([h.count, h.sum, h.mean(), h.percentile(0.5), h.percentile(1)]).toEqual([0, 0, 0, 0, 0]);
    });

    it('counts zeros and negatives below every positive value, and in the mean', () => {
        const h = of(0, 0, -1, 1);
        expect([h.count, h.sum, h.mean()]).toEqual([4, 0, 0]);
        // Rank 2 of 4 falls among the three non-positive values.
        expect(h.percentile(0.5)).toBe(0);
        expect(h.percentile(0.75)).toBe(0);
        // Rank 4: the one value in [1, 1 + 1/128), all of its share taken: the bucket's top.
        expect(h.percentile(1)).toBe(1 + 1 / 128);
        expect(of(0, 0).percentile(1)).toBe(0);
    });

    it('interpolates the rank inside a bucket', () => {
        // 3 = 2·(1 + 64/128): bucket [3, 3 + 2/128); rank 0.5 of 1 is half-way.
        expect(of(3).percentile(0.5)).toBe(3 + 1 / 128);
        // Rank 0 is reached before any bucket: 0.
        expect(of(3).percentile(0)).toBe(0);
        // Two 1s and two 2s: rank 1 is half of the bucket [1, 1 + 1/128), rank 3 half of [2, 2 + 2/128).
        const h = of(2, 1, 2, 1);
        expect(h.percentile(0.25)).toBe(1 + 1 / 256);
        expect(h.percentile(0.5)).toBe(1 + 1 / 128);
        expect(h.percentile(0.75)).toBe(2 + 1 / 128);
        expect(h.mean()).toBe(1.5);
    });

    it('keeps the top mantissa bits at the range ends and clamps beyond them', () => {
        // 1.5·2^-24 is the smallest exponent kept: its own bucket [1.5·2^-24, (1.5 + 1/128)·2^-24), half-way at 1.5·2^-24 + 2^-32.
        expect(of(1.5 * 2 ** -24).percentile(0.5)).toBe(1.5 * 2 ** -24 + 2 ** -32);
        // 2^-25 and 1e-12 are below it: clamped into the first bucket [2^-24, (1 + 1/128)·2^-24).
        expect(of(2 ** -25).percentile(1)).toBe(2 ** -24 * (1 + 1 / 128));
        expect(of(1e-12).percentile(1)).toBe(2 ** -24 * (1 + 1 / 128));
        // 1.5·2^16 is the largest exponent kept: bucket [98304, 98304 + 512).
        expect(of(1.5 * 2 ** 16).percentile(0.5)).toBe(98304 + 256);
        // 2^17 and 1e6 are above it: the last bucket [2^16·255/128, 2^17) = [130560, 131072).
        expect(of(2 ** 17).percentile(0.5)).toBe(130816);
        expect(of(1e6).percentile(0.5)).toBe(130816);
        expect(of(1e6).percentile(1)).toBe(131072);
    });

    it('lands within a bucket of the exact sample quantile', () => {
        const rng = new Rng(5), xs: number[] = [];
        const h = new Histogram();
        for (let i = 0; i < 20_000; i++) {
            const x = rng.exp(0.01);
            xs.push(x);
            h.record(x);
        }
        xs.sort((a, b) => a - b);
        for (const q of [0.1, 0.5, 0.9, 0.99, 0.999]) {
            const exact = xs[Math.ceil(q * xs.length) - 1];
            expect(Math.abs(h.percentile(q) / exact - 1), `q=${q}`).toBeLessThan(1 / 128);
        }
        expect(h.mean()).toBeCloseTo(xs.reduce((a, b) => a + b, 0) / xs.length, 12);
    });
});
