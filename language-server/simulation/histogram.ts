/**
 * A streaming log-bucketed histogram (HdrHistogram-style): the bucket is read off the float's
 * exponent and top 7 mantissa bits (buckets 0.8% wide), and a percentile interpolates the
 * rank linearly inside its bucket, so it lands within a small fraction of a bucket of the
 * exact sample quantile (not on a bucket's midpoint). Memory is fixed whatever the run length.
 */

const MANTISSA_BITS = 7;
/** Smallest and largest binary exponents kept (~60 ns .. ~18 h); others are clamped. */
const EXP_MIN = 1023 - 24;
const EXP_MAX = 1023 + 16;
const BUCKETS = (EXP_MAX - EXP_MIN + 1) << MANTISSA_BITS;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
/** Index of the high word of a double in the shared view (endianness of the host). */
const HI = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 1 : 0;

/** Streaming distribution of non-negative values (seconds): count, mean and percentiles. */
export class Histogram {
    /** Allocated on the first positive value: many histograms stay empty. */
    private counts: Uint32Array | undefined;
    private zeros = 0;
    /** Values recorded. */
    count = 0;
    /** Sum of the values recorded. */
    sum = 0;

    /** Records one value. */
    record(x: number): void {
        this.count++;
        this.sum += x;
        if (!(x > 0)) {
            this.zeros++;
            return;
        }
        f64[0] = x;
        const hi = u32[HI];
        let e = (hi >>> 20) & 0x7ff;
        let m = (hi >>> (20 - MANTISSA_BITS)) & ((1 << MANTISSA_BITS) - 1);
        if (e < EXP_MIN) { e = EXP_MIN; m = 0; }
        else if (e > EXP_MAX) { e = EXP_MAX; m = (1 << MANTISSA_BITS) - 1; }
        (this.counts ??= new Uint32Array(BUCKETS))[((e - EXP_MIN) << MANTISSA_BITS) | m]++;
    }

    /** Mean of the values (0 when empty). */
    mean(): number {
        return this.count ? this.sum / this.count : 0;
    }

    /** The q-quantile (0..1), the rank interpolated inside the bucket that holds it (0 when empty). */
    percentile(q: number): number {
        if (!this.count) return 0;
        const rank = q * this.count;
        let seen = this.zeros;
        const counts = this.counts;
        if (seen >= rank || !counts) return 0;
        for (let b = 0; b < BUCKETS; b++) {
            const n = counts[b];
            if (seen + n >= rank) {
                // The bucket's values taken as spread evenly over it: the rank's share of its width.
                const low = bucketLow(b);
                return low + (bucketLow(b + 1) - low) * ((rank - seen) / n);
            }
            seen += n;
        }
        return bucketLow(BUCKETS);
    }
}

/** The lower edge of bucket `b`. */
function bucketLow(b: number): number {
    const e = (b >>> MANTISSA_BITS) + EXP_MIN - 1023;
    const m = b & ((1 << MANTISSA_BITS) - 1);
    return Math.pow(2, e) * (1 + m / (1 << MANTISSA_BITS));
}
