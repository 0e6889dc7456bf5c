/**
 * Seeded randomness for the simulator: xoshiro128** (fast 32-bit generator, good statistics),
 * exponential variates by Marsaglia & Tsang's ziggurat (no logarithm on 99% of draws: service
 * times are the engine's most frequent draw), and a Zipf sampler by rejection-inversion
 * (Hörmann & Derflinger 1996), O(1) per draw for key spaces of any size.
 */

/** A seeded xoshiro128** generator; the only source of randomness in a simulation. */
export class Rng {
    private a: number;
    private b: number;
    private c: number;
    private d: number;
    private spare = NaN;

    constructor(seed: number) {
        // splitmix32 spreads the seed over the four words (never all zero).
        let s = (Math.floor(Math.abs(seed)) ^ 0x6d2b79f5) >>> 0;
        const next = () => {
            s = (s + 0x9e3779b9) >>> 0;
            let z = s;
            z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
            z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
            return (z ^ (z >>> 15)) >>> 0;
        };
        this.a = next(); this.b = next(); this.c = next(); this.d = next() | 1;
    }

    /** A uniform 32-bit unsigned integer. */
    u32(): number {
        const r = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
        const t = this.b << 9;
        this.c ^= this.a; this.d ^= this.b; this.b ^= this.c; this.a ^= this.d;
        this.c ^= t;
        this.d = rotl(this.d, 11);
        return r;
    }

    /** A uniform double in (0, 1): never 0, so logarithms are safe. */
    next(): number {
        return (this.u32() + 0.5) * 2.3283064365386963e-10;
    }

    /** A uniform integer in [0, n). */
    int(n: number): number {
        return Math.floor(this.next() * n);
    }

    /** An exponential variate with the given mean (ziggurat, 256 layers). */
    exp(mean: number): number {
        const j = this.u32();
        const i = j & 255;
        if (j < KE[i]) return j * WE[i] * mean;
        return this.expTail(j, i) * mean;
    }

    /** The ziggurat's rare path: the base strip's tail, or a wedge tested against e^-x. */
    private expTail(j: number, i: number): number {
        for (;;) {
            if (i === 0) return ZIGGURAT_R - Math.log(this.next());
            const x = j * WE[i];
            if (FE[i] + this.next() * (FE[i - 1] - FE[i]) < Math.exp(-x)) return x;
            j = this.u32();
            i = j & 255;
            if (j < KE[i]) return j * WE[i];
        }
    }

    /** A standard normal variate (Marsaglia's polar method, the spare kept). */
    normal(): number {
        if (this.spare === this.spare) {
            const v = this.spare;
            this.spare = NaN;
            return v;
        }
        let u: number, v: number, s: number;
        do {
            u = this.next() * 2 - 1;
            v = this.next() * 2 - 1;
            s = u * u + v * v;
        } while (s >= 1);
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        this.spare = v * f;
        return u * f;
    }
}

/** Start of the exponential ziggurat's tail, and the tables of its 256 layers (Marsaglia & Tsang 2000). */
const ZIGGURAT_R = 7.697117470131487;
const KE = new Float64Array(256), WE = new Float64Array(256), FE = new Float64Array(256);
{
    const m = 4294967296, v = 3.949659822581572e-3;
    let d = ZIGGURAT_R, t = d;
    const q = v / Math.exp(-d);
    KE[0] = (d / q) * m; KE[1] = 0;
    WE[0] = q / m; WE[255] = d / m;
    FE[0] = 1; FE[255] = Math.exp(-d);
    for (let i = 254; i >= 1; i--) {
        d = -Math.log(v / d + Math.exp(-d));
        KE[i + 1] = (d / t) * m;
        t = d;
        FE[i] = Math.exp(-d);
        WE[i] = d / m;
    }
}

function rotl(x: number, k: number): number {
    return (x << k) | (x >>> (32 - k));
}

/** Draws popularity ranks 1..n with P(k) ∝ k^-s (s = 0: uniform) by rejection-inversion. */
export class ZipfSampler {
    private readonly hX1: number;
    private readonly hN: number;
    private readonly threshold: number;

    constructor(readonly n: number, readonly s: number) {
        this.hX1 = this.hIntegral(1.5) - 1;
        this.hN = this.hIntegral(n + 0.5);
        this.threshold = 2 - this.hIntegralInverse(this.hIntegral(2.5) - this.h(2));
    }

    /** One rank in 1..n. */
    sample(rng: Rng): number {
        const n = this.n;
        if (this.s === 0) return 1 + Math.floor(rng.next() * n);
        for (;;) {
            const u = this.hN + rng.next() * (this.hX1 - this.hN);
            const x = this.hIntegralInverse(u);
            let k = Math.floor(x + 0.5);
            if (k < 1) k = 1;
            else if (k > n) k = n;
            if (k - x <= this.threshold || u >= this.hIntegral(k + 0.5) - this.h(k)) return k;
        }
    }

    private h(x: number): number {
        return Math.exp(-this.s * Math.log(x));
    }

    /** ∫ x^-s, written to stay accurate as s → 1. */
    private hIntegral(x: number): number {
        const logX = Math.log(x);
        return helper2((1 - this.s) * logX) * logX;
    }

    private hIntegralInverse(x: number): number {
        let t = x * (1 - this.s);
        if (t < -1) t = -1;
        return Math.exp(helper1(t) * x);
    }
}

/** log1p(x) / x, continuous at 0. */
function helper1(x: number): number {
    return Math.abs(x) > 1e-8 ? Math.log1p(x) / x : 1 - x * (0.5 - x * (1 / 3 - 0.25 * x));
}

/** expm1(x) / x, continuous at 0. */
function helper2(x: number): number {
    return Math.abs(x) > 1e-8 ? Math.expm1(x) / x : 1 + x * 0.5 * (1 + (x / 3) * (1 + 0.25 * x));
}
