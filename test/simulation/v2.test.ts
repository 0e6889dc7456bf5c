/**
 * The v2 semantics in the estimate and the simulation, against closed forms: a synchronous
 * `[xN]` fan-out waits for the slowest of N calls (the order statistic of N exponentials), a
 * single leader takes every write of its shard (write throughput is one replica's), a lost
 * leader stops writes until `failover` (availability 1 − D/T), and flow objectives are judged
 * with the tier that contributes most. Lint, the estimate and the simulation agree on the
 * reads, writes, replica loads and hit rates of every model here.
 */
import { describe, expect, it } from 'vitest';
import { model } from '../helpers.js';
import { runSimulation } from '../../language-server/simulation/run.js';
import { analyticReport } from '../../language-server/simulation/estimate/report.js';
import { computeLoads } from '../../language-server/analysis/traffic.js';
import { expectWithin } from './helpers.js';

/** H_n = 1 + 1/2 + … + 1/n: the mean of the largest of n unit exponentials. */
const harmonic = (n: number) => Array.from({ length: n }, (_, i) => 1 / (i + 1)).reduce((a, b) => a + b);

const FAN_OUT = (n: number, objective = '') => `system Fan {
    workload { rps 200 }
    client c
    service api
    service backend { latency 10ms }
    flow f read ${objective} : c -> api -> backend [x${n}]
}`;

describe('a synchronous fan-out waits for the slowest of its calls', () => {
    for (const n of [1, 4, 16]) {
        it(`[x${n}]: mean ${n === 1 ? 'τ' : `H_${n}·τ`} and p99 from (1 − e^(−t/τ))^${n} = 0.99, in the estimate and the simulation`, async () => {
            const m = await model(FAN_OUT(n));
            const mean = 10 * harmonic(n);
            const p99 = -10 * Math.log(1 - 0.99 ** (1 / n));
            const estimate = analyticReport(m).flows.f.latencyMs;
            expectWithin(estimate.mean, mean, 0.01, 'estimated mean');
            expectWithin(estimate.p99, p99, 0.02, 'estimated p99');
            const simulated = (await runSimulation(m, { durationS: 60, seed: 5 })).flows.f.latencyMs;
            expectWithin(simulated.mean, mean, 0.02, 'simulated mean');
            expectWithin(simulated.p99, p99, 0.05, 'simulated p99');
            expectWithin((await runSimulation(m, { durationS: 60, seed: 5 })).components.backend.throughputRps, 200 * n, 0.03, 'calls');
        });
    }

    it('waits for none of the calls a [P%] share skips: the mean mixes a call with no call', async () => {
        const m = await model(FAN_OUT(1).replace('[x1]', '[25%]'));
        expectWithin(analyticReport(m).flows.f.latencyMs.mean, 2.5, 0.01, 'estimated mean');
        expectWithin((await runSimulation(m, { durationS: 60, seed: 5 })).flows.f.latencyMs.mean, 2.5, 0.05, 'simulated mean');
    });

    it('caps an absurd fan-out in the simulation and says so, where the estimate takes it whole', async () => {
        const m = await model(FAN_OUT(1_000_000).replace('rps 200', 'rps 2'));
        const simulated = await runSimulation(m, { durationS: 1, seed: 5 });
        expect(simulated.limitsHit).toContain('routes');
        expect(simulated.components.backend.callsPerRequest).toBeLessThanOrEqual(100_000);
        expect(analyticReport(m).components.backend.throughputRps).toBeCloseTo(2_000_000);
    });

    it('judges a p99 objective on the fan-out and names the tier that adds most', async () => {
        const m = await model(FAN_OUT(16, 'p99 50ms p50 40ms'));
        const [p50, p99] = ['p50', 'p99'].map((p) => analyticReport(m).flows.f.objectives!.find((o) => o.objective === p)!);
        // The slowest of 16 exponentials of mean 10ms: median 10·(−ln(1 − 0.5^(1/16))) ≈ 31.8 ms, p99 ≈ 73.3 ms.
        expect(p99).toMatchObject({ target: 50, met: false, tier: 'backend' });
        expectWithin(p99.value, -10 * Math.log(1 - 0.99 ** (1 / 16)), 0.02, 'p99');
        expect(p50).toMatchObject({ target: 40, met: true });
        const simulated = (await runSimulation(m, { durationS: 60, seed: 5 })).flows.f.objectives!;
        expect(simulated.map((o) => [o.objective, o.met])).toEqual([['p50', true], ['p99', false]]);
    });
});

describe('a single leader takes the writes', () => {
    const LEADER = (extra: string) => `system Master {
        workload { rps 2k }
        client c
        service api { replicas 4 capacity 5k rps latency 0.1ms }
        database db { replicas 3 capacity 1000 rps latency 1ms ${extra} }
        flow w write : c -> api -> db
    }`;

    it('serves writes at one replica\'s rate, whatever the replicas: 1,000/s of 2,000/s offered', async () => {
        const m = await model(LEADER(''));
        const lint = computeLoads(m, { peak: false }).get('db')!.replication!;
        expect(lint.writeRpsPerShard).toBeCloseTo(2000);
        expect(lint.writeUtilisation).toBeCloseTo(2);
        expectWithin(analyticReport(m).components.db.throughputRps, 1000, 0.001, 'estimated');
        const simulated = await runSimulation(m, { durationS: 20, seed: 3 });
        expectWithin(simulated.components.db.throughputRps, 1000, 0.03, 'simulated');
        // Each follower applies what the leader takes.
        for (const r of [1, 2]) expectWithin(simulated.components.db.replicaRps![r], 1000, 0.04, `follower ${r}`);
    });

    it('spreads reads over the replicas reads names, while every replica applies every write', async () => {
        const m = await model(`system Mix {
            workload { rps 1k }
            client c
            database db { replicas 3 capacity 5k rps latency 0.1ms consistency eventual reads followers }
            flow r 70% read : c -> db
            flow w write : c -> db
        }`);
        // Leader: the 300 writes; each follower: half the 700 reads, and the 300 writes.
        const expected = [300, 650, 650];
        expect(computeLoads(m, { peak: false }).get('db')!.replication!.readRpsPerReplica).toBeCloseTo(350);
        analyticReport(m).components.db.replicaRps!.forEach((rps, r) => expect(rps).toBeCloseTo(expected[r]));
        const simulated = (await runSimulation(m, { durationS: 40, seed: 9 })).components.db;
        simulated.replicaRps!.forEach((rps, r) => expectWithin(rps, expected[r], 0.04, `replica ${r}`));
    });
});

describe('losing the leader stops writes until failover', () => {
    const FAILOVER = (failover: string, reads = '') => `system Ha {
        workload { rps 500 }
        client c
        database db { replicas 2 capacity 5k rps latency 0.2ms ${failover} ${reads} }
        flow w 50% write availability 99% : c -> db
        flow r 50% read : c -> db
        scenario leader_lost { duration 100s fail db leader at 20s for 40s }
    }`;

    it('fails writes for D after the loss: availability 1 − D/T, and reads under reads leader alike', async () => {
        const m = await model(FAILOVER('failover 10s'));
        const estimate = analyticReport(m, { scenario: 'leader_lost' });
        expectWithin(estimate.flows.w.objectives![0].value, 0.9, 0.001, 'estimated writes');
        const simulated = await runSimulation(m, { scenario: 'leader_lost', seed: 4 });
        const writes = simulated.flows.w, reads = simulated.flows.r;
        const availability = (f: typeof writes) => (f.throughputRps * 100) / (f.throughputRps * 100 + f.failed);
        expectWithin(availability(writes), 0.9, 0.01, 'simulated writes');
        // Strong consistency reads the leader: its reads fail over the same window.
        expectWithin(availability(reads), 0.9, 0.01, 'simulated reads');
    });

    it('stops writes for the whole outage without failover, and keeps reads that followers serve', async () => {
        const m = await model(FAILOVER('', 'consistency eventual reads any'));
        expectWithin(analyticReport(m, { scenario: 'leader_lost' }).flows.w.objectives![0].value, 0.6, 0.001, 'estimated');
        const simulated = await runSimulation(m, { scenario: 'leader_lost', seed: 4 });
        const { w, r } = simulated.flows;
        expectWithin(w.throughputRps * 100 / (w.throughputRps * 100 + w.failed), 0.6, 0.02, 'simulated writes');
        expect(r.failed).toBeLessThan(5);
    });

    it('judges an availability objective over the scenarios and names the scenario and the tier', async () => {
        const objective = analyticReport(await model(FAILOVER('failover 10s'))).flows.w.objectives![0];
        expect(objective).toMatchObject({ objective: 'availability', target: 0.99, met: false, scenario: 'leader_lost', tier: 'db' });
        expectWithin(objective.value, 0.9, 0.001, 'worst');
    });
});

describe('lint, the estimate and the simulation agree on v2 traffic', () => {
    const models: Record<string, string> = {
        'a [read] step in a write flow, fan-out and a share': `system Tweet {
            workload { rps 400 keys 1B }
            client c
            service api { replicas 2 capacity 20k rps latency 0.1ms }
            service fan { replicas 2 capacity 20k rps latency 0.1ms }
            cache followers { capacity 1k items invalidation none }
            database graph { replicas 2 capacity 20k rps latency 0.1ms keys 300 zipf 0 }
            database tweets { replicas 3 sync 1 capacity 20k rps latency 0.1ms }
            database timelines { replicas 2 leader none capacity 20k rps latency 0.1ms partition hash(id) shards 4 }
            queue notify
            worker mailer { capacity 20k rps latency 0.1ms consumes notify }
            followers -> graph
            flow post 30% write : c -> api -> { tweets, fan -> { followers [read] -> graph, timelines [x10] }, notify [5%] }
            flow home 70% read : c -> api -> timelines
        }`,
        'write ratios, scatter reads and own keys without flows': `system Store {
            workload { rps 300 read_ratio 0.9 keys 1B }
            client c
            service api { replicas 2 capacity 20k rps latency 0.1ms }
            database ledger { replicas 3 capacity 20k rps latency 0.1ms write_ratio 0.5 consistency eventual reads followers }
            database events { replicas 2 capacity 20k rps latency 0.1ms partition round_robin shards 3 }
            cache users_cache { capacity 1k items }
            database users { replicas 2 capacity 20k rps latency 0.1ms keys 500 zipf 0 }
            c -> api -> ledger
            api -> events [x2]
            api -> users_cache -> users
        }`,
    };
    for (const [name, text] of Object.entries(models)) {
        it(name, async () => {
            const m = await model(text);
            const lint = computeLoads(m, { peak: false });
            const estimate = analyticReport(m, { durationS: 40 });
            const simulated = await runSimulation(m, { durationS: 40, seed: 7 });
            for (const [component, load] of lint) {
                const e = estimate.components[component], s = simulated.components[component];
                if (!e) continue;
                expect(e.readRps, `${component} reads`).toBeCloseTo(load.readRps, 3);
                expect(e.writeRps, `${component} writes`).toBeCloseTo(load.writeRps, 3);
                for (const [what, est, sim] of [['reads', e.readRps, s.readRps], ['writes', e.writeRps, s.writeRps]] as const) {
                    // Five standard deviations of a Poisson count over 40 s, as the conservation test allows.
                    const sigma = Math.sqrt(est * 40 * (1 + e.callsPerRequest)) / 40;
                    expect(Math.abs(sim - est), `${component} ${what}: simulated ${sim}, estimated ${est}`).toBeLessThanOrEqual(5 * sigma + 0.2);
                }
            }
            for (const [cache, { hitRate }] of Object.entries(estimate.caches)) {
                expect(Math.abs(simulated.caches[cache].hitRate - hitRate), `${cache} hit rate`).toBeLessThanOrEqual(0.03);
            }
        });
    }
});
