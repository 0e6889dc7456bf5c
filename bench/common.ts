/** Benchmark plumbing: medians after a warm-up, reported as rows. */
import { performance } from 'node:perf_hooks';

/** One measured figure. */
export interface BenchRow {
    name: string;
    /** Median of the timed runs, in milliseconds. */
    medianMs: number;
    runs: number;
    /** The bar from quality.md or a peer's figure, for the report. */
    bar?: string;
    /** Extra figures (events/s, ratios). */
    note?: string;
}

/** Times `fn` `runs` times after `warmup` untimed runs; returns the median in ms. */
export async function measure(fn: () => unknown | Promise<unknown>, { warmup = 2, runs = 7 } = {}): Promise<{ medianMs: number; runs: number }> {
    for (let i = 0; i < warmup; i++) await fn();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
        const start = performance.now();
        await fn();
        times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return { medianMs: times[Math.floor(times.length / 2)], runs };
}
