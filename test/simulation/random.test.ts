/** The seeded generators: reproducible streams, exponential (ziggurat) and normal variates with the right law. */
import { describe, expect, it } from 'vitest';
import { Rng, ZipfSampler } from '../../language-server/simulation/random.js';

describe('Rng', () => {
    it('repeats a stream for a seed and differs across seeds', () => {
        const a = new Rng(42), b = new Rng(42), c = new Rng(43);
        const draw = (r: Rng) => Array.from({ length: 8 }, () => r.u32());
        const first = draw(a);
        expect(draw(b)).toEqual(first);
        expect(draw(c)).not.toEqual(first);
    });

    it('draws exponential variates with the exponential tail, including the ziggurat base strip', () => {
        const rng = new Rng(7), n = 2_000_000;
        const over = [0.5, 1, 3, 8, 10].map((x) => ({ x, count: 0 }));
        let sum = 0;
        for (let i = 0; i < n; i++) {
            const v = rng.exp(2);
            sum += v;
            for (const o of over) if (v > 2 * o.x) o.count++;
        }
        expect(Math.abs(sum / n / 2 - 1)).toBeLessThan(0.003);
        for (const { x, count } of over) {
            const p = Math.exp(-x);
            expect(Math.abs(count / n - p), `P(X > ${x} mean)`).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
        }
    });

    it('draws standard normals', () => {
        const rng = new Rng(8), n = 400_000;
        let sum = 0, squares = 0, beyond = 0;
        for (let i = 0; i < n; i++) {
            const z = rng.normal();
            sum += z;
            squares += z * z;
            if (z > 2.3263478740) beyond++;
        }
        expect(Math.abs(sum / n)).toBeLessThan(0.01);
        expect(Math.abs(squares / n - 1)).toBeLessThan(0.01);
        expect(Math.abs(beyond / n - 0.01)).toBeLessThan(0.001);
    });

    it('draws uniform integers in [0, n) with equal frequencies', () => {
        const rng = new Rng(9), n = 7, draws = 140_000, counts = new Array<number>(n).fill(0);
        for (let i = 0; i < draws; i++) counts[rng.int(n)]++;
        const p = 1 / n;
        for (const c of counts) expect(Math.abs(c / draws - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / draws));
    });
});

describe('ZipfSampler', () => {
    // P(k) = k^-s / sum_{j=1..n} j^-s, the normaliser summed by brute force.
    for (const [n, s] of [[10, 0], [10, 0.5], [10, 1], [50, 1.3], [3, 2.5]]) {
        it(`draws ranks 1..${n} with P(k) proportional to k^-${s}`, () => {
            const sampler = new ZipfSampler(n, s), rng = new Rng(11), draws = 200_000;
            const counts = new Array<number>(n + 2).fill(0);
            for (let i = 0; i < draws; i++) {
                const k = sampler.sample(rng);
                counts[k >= 1 && k <= n ? k : n + 1]++;
            }
            expect(counts[0] + counts[n + 1], 'ranks outside 1..n').toBe(0);
            let norm = 0;
            for (let j = 1; j <= n; j++) norm += j ** -s;
            for (let k = 1; k <= n; k++) {
                const p = k ** -s / norm;
                expect(Math.abs(counts[k] / draws - p), `P(${k})`).toBeLessThan(4.5 * Math.sqrt((p * (1 - p)) / draws));
            }
        });
    }
});
