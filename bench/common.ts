/** Benchmark plumbing: medians after a warm-up, reported as rows. */
import { performance } from 'node:perf_hooks';

/** One measured figure. */
export interface BenchRow {
    name: string;
    /** Median of the timed runs, in milliseconds. */
    medianMs: number;
    runs: number;
    /** Median CPU time (user + system, all threads) of the same runs: on shared cores it moves far less than the wall clock. */
    cpuMs?: number;
    /** The bar from quality.md or a peer's figure, for the report. */
    bar?: string;
    /** Extra figures (events/s, ratios). */
    note?: string;
}

/** The median of `values`. */
export function median(values: readonly number[]): number {
    return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

/** Times `fn` `runs` times after `warmup` untimed runs; returns the medians of wall-clock and CPU time in ms. */
export async function measure(fn: () => unknown | Promise<unknown>, { warmup = 2, runs = 7 } = {}): Promise<{ medianMs: number; cpuMs: number; runs: number }> {
    for (let i = 0; i < warmup; i++) await fn();
    const times: number[] = [], cpu: number[] = [];
    for (let i = 0; i < runs; i++) {
        const start = performance.now(), startCpu = process.cpuUsage();
        await fn();
        const used = process.cpuUsage(startCpu);
        times.push(performance.now() - start);
        cpu.push((used.user + used.system) / 1000);
    }
    return { medianMs: median(times), cpuMs: median(cpu), runs };
}
