/**
 * The estimate's stations (estimate/stations.ts) against queueing closed forms, through the
 * report's per-component figures and through the exported helpers. A replica of capacity
 * 1000 rps and exponential latency 1 ms is one server of rate μ = 1000/s. Replicas without a
 * balancer share one queue (M/M/c); behind one, random or hash choice gives each replica its
 * own M/M/1 at λ/n, round robin an E_n/M/1 (every n-th arrival), least connections the shared
 * queue's wait scaled by queueing.ts's shortest-of-k factor; active-passive puts everything on
 * one. A queue shows its consumers' wait, its consumers their service alone. A store that
 * copies its writes is one M/M/1 per replica at the reads it serves plus every write.
 */
import { describe, expect, it } from 'vitest';
import { model } from '../helpers.js';
import { expectWithin } from './helpers.js';
import { analyticReport } from '../../language-server/simulation/estimate/report.js';
import { gridMoments, mix, reachOf, slowestOf, stationGrid, stationTail, ZERO } from '../../language-server/simulation/estimate/stations.js';
import { GridDistribution } from '../../language-server/analysis/distribution.js';

/** Mean sojourn, seconds, of M/M/1 at λ, μ. */
const mm1 = (lambda: number, mu: number) => 1 / (mu - lambda);

/** Erlang C by its sum, and the M/M/c mean sojourn. */
function mmc(lambda: number, mu: number, c: number): number {
    const a = lambda / mu, rho = a / c;
    let sum = 0, term = 1;
    for (let k = 0; k < c; k++) { sum += term; term *= a / (k + 1); }
    const top = term / (1 - rho);
    return 1 / mu + top / (sum + top) / (c * mu - lambda);
}

const two = (front: string, rps: number) => `system S { workload { rps ${rps} } client u
  ${front ? `loadbalancer lb { ${front} }` : ''}
  service api { replicas 2 capacity 1000 rps latency 1ms }
  ${front ? 'u -> lb -> api' : 'u -> api'} }`;

const ms = (s: number) => s * 1000;

describe('replicas and balancers', () => {
    it('share one queue without a balancer: M/M/2', async () => {
        const api = analyticReport(await model(two('', 1500))).components.api;
        // a = 1.5, C(2, 1.5) = 4.5 / 7; 1 ms + C / (2000 − 1500).
        expectWithin(api.latencyMs.mean, ms(0.001 + 4.5 / 7 / 500), 1e-5, 'mean');
        expectWithin(api.latencyMs.mean, ms(mmc(1500, 1000, 2)), 1e-5, 'mean by the sum');
        expect(api.utilisation).toBeCloseTo(0.75, 6);
        expect(api.maxUtilisation).toBeCloseTo(0.75, 6);
    });

    it('each have their own M/M/1 at λ/n behind a random balancer', async () => {
        const api = analyticReport(await model(two('algorithm random', 1500))).components.api;
        expectWithin(api.latencyMs.mean, ms(mm1(750, 1000)), 1e-5, 'mean');
        expect(api.utilisation).toBeCloseTo(0.75, 6);
        // The sojourn of M/M/1 is exponential of rate μ − λ = 250/s.
        expectWithin(api.latencyMs.p99, ms(Math.log(100) / 250), 1e-4, 'p99');
    });

    it('each see every second arrival behind round robin: E2/M/1', async () => {
        const api = analyticReport(await model(two('algorithm round_robin', 1500))).components.api;
        // σ solves σ = (2ρ / (2ρ + 1 − σ))² at ρ = 0.75: σ(2.5 − σ)² = 2.25, so (σ − 1)(σ² − 4σ + 2.25) = 0, σ = 2 − √1.75.
        const sigma = 2 - Math.sqrt(1.75);
        expectWithin(api.latencyMs.mean, ms(0.001 + (sigma * 0.001) / (1 - sigma)), 1e-5, 'mean');
        expect(api.utilisation).toBeCloseTo(0.75, 6);
    });

    it('join the shorter line behind least connections: M/M/2\'s wait times the shortest-of-2 factor', async () => {
        const api = analyticReport(await model(two('algorithm least_connections', 1500))).components.api;
        // queueing.ts: r = ρ for exponential service, factor k(1 − r) / (1 − r^k) = 2 · 0.25 / (1 − 0.5625).
        const wait = (4.5 / 7 / 500) * (0.5 / 0.4375);
        expectWithin(api.latencyMs.mean, ms(0.001 + wait), 1e-5, 'mean');
        expect(api.utilisation).toBeCloseTo(0.75, 6);
    });

    it('put everything on the active replica when active-passive', async () => {
        const api = analyticReport(await model(two('mode active_passive', 600))).components.api;
        expectWithin(api.latencyMs.mean, ms(mm1(600, 1000)), 1e-5, 'mean');
        // Half the replicas busy at 0.6, the other idle.
        expect(api.utilisation).toBeCloseTo(0.3, 6);
        expect(api.maxUtilisation).toBeCloseTo(0.6, 6);
    });

    it('give a single replica behind a balancer its own M/M/1 at the whole load', async () => {
        const text = `system S { workload { rps 600 } client u loadbalancer lb { algorithm round_robin }
          service api { capacity 1000 rps latency 1ms } u -> lb -> api }`;
        expectWithin(analyticReport(await model(text)).components.api.latencyMs.mean, ms(mm1(600, 1000)), 1e-5, 'mean');
    });

    it('wait (1 − 1/ρ)·T/2 on average when overloaded: the backlog grows all run', async () => {
        const report = analyticReport(await model(two('', 3000)), { durationS: 100 });
        // ρ = 1.5: a request completing at t arrived at t/1.5.
        expectWithin(report.components.api.latencyMs.mean, ms(0.001 + ((1 - 1 / 1.5) * 100) / 2), 1e-5, 'mean');
        expect(report.components.api.utilisation).toBeCloseTo(1.5, 6);
        // It serves its capacity, 2 × 1000/s, and no more.
        expect(report.components.api.throughputRps).toBeCloseTo(2000, 6);
    });

    it('shows an M/D/1 station its exact Pollaczek–Khinchine sojourn', async () => {
        const text = `system S { workload { rps 500 } client u service api { capacity 1000 rps latency 1ms const } u -> api }`;
        const api = analyticReport(await model(text)).components.api;
        // M/D/1 at ρ = 0.5: Wq = ρS / (2(1 − ρ)) = 0.5 ms.
        expectWithin(api.latencyMs.mean, 1.5, 1e-5, 'mean');
        // Half the requests find it empty and take exactly 1 ms: the median is 1 ms (to the grid).
        expect(Math.abs(api.latencyMs.p50 - 1)).toBeLessThan(0.01);
        expect(api.latencyMs.p99).toBeGreaterThan(2);
    });
});

describe('a queue and its consumer', () => {
    const text = (rps: number) => `system S { workload { rps ${rps} } client u queue q
      worker w { consumes q capacity 1000 rps latency 1ms } u -> q }`;

    it('shows the consumer\'s M/M/1 wait on the queue and its service alone on the consumer', async () => {
        const report = analyticReport(await model(text(500)), { durationS: 60 });
        const { q, w } = report.components;
        // Wq = ρ / (μ − λ) = 1 ms; P(W > t) = ρ e^(−(μ − λ)t) = 0.5 e^(−500t).
        expectWithin(q.latencyMs.mean, 1, 1e-5, 'queue mean');
        expectWithin(q.latencyMs.p99, ms(Math.log(0.5 / 0.01) / 500), 1e-4, 'queue p99');
        expectWithin(q.latencyMs.p95, ms(Math.log(0.5 / 0.05) / 500), 1e-4, 'queue p95');
        expect(q.utilisation).toBe(0);
        expectWithin(w.latencyMs.mean, 1, 1e-5, 'consumer mean');
        expectWithin(w.latencyMs.p99, ms(Math.log(100) / 1000), 1e-3, 'consumer p99');
        expectWithin(w.latencyMs.p50, ms(Math.log(2) / 1000), 1e-3, 'consumer p50');
        expect(w.utilisation).toBeCloseTo(0.5, 6);
        // Depth: λ·Wq = 0.5 on average; P(line ≥ n) = C·ρ^n = 0.5^(n+1) ≤ 0.001 from n = 9.
        expect(report.queues.q).toMatchObject({ depth: 1, maxDepth: Math.ceil(Math.log(0.001 / 0.5) / Math.log(0.5)), deadLettered: 0, lost: 0, dropped: 0 });
        expect(report.queues.q.depthOverTime).toEqual(Array(60).fill(1));
        expect(report.components.q.throughputRps).toBeCloseTo(500, 6);
    });

    it('grows by arrivals − capacity when the consumer cannot keep up', async () => {
        const report = analyticReport(await model(text(1500)), { durationS: 60 });
        // 500 more a second than the consumer takes, for 60 s.
        expect(report.queues.q.depth).toBe(30_000);
        expect(report.queues.q.maxDepth).toBe(30_000);
        expect(report.queues.q.depthOverTime).toEqual(Array.from({ length: 60 }, (_, i) => 500 * (i + 1)));
        expect(report.components.q.throughputRps).toBeCloseTo(1000, 6);
    });
});

describe('a store that copies its writes', () => {
    // 600 rps: 400 reads, 200 writes.
    const store = (props: string) => `system S { workload { rps 600 } client c
      database db { replicas 2 capacity 1000 rps latency 1ms ${props} }
      flow r 2/3 read : c -> db  flow w 1/3 write : c -> db }`.replace('2/3', '66.6667%').replace('1/3', '33.3333%');

    it('serves reads anywhere: each replica an M/M/1 at half the reads and every write', async () => {
        const report = analyticReport(await model(store('consistency eventual reads any')));
        const db = report.components.db;
        // 200 reads + 200 writes = 400/s on each replica.
        db.replicaRps!.forEach((rps) => expectWithin(rps, 400, 1e-4, 'replica rps'));
        expectWithin(db.utilisation, 0.4, 1e-4, 'utilisation');
        expectWithin(db.latencyMs.mean, ms(mm1(400, 1000)), 1e-4, 'read mean');
        expectWithin(report.flows.w.latencyMs.mean, ms(mm1(400, 1000)), 1e-3, 'write mean');
    });

    it('reads at the leader under reads leader: the leader takes 600/s, the follower 200/s', async () => {
        const report = analyticReport(await model(store('consistency strong reads leader')));
        const db = report.components.db;
        expect(db.replicaRps!.length).toBe(2);
        expectWithin(db.replicaRps![0], 600, 1e-4, 'leader');
        expectWithin(db.replicaRps![1], 200, 1e-4, 'follower');
        expectWithin(db.maxUtilisation, 0.6, 1e-4, 'busiest');
        expectWithin(db.utilisation, 0.4, 1e-4, 'mean utilisation');
        expectWithin(report.flows.r.latencyMs.mean, ms(mm1(600, 1000)), 1e-3, 'read mean');
    });

    it('makes a synchronous write wait for its follower too', async () => {
        const report = analyticReport(await model(store('replicas 2 sync consistency eventual reads any').replace('replicas 2 capacity', 'capacity')));
        // Leader then follower, each an M/M/1 at 400/s.
        expectWithin(report.flows.w.latencyMs.mean, ms(2 * mm1(400, 1000)), 2e-3, 'write mean');
        expectWithin(report.flows.r.latencyMs.mean, ms(mm1(400, 1000)), 1e-3, 'read mean');
    });

    it('makes writes longer with write_capacity: the service time mixes reads and writes', async () => {
        const report = analyticReport(await model(store('consistency eventual reads any write_capacity 500 rps')));
        // Writes take 2 ms: each replica serves 200 reads of 1 ms and 200 writes of 2 ms, mean 1.5 ms, ρ = 0.6.
        expectWithin(report.components.db.latencyMs.mean, ms(0.0015 / (1 - 0.6)), 1e-4, 'mean');
        expectWithin(report.components.db.utilisation, 0.6, 1e-4, 'utilisation');
    });

    it('spreads writes over the replicas under multi leaders, each still applying all', async () => {
        const report = analyticReport(await model(store('leader multi')));
        report.components.db.replicaRps!.forEach((rps) => expectWithin(rps, 400, 1e-4, 'replica rps'));
        expectWithin(report.flows.w.latencyMs.mean, ms(mm1(400, 1000)), 1e-3, 'write mean');
    });

    it('slows every replica with the busiest when overloaded', async () => {
        const report = analyticReport(await model(store('consistency strong reads leader').replace('rps 600', 'rps 1500')));
        // The leader takes 1000 reads + 500 writes = 1500/s at capacity 1000: ρ = 1.5, so all serve 1/1.5 of their load.
        const db = report.components.db;
        expectWithin(db.maxUtilisation, 1.5, 1e-4, 'busiest');
        expectWithin(db.replicaRps![0], 1000, 1e-4, 'leader');
        expectWithin(db.replicaRps![1], 500 / 1.5, 1e-4, 'follower');
        expectWithin(db.throughputRps, 1500 / 1.5, 1e-4, 'served');
        expectWithin(db.readRps, 1000 / 1.5, 1e-4, 'reads served');
        expectWithin(db.writeRps, 500 / 1.5, 1e-4, 'writes served');
    });
});

describe('a partitioned store', () => {
    it('is one station per shard; a round-robin read waits for the slowest of its shards', async () => {
        const report = analyticReport(await model(`system S { workload { rps 500 } client c
          database db { partition round_robin shards 4 capacity 1000 rps latency 1ms } flow f read : c -> db }`));
        const db = report.components.db;
        // Every read asks all 4 shards: each an M/M/1 at 500/s.
        expectWithin(db.latencyMs.mean, ms(mm1(500, 1000)), 1e-5, 'shard mean');
        expectWithin(db.utilisation, 0.5, 1e-5, 'utilisation');
        expectWithin(db.maxUtilisation, 0.5, 1e-5, 'busiest');
        expectWithin(db.throughputRps, 2000, 1e-5, 'throughput');
        expect(report.shards.db.loadRps).toEqual([500, 500, 500, 500]);
        expect(report.shards.db.maxOverMean).toBe(1);
        // The slowest of 4 exponentials of rate 500/s: mean H_4 / 500.
        expectWithin(report.flows.f.latencyMs.mean, ms((1 + 1 / 2 + 1 / 3 + 1 / 4) / 500), 2e-3, 'read mean');
        // P(max ≤ t) = (1 − e^(−500t))^4 = 0.99.
        expectWithin(report.flows.f.latencyMs.p99, ms(-Math.log(1 - 0.99 ** 0.25) / 500), 5e-3, 'read p99');
    });
});

describe('the helpers', () => {
    it('mix weights parts that need not sum to one', () => {
        // Means 1 and 3 at weights 1 and 3: mean 2.5; second moments 1 + 1 and 9 + 2.
        const m = mix([[1, { mean: 1, variance: 1 }], [3, { mean: 3, variance: 2 }]]);
        expect(m.mean).toBeCloseTo(2.5, 12);
        expect(m.variance).toBeCloseTo(0.25 * 2 + 0.75 * 11 - 6.25, 12);
        expect(mix([])).toEqual(ZERO);
        expect(mix([[0, { mean: 5, variance: 1 }]])).toEqual(ZERO);
    });

    it('reachOf reaches the lognormal 1 − 10⁻⁹ quantile, at least 8 means', () => {
        // Mean 1, variance 3: σ² = ln 4, μ = −ln 2; z(1 − 10⁻⁹) = 5.997807.
        expect(reachOf({ mean: 1, variance: 3 })).toBeCloseTo(Math.exp(-Math.log(2) + 5.997807 * Math.sqrt(Math.log(4))), 6);
        expect(reachOf({ mean: 2, variance: 0 })).toBe(16);
    });

    it('slowestOf gives the mean and variance of the slowest of k exponentials', () => {
        // Max of k exponentials of mean τ: mean τ·H_k, variance τ²·Σ 1/i².
        const tau = 0.002;
        const exp = { mean: tau, variance: tau * tau, tail: (t: number) => Math.exp(-t / tau) };
        for (const k of [2, 5]) {
            const m = slowestOf(exp, k);
            let h = 0, h2 = 0;
            for (let i = 1; i <= k; i++) { h += 1 / i; h2 += 1 / (i * i); }
            expectWithin(m.mean, tau * h, 2e-3, `mean k=${k}`);
            expectWithin(m.variance, tau * tau * h2, 1e-2, `variance k=${k}`);
        }
        expect(slowestOf(exp, 1)).toEqual({ mean: tau, variance: tau * tau });
        expect(slowestOf({ mean: 0, variance: 0 }, 4)).toEqual({ mean: 0, variance: 0 });
    });

    it('gridMoments are the moments of the masses', () => {
        // Masses 0.25, 0.5, 0.25 at 0, 2, 4: mean 2, second moment 0.5·4 + 0.25·16 = 6.
        expect(gridMoments(new GridDistribution(2, new Float64Array([0.25, 0.5, 0.25])))).toEqual({ mean: 2, variance: 2 });
    });

    it('stationTail and stationGrid use the known tail or grid, else a lognormal or nothing', () => {
        const tail = (t: number) => Math.exp(-t);
        expect(stationTail({ mean: 1, variance: 1, tail })).toBe(tail);
        // A point mass at 1 (variance 0) fitted as a lognormal.
        const point = stationTail({ mean: 1, variance: 0 });
        expect([point(0.99), point(1.01)]).toEqual([1, 0]);
        const grid = new GridDistribution(1, new Float64Array([1, 0]));
        expect(stationGrid({ mean: 1, variance: 1, grid: () => grid }, 1, 2)).toBe(grid);
        expect(Array.from(stationGrid({ mean: 0, variance: 0 }, 1, 4).mass)).toEqual([1, 0, 0, 0]);
        // Exponential of mean 1 on a grid of step 1: mass of point i is P(i − 0.5 < T ≤ i + 0.5).
        const d = stationGrid({ mean: 1, variance: 1, tail }, 1, 4);
        expect(d.mass[1]).toBeCloseTo(Math.exp(-0.5) - Math.exp(-1.5), 12);
    });
});
