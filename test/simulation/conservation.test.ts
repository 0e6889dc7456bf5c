/**
 * One story: on random models (fan-out, async forks, queues whose workers call on, caches,
 * partitioned stores, balancers, flows and no flows; and the v2 language's `[xN]`, `[P%]`,
 * `[read]`/`[write]` calls, leaders, `sync K` replicas and per-store keys) every component's
 * simulated throughput — reads and writes apart, and on each replica of a store whose
 * replicas apply every write — equals the estimate's within Poisson noise, and every client
 * request offered is completed, failed, or counted in flight (also under outages, spikes,
 * timeouts, retries and caps).
 * The examples after the properties are the defects that lived because nothing compared them.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { model } from '../helpers.js';
import { runSimulation } from '../../language-server/simulation/run.js';
import { analyticReport } from '../../language-server/simulation/estimate/report.js';
import type { SimulationReport } from '../../language-server/simulation/report.js';
import { modelText, shapes, type Shape } from './random-models.js';

const DURATION_S = 20, WARMUP_S = 1;

/** Components whose simulated throughput (in all, reads, writes, per replica) is off the estimate's by more than five standard deviations of a Poisson count. */
function disagreements(sim: SimulationReport, est: SimulationReport): string[] {
    const span = DURATION_S - WARMUP_S;
    const off: string[] = [];
    for (const [name, e] of Object.entries(est.components)) {
        const s = sim.components[name];
        const rates: [string, number, number][] = [
            ['', s.throughputRps, e.throughputRps], [' reads', s.readRps, e.readRps], [' writes', s.writeRps, e.writeRps],
            ...(e.replicaRps ?? []).map((rps, r): [string, number, number] => [` replica ${r}`, s.replicaRps?.[r] ?? NaN, rps]),
        ];
        for (const [what, simulated, estimated] of rates) {
            const expected = estimated * span;
            // A request may visit a component several times (shards, calls, fan-out): the count's variance grows with it.
            const sigma = Math.sqrt(expected * (1 + e.callsPerRequest));
            const got = simulated * span;
            if (!(Math.abs(got - expected) <= 5 * sigma + 5)) off.push(`${name}${what}: simulated ${got.toFixed(0)}, estimated ${expected.toFixed(0)} (σ ${sigma.toFixed(0)})`);
        }
    }
    return off;
}

describe('conservation of traffic', () => {
    it('simulated throughput per component equals the estimate within Poisson noise, and every request is accounted for', async () => {
        await fc.assert(fc.asyncProperty(shapes, fc.integer({ min: 1, max: 1000 }), async (shape: Shape, seed: number) => {
            const m = await model(modelText(shape));
            const sim = await runSimulation(m, { durationS: DURATION_S, warmupS: WARMUP_S, seed });
            const est = analyticReport(m, { durationS: DURATION_S, warmupS: WARMUP_S });
            expect(disagreements(sim, est)).toEqual([]);
            const { offered, completed, failed, inFlight } = sim.requests;
            expect(completed + failed + inFlight).toBe(offered);
            expect(failed).toBe(0);
            expect(inFlight).toBe(0);
            expect(sim.limitsHit).toEqual([]);
        }), { numRuns: 50, seed: 20261130, endOnFailure: true });
    }, 900_000);

    it('accounts for every request under outages, spikes, timeouts, retries and a memory cap', async () => {
        const stress = fc.record({
            failAt: fc.integer({ min: 0, max: 8 }), failFor: fc.integer({ min: 1, max: 6 }), target: fc.nat(10),
            spike: fc.integer({ min: 1, max: 4 }), timeoutMs: fc.integer({ min: 1, max: 20 }), retries: fc.integer({ min: 0, max: 3 }),
            cap: fc.constantFrom(50, 2_000, 500_000), seed: fc.integer({ min: 1, max: 1000 }),
        });
        await fc.assert(fc.asyncProperty(shapes, stress, async (shape, s) => {
            const base = modelText(shape);
            const names = [...base.matchAll(/^\s+(?:service|database|cache|queue|worker|loadbalancer) (\w+)/gm)].map((x) => x[1]);
            const target = names[s.target % names.length];
            const text = base
                .replace(/^(\s+s0 -> \w+)$/m, `$1 : grpc { timeout ${s.timeoutMs}ms retries ${s.retries} }`)
                .replace(/\n}\n$/, `\n  scenario x { duration 10s fail ${target} at ${s.failAt}s for ${s.failFor}s spike ${s.spike}x at 3s for 2s }\n}\n`);
            const m = await model(text);
            const sim = await runSimulation(m, { scenario: 'x', seed: s.seed, limits: { maxInFlight: s.cap } });
            const { offered, completed, failed, inFlight } = sim.requests;
            expect(completed + failed + inFlight).toBe(offered);
            expect(sim.availability).toBeCloseTo(offered ? completed / offered : 1, 5);
            if (!sim.limitsHit.length) expect(inFlight).toBe(0);
        }), { numRuns: 40, seed: 20261201, endOnFailure: true });
    }, 600_000);
});

describe('the defects that lived without it', () => {
    it('sends each branch of an async fork once: 1,000 messages/s to each of three queues at 1,000 rps', async () => {
        const m = await model(`system ForkQ {
          workload { rps 1000 }
          client c
          service api { replicas 2 capacity 5k rps latency 1ms }
          database db { replicas 2 capacity 5k rps latency 1ms }
          queue q1 { replicas 2 retries 3 dead_letter dlq }
          queue q2 { replicas 2 retries 3 dead_letter dlq }
          queue q3 { replicas 2 retries 3 dead_letter dlq }
          queue dlq { replicas 2 }
          worker w1 { replicas 2 capacity 5k rps latency 1ms consumes q1 }
          worker w2 { replicas 2 capacity 5k rps latency 1ms consumes q2 }
          worker w3 { replicas 2 capacity 5k rps latency 1ms consumes q3 }
          c -> api
          api -> db
          api -> q1 : async
          api -> q2 : async
          api -> q3 : async
          flow f 100% write : c -> api -> { db, q1, q2, q3 }
        }`);
        const sim = await runSimulation(m, { durationS: 40, seed: 3 });
        // 40,000 arrivals: a Poisson count's standard deviation is 200.
        for (const q of ['q1', 'q2', 'q3', 'w1', 'w2', 'w3']) expect(Math.abs(sim.components[q].throughputRps * 40 - 40_000), q).toBeLessThan(1000);
    });

    it('makes a queue consumer\'s own calls once per message, never its queue\'s later siblings', async () => {
        const m = await model(`system WQ {
          workload { rps 1000 }
          client c
          service api { replicas 2 capacity 5k rps latency 1ms }
          database db { replicas 2 capacity 5k rps latency 1ms }
          database db2 { replicas 2 capacity 5k rps latency 1ms }
          queue q { retries 3 }
          worker w { replicas 2 capacity 5k rps latency 1ms consumes q }
          c -> api
          api -> q
          api -> db2
          w -> db
        }`);
        const sim = await runSimulation(m, { durationS: 40, seed: 3 });
        for (const c of ['db', 'db2', 'w']) expect(Math.abs(sim.components[c].throughputRps * 40 - 40_000), c).toBeLessThan(1000);
    });
});
