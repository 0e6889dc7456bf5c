/**
 * The engine against queueing theory: M/M/1 and M/M/c mean response time within 3% at
 * utilisation 0.5–0.9, a random balancer as independent M/M/1 queues, least connections
 * better than random. Runs are sized to ~1–2M customers at the highest utilisation.
 */
import { describe, expect, it } from 'vitest';
import { mmcResponseTime, stationTime } from '../../language-server/analysis/queueing.js';
import { expectWithin, simulate } from './helpers.js';

const MU = 1000; // capacity 1000 rps, latency 1 ms: one server of rate 1000/s per replica

const shared = (replicas: number, rps: number) => `system S {
  workload { rps ${rps} }
  client u
  service s { replicas ${replicas} capacity 1000 rps latency 1ms }
  u -> s
}`;

const balanced = (algorithm: string, replicas: number, rps: number) => `system S {
  workload { rps ${rps} }
  client u
  loadbalancer lb { algorithm ${algorithm} }
  service s { replicas ${replicas} capacity 1000 rps latency 1ms }
  u -> lb -> s
}`;

/** Simulated time for about `customers` completions at `lambda`. */
const span = (customers: number, lambda: number) => customers / lambda;

describe('M/M/1 and M/M/c (Erlang C)', () => {
    for (const rho of [0.5, 0.7, 0.9]) {
        it(`M/M/1 at utilisation ${rho}`, async () => {
            const lambda = rho * MU;
            const customers = rho === 0.9 ? 2_000_000 : 400_000;
            const report = await simulate(shared(1, lambda), { durationS: span(customers, lambda), warmupS: 5 });
            expectWithin(report.components.s.latencyMs.mean / 1000, mmcResponseTime(lambda, MU, 1), 0.03, 'M/M/1 mean');
            expectWithin(report.components.s.utilisation, rho, 0.01, 'utilisation');
        });
        it(`M/M/4 (four replicas sharing one queue) at utilisation ${rho}`, async () => {
            const lambda = rho * MU * 4;
            const report = await simulate(shared(4, lambda), { durationS: span(600_000, lambda), warmupS: 2 });
            expectWithin(report.components.s.latencyMs.mean / 1000, mmcResponseTime(lambda, MU, 4), 0.03, 'M/M/4 mean');
        });
    }

    it('reproduces the M/M/1 median (exponential response time)', async () => {
        const report = await simulate(shared(1, 500), { durationS: 800, warmupS: 2 });
        expectWithin(report.components.s.latencyMs.p50 / 1000, Math.LN2 / (MU - 500), 0.03, 'p50');
        expectWithin(report.components.s.latencyMs.p99 / 1000, Math.log(100) / (MU - 500), 0.05, 'p99');
    });
});

describe('balancers', () => {
    const rho = 0.8, replicas = 4, lambda = rho * MU * replicas;
    const run = (algorithm: string) => simulate(balanced(algorithm, replicas, lambda), { durationS: span(800_000, lambda), warmupS: 2 });

    it('random splits Poisson traffic into independent M/M/1 queues', async () => {
        const report = await run('random');
        expectWithin(report.components.s.latencyMs.mean / 1000, mmcResponseTime(lambda / replicas, MU, 1), 0.03, 'random');
    });

    it('least connections beats random and sits near join-the-shortest-queue theory', async () => {
        const [random, least] = await Promise.all([run('random'), run('least_connections')]);
        expect(least.components.s.latencyMs.mean).toBeLessThan(0.5 * random.components.s.latencyMs.mean);
        // Never better than one shared queue (M/M/4), close to the JSQ approximation.
        expect(least.components.s.latencyMs.mean / 1000).toBeGreaterThan(mmcResponseTime(lambda, MU, replicas));
        const jsq = stationTime(lambda, replicas, { meanS: 1 / MU, kind: 'exponential' }, { shortestOf: replicas }).mean;
        expectWithin(least.components.s.latencyMs.mean / 1000, jsq, 0.06, 'least connections vs JSQ');
    });

    it('round robin behaves as E_R/M/1 queues (arrivals every R-th of a Poisson stream)', async () => {
        const report = await run('round_robin');
        const theory = stationTime(lambda / replicas, 1, { meanS: 1 / MU, kind: 'exponential' }, { ca2: 1 / replicas }).mean;
        expectWithin(report.components.s.latencyMs.mean / 1000, theory, 0.03, 'round robin');
    });

    it('spreads evenly with weighted round robin in proportion to weights', async () => {
        const text = `system S { workload { rps 1000 } client u
          loadbalancer lb { algorithm weighted_round_robin weights [3, 1] }
          service s { replicas 2 capacity 1000 rps latency 1ms }
          u -> lb -> s }`;
        const report = await simulate(text, { durationS: 100 });
        // Replica 1 gets 3/4 of 1000 rps: utilisation 0.75; replica 2: 0.25; the busiest is reported.
        expectWithin(report.components.s.maxUtilisation, 0.75, 0.03, 'busiest replica');
        expectWithin(report.components.s.utilisation, 0.5, 0.03, 'mean');
    });
});
