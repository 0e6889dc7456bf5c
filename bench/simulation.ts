/** Simulator benchmarks: engine events per second, 1M requests through 10 tiers, memory over a long run. */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runSimulation } from '../language-server/simulation/run.js';
import { measure, type BenchRow } from './common.js';
import { chain, modelOf } from './simulation-models.js';

/** Peak memory of one long run in a fresh process. */
function memoryOf(seconds: number): { requests: number; beforeMb: number; peakMb: number } {
    const script = fileURLToPath(new URL('./simulation-memory.js', import.meta.url));
    return JSON.parse(execFileSync(process.execPath, [script, String(seconds)], { encoding: 'utf8' }));
}

/** Engine throughput and the quality.md bars for the simulator. */
export async function bench(): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    const tenTiers = await modelOf(chain(10, 100_000));
    let events = 0;
    const million = await measure(async () => {
        const report = await runSimulation(tenTiers, { durationS: 10 });
        events = report.events;
    }, { warmup: 1, runs: 5 });
    rows.push({ name: `1M requests through a 10-tier model (${(events / 1e6).toFixed(1)}M events)`, ...million, bar: '≤ 2000 ms (quality.md)' });
    rows.push({
        name: 'simulator engine events per second (10-tier run)', medianMs: million.medianMs, runs: million.runs,
        bar: '≥ 3M events/s (quality.md)', note: `${(events / million.medianMs / 1000).toFixed(2)}M events/s`,
    });

    // Every hop a guarded call (a call job, a timeout timer): the cost of simulating timeouts and retries.
    const guarded = await modelOf(chain(10, 100_000, 'timeout 1s retries 2'));
    let guardedEvents = 0;
    const withGuards = await measure(async () => {
        guardedEvents = (await runSimulation(guarded, { durationS: 10 })).events;
    }, { warmup: 1, runs: 3 });
    rows.push({
        name: `1M requests through 10 tiers, every hop with a timeout and retries (${(guardedEvents / 1e6).toFixed(1)}M events)`, ...withGuards,
        note: `${(guardedEvents / withGuards.medianMs / 1000).toFixed(2)}M events/s`,
    });

    // The same process shape at 1M and 10M requests: memory must not grow with run length.
    const short = memoryOf(20);
    const long = memoryOf(200);
    rows.push({
        name: `${(long.requests / 1e6).toFixed(0)}M requests, one tier: memory (own process)`, medianMs: NaN, runs: 1,
        bar: '≤ 150 MB for 10M requests (quality.md)',
        note: `peak RSS ${long.peakMb.toFixed(0)} MB (${long.beforeMb.toFixed(0)} MB before the run); ${(short.requests / 1e6).toFixed(0)}M requests peak at ${short.peakMb.toFixed(0)} MB`,
    });
    return rows;
}
