/** The simulation report (report.ts) from a hand-set engine: every figure against hand-worked arithmetic. */
import { describe, expect, it } from 'vitest';
import type { ArchFlow } from '../../language-server/model/types.js';
import type { Engine } from '../../language-server/simulation/engine.js';
import { availabilityObjective, buildReport, latencyObjectives, QUANTILES, round, summarise, type ReportHead } from '../../language-server/simulation/report.js';
import { DEPTH_POINTS } from '../../language-server/simulation/setup.js';
import type { Histogram } from '../../language-server/simulation/histogram.js';

/** A histogram whose mean and quantiles are given: the report only reads count, mean() and percentile(). */
function hist(count: number, meanS = 0, quantileS: (q: number) => number = () => 0): Histogram {
    return { count, mean: () => meanS, percentile: quantileS } as unknown as Histogram;
}

function flow(name: string, latencyS: Record<string, number> = {}, availability?: number): ArchFlow {
    return { name, objectives: { latencyS, availability } } as unknown as ArchFlow; // only the name and objectives are read
}

describe('round', () => {
    it('keeps 6 significant digits and turns non-finite numbers into 0', () => {
        expect([round(1 / 3), round(123456789), round(0.000123456789), round(2), round(-2.5e-7)]).toEqual([0.333333, 123457000, 0.000123457, 2, -2.5e-7]);
        expect([round(Infinity), round(-Infinity), round(NaN)]).toEqual([0, 0, 0]);
    });
});

describe('summarise', () => {
    it('gives the mean and the 50th, 95th and 99th percentiles in milliseconds', () => {
        const h = hist(10, 0.0123456789, (q) => ({ 0.5: 0.01, 0.95: 0.0301, 0.99: 1 / 30 })[q]!);
        expect(summarise(h)).toEqual({ mean: 12.3457, p50: 10, p95: 30.1, p99: 33.3333 });
    });
});

describe('objectives', () => {
    it('judges each latency objective on its quantile, in percentile order, met at or below the target', () => {
        expect(QUANTILES).toEqual({ p50: 0.5, p90: 0.9, p95: 0.95, p99: 0.99, p999: 0.999 });
        const f = flow('f', { p999: 1, p99: 0.3, p50: 0.1 });
        const quantileMs = (q: number) => ({ 0.5: 100, 0.99: 300.0000001, 0.999: 999 })[q]!;
        expect(latencyObjectives(f, quantileMs)).toEqual([
            { objective: 'p50', target: 100, value: 100, met: true },
            // 300.0000001 ms is judged as reported, rounded to 300: a 300 ms objective is met.
            { objective: 'p99', target: 300, value: 300, met: true },
            { objective: 'p999', target: 1000, value: 999, met: true },
        ]);
        expect(latencyObjectives(flow('g', { p90: 0.05 }), () => 50.01, 'api')).toEqual([{ objective: 'p90', target: 50, value: 50.01, met: false, tier: 'api' }]);
        // Without a tier the result has no `tier` key at all (not one set to undefined).
        expect(latencyObjectives(flow('g', { p90: 0.05 }), () => 50)).toStrictEqual([{ objective: 'p90', target: 50, value: 50, met: true }]);
        expect(latencyObjectives(flow('h'), () => 1)).toEqual([]);
    });

    it('judges availability met at or above its target, and not at all without a target or a value', () => {
        expect(availabilityObjective(flow('f', {}, 0.99), 0.99)).toEqual([{ objective: 'availability', target: 0.99, value: 0.99, met: true }]);
        expect(availabilityObjective(flow('f', {}, 0.99), 0.98999999, { tier: 'db', scenario: 's' }))
            .toEqual([{ objective: 'availability', target: 0.99, value: 0.99, met: false, tier: 'db', scenario: 's' }]);
        expect(availabilityObjective(flow('f', {}, 0.99), undefined)).toEqual([]);
        expect(availabilityObjective(flow('f'), 0.5)).toEqual([]);
    });
});

/** Pools as the report reads them. */
function pools(...specs: { servers: number; busyTime: number; id: number; completions?: number; applied?: number }[]) {
    return specs.map((p) => ({ completions: 0, applied: 0, ...p }));
}

/** A runtime as the report reads it, with zero counters unless given. */
function runtime(name: string, kind: string, fields: Record<string, unknown>) {
    return {
        component: { name, kind }, stations: [], balanced: false, copies: false, serversPerUnit: 1, units: 1,
        completions: 0, hist: hist(0), failed: 0, arrivals: 0, retries: 0, timeouts: 0, reads: 0, writes: 0,
        hits: 0, misses: 0, lostWrites: 0, collapsed: 0, ...fields,
    };
}

/** An engine after a run with warm-up 10 s and duration 70 s: a 60 s measured window. */
function engine(booked: number[] = []) {
    const timeline = { offered: new Float64Array(DEPTH_POINTS), completed: new Float64Array(DEPTH_POINTS), failed: new Float64Array(DEPTH_POINTS) };
    timeline.offered[0] = 7; timeline.completed[1] = 14; timeline.failed[59] = 3.5;
    const series = new Float64Array(DEPTH_POINTS).map((_, i) => i + 100);
    const e = {
        model: { name: 'shop', flows: [flow('checkout', { p99: 0.05 }, 0.9), flow('browse', { p50: 1 }, 0.5)] },
        config: { warmupS: 10, durationS: 70 },
        bookedAfter: (end: number) => { e.bookedAsked.push(end); return Float64Array.from(booked); },
        bookedAsked: [] as number[],
        hist: hist(1500, 0.02, (q) => q / 10),
        flows: [{ hist: hist(900, 0.01, (q) => q / 10), failed: 100 }, { hist: hist(0), failed: 0 }],
        runtimes: [
            runtime('web', 'client', { completions: 999 }),
            // One shared pool of 2 servers × 3 units, 180 server-seconds busy of 6 × 60.
            runtime('api', 'service', {
                serversPerUnit: 2, units: 3, stations: [{ instant: false, pools: pools({ servers: 6, busyTime: 180, id: 0 }) }],
                completions: 1200, arrivals: 2400, retries: 4, timeouts: 2, failed: 5, reads: 900, writes: 300, hist: hist(1200, 0.004, () => 0.001),
            }),
            // Behind a balancer: two pools of one server, 30 s and 54 s busy of 60.
            runtime('lb', 'service', { balanced: true, serversPerUnit: 1, units: 2, stations: [{ instant: false, pools: pools({ servers: 1, busyTime: 30, id: 1 }, { servers: 1, busyTime: 54, id: 2 }) }] }),
            // Copies on two shards of two replicas: each replica's operations summed over the shards.
            runtime('db', 'database', {
                copies: true, serversPerUnit: 4, units: 2, router: {},
                stations: [
                    { instant: false, pools: pools({ servers: 4, busyTime: 120, id: 3, completions: 600, applied: 60 }, { servers: 4, busyTime: 60, id: 4, completions: 0, applied: 600 }) },
                    { instant: false, pools: pools({ servers: 4, busyTime: 240, id: 5, completions: 1200, applied: 0 }, { servers: 4, busyTime: 0, id: 6, completions: 0, applied: 1200 }) },
                ],
            }),
            runtime('instant', 'service', { stations: [{ instant: true, pools: pools({ servers: 1, busyTime: 99, id: 7 }) }] }),
            runtime('unbounded', 'service', { stations: [{ instant: false, pools: pools({ servers: Infinity, busyTime: 99, id: 8 }) }] }),
            runtime('c', 'cache', { caches: [], hits: 3, misses: 1, lostWrites: 2, collapsed: 6, cacheMode: 'simulated' }),
            runtime('edge', 'cdn', { hits: 0, misses: 0 }),
            runtime('q', 'queue', { queue: { maxDepth: 9, deadLettered: 1, endDepth: 7, lost: 2, dropped: 3, series, lastSlice: 20 } }),
        ],
        offered: 2000, failed: 300, open: 200, events: 123456, timeline,
    };
    return e;
}

const head: ReportHead = { scenario: 'peak', seed: 5, durationS: 70, warmupS: 10, load: { basis: 'factor', factor: 1.5, rps: 1234.56789 } };

describe('buildReport', () => {
    it('reports a whole run: rates over the 60 s window, utilisation of nominal capacity, every section', () => {
        const e = engine();
        const r = buildReport(e as unknown as Engine, head, [], 70);
        expect(e.bookedAsked).toEqual([]); // nothing booked past the window's end is taken back
        expect({ ...r, components: undefined, flows: undefined, queues: undefined, caches: undefined, shards: undefined, timeline: undefined }).toEqual({
            system: 'shop', scenario: 'peak', seed: 5, durationS: 70, mode: 'simulation',
            requests: { offered: 2000, completed: 1500, failed: 300, inFlight: 200 },
            throughputRps: 25, availability: 0.75, latencyMs: { mean: 20, p50: 50, p95: 95, p99: 99 },
            limitsHit: [], simulatedS: 70, events: 123456, load: { basis: 'factor', factor: 1.5, rps: 1234.57 }, warmupS: 10,
            components: undefined, flows: undefined, queues: undefined, caches: undefined, shards: undefined, timeline: undefined,
        });
        expect(r.flows).toEqual({
            checkout: {
                throughputRps: 15, latencyMs: { mean: 10, p50: 50, p95: 95, p99: 99 }, failed: 100,
                // p99 99 ms against 50 ms; availability 900 of 1000 finished = 0.9, its target.
                objectives: [{ objective: 'p99', target: 50, value: 99, met: false }, { objective: 'availability', target: 0.9, value: 0.9, met: true }],
            },
            // Nothing finished: no objective can be judged.
            browse: { throughputRps: 0, latencyMs: { mean: 0, p50: 0, p95: 0, p99: 0 }, failed: 0 },
        });
        expect(Object.keys(r.components)).toEqual(['api', 'lb', 'db', 'instant', 'unbounded', 'c', 'edge', 'q']);
        expect(r.components.api).toEqual({
            utilisation: 0.5, throughputRps: 20, latencyMs: { mean: 4, p50: 1, p95: 1, p99: 1 }, maxUtilisation: 0.5, failed: 5,
            callsPerRequest: 1.2, retries: 4, timeouts: 2, readRps: 15, writeRps: 5,
        });
        expect([r.components.lb.utilisation, r.components.lb.maxUtilisation]).toEqual([0.7, 0.9]);
        // Copies: each replica's pool has serversPerUnit (4) servers. Busy 420 of 4 pools × 4 × 60 = 960.
        expect([r.components.db.utilisation, r.components.db.maxUtilisation]).toEqual([0.4375, 1]);
        expect(r.components.db.replicaRps).toEqual([31, 30]);
        expect(r.components.api.replicaRps).toBeUndefined();
        for (const name of ['instant', 'unbounded']) expect([r.components[name].utilisation, r.components[name].maxUtilisation]).toEqual([0, 0]);
        expect(r.caches).toEqual({ c: { hitRate: 0.75, lostWrites: 2, collapsed: 6, model: 'simulated' }, edge: { hitRate: 0, lostWrites: 0, collapsed: 0, model: 'hit_ratio' } });
        // A shard's load counts the completions of its pools (not the applied copies): 600 and 1200 over 60 s.
        expect(r.shards).toEqual({ db: { loadRps: [10, 20], maxOverMean: 1.33333 } });
        // The window ran to its end: the series as measured up to slice 20, the end depth after it.
        expect(r.queues.q).toEqual({
            maxDepth: 9, deadLettered: 1, depth: 7, lost: 2, dropped: 3,
            depthOverTime: Array.from({ length: 60 }, (_, i) => (i <= 20 ? i + 100 : 7)),
        });
        // 60 slices of 70/60 s: 7 → 6/s, 14 → 12/s, 3.5 → 3/s.
        expect(r.timeline.offeredRps.slice(0, 2)).toEqual([6, 0]);
        expect(r.timeline.completedRps.slice(0, 3)).toEqual([0, 12, 0]);
        expect(r.timeline.failedRps[59]).toBe(3);
        expect(r.timeline.offeredRps.length).toBe(60);
    });

    it('reports a run stopped at 40 s: rates over 30 s, service booked past 40 s taken back, the depth series cut at slice 34', () => {
        const e = engine([30, 0, 24, 0, 0, 0, 0, 0, 0]);
        const r = buildReport(e as unknown as Engine, head, ['events'], 40);
        expect(e.bookedAsked).toEqual([40]);
        expect([r.throughputRps, r.simulatedS, r.limitsHit]).toEqual([50, 40, ['events']]);
        // api: 180 − 30 = 150 of 6 × 30 server-seconds.
        expect([r.components.api.utilisation, r.components.api.throughputRps]).toEqual([0.833333, 40]);
        // lb: (30 + 30) of 2 × 30; the busier pool 30 of 30.
        expect([r.components.lb.utilisation, r.components.lb.maxUtilisation]).toEqual([1, 1]);
        // Slice of 40 s in a 70 s run of 60 slices: floor(34.29) = 34.
        expect(r.queues.q.depthOverTime).toEqual(Array.from({ length: 60 }, (_, i) => (i <= 20 ? i + 100 : i <= 34 ? 7 : 0)));
    });

    it('has availability 1 with nothing offered and a floor on the window so that rates stay finite', () => {
        const e = engine();
        e.offered = 0;
        const r = buildReport(e as unknown as Engine, { ...head, warmupS: 10 }, [], 10);
        expect(r.availability).toBe(1);
        expect(r.components.api.callsPerRequest).toBe(0);
        // A window of 0 s counts as 1e-12 s: 1500 completions over it.
        expect(r.throughputRps).toBe(1.5e15);
    });

    it('caps the depth series at its last slice when the window is the whole run', () => {
        const e = engine();
        (e.runtimes[8] as unknown as { queue: { lastSlice: number } }).queue.lastSlice = 59;
        const r = buildReport(e as unknown as Engine, head, [], 70);
        expect(r.queues.q.depthOverTime).toEqual(Array.from({ length: 60 }, (_, i) => i + 100));
    });
});
