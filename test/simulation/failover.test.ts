/**
 * Failover as the model says: behind a health-checked balancer, requests fail only until the
 * check notices (every × unhealthy_after + timeout = 2 s × 3 + 1 s = 7 s here), not for the
 * whole outage — for every balancing algorithm, for a failed replica, a failed backend
 * component and a failed zone. Without a health check they fail for the whole outage.
 * The run's timeline (one slice per second) shows when requests failed.
 */
import { describe, expect, it } from 'vitest';
import { model } from '../helpers.js';
import { runSimulation } from '../../language-server/simulation/run.js';
import { analyticReport } from '../../language-server/simulation/estimate/report.js';
import type { SimulationReport } from '../../language-server/simulation/report.js';

const CHECK = 'health_check every 2s timeout 1s unhealthy_after 3';
const DETECT_S = 2 * 3 + 1;
const AT_S = 20, FOR_S = 30;

/** Seconds (slices of the 60 s run) in which some request failed. */
function failingSeconds(report: SimulationReport): number[] {
    return report.timeline.failedRps.flatMap((f, i) => (f > 0 ? [i] : []));
}

/** The seconds from the failure to the detection window's end (its last second may see the last failures). */
const detectionWindow = Array.from({ length: DETECT_S }, (_, i) => AT_S + i);

const replicasBehind = (balancer: string) => `system S {
  workload { rps 500 }
  client u
  zone a { }
  zone b { }
  loadbalancer lb { replicas 2 ${balancer} }
  service api { replicas 4 capacity 2000 rps latency 1ms zones [a, b] }
  u -> lb -> api
  scenario zone_a { duration 60s fail a at ${AT_S}s for ${FOR_S}s }
}`;

const componentsBehind = (check: string, failure: string) => `system S {
  workload { rps 500 }
  client u
  zone east { service a { replicas 2 capacity 2000 rps latency 1ms } }
  zone west { service b { replicas 2 capacity 2000 rps latency 1ms } }
  loadbalancer lb { replicas 2 ${check} }
  u -> lb
  lb -> a
  lb -> b
  scenario s { duration 60s fail ${failure} at ${AT_S}s for ${FOR_S}s }
}`;

describe('a health-checked balancer fails over within the detection window', () => {
    const algorithms = ['round_robin', 'weighted_round_robin weights [1, 1, 1, 1]', 'least_connections', 'least_response_time', 'least_bandwidth', 'ip_hash', 'random'];
    for (const algorithm of algorithms) {
        it(`${algorithm.split(' ')[0]}: a zone's replicas fail for the detection window only`, async () => {
            const report = await runSimulation(await model(replicasBehind(`algorithm ${algorithm} ${CHECK}`)), { scenario: 'zone_a', seed: 5 });
            const seconds = failingSeconds(report);
            expect(seconds.filter((s) => s < AT_S || s > AT_S + DETECT_S)).toEqual([]);
            expect(seconds.filter((s) => s < AT_S + DETECT_S)).toEqual(detectionWindow);
        });
    }

    it('active_passive: the standby takes over once the check notices', async () => {
        const report = await runSimulation(await model(replicasBehind(`mode active_passive ${CHECK}`)), { scenario: 'zone_a', seed: 5 });
        expect(failingSeconds(report).filter((s) => s < AT_S + DETECT_S)).toEqual(detectionWindow);
        expect(failingSeconds(report).filter((s) => s > AT_S + DETECT_S)).toEqual([]);
    });

    it('loses half the requests of the window under round robin, as the estimate says', async () => {
        const m = await model(replicasBehind(`algorithm round_robin ${CHECK}`));
        const report = await runSimulation(m, { scenario: 'zone_a', seed: 5 });
        // Two of four replicas dead for 7 s at 500 rps: 1,750 failed (Poisson σ ≈ 42).
        expect(Math.abs(report.requests.failed - 0.5 * 500 * DETECT_S)).toBeLessThan(200);
        expect(Math.abs(analyticReport(m, { scenario: 'zone_a' }).availability - report.availability)).toBeLessThan(0.003);
    });

    it('without a health check, fails the dead share for the whole outage', async () => {
        const report = await runSimulation(await model(replicasBehind('algorithm round_robin')), { scenario: 'zone_a', seed: 5 });
        expect(failingSeconds(report)).toEqual(Array.from({ length: FOR_S }, (_, i) => AT_S + i));
    });
});

describe('a health-checked balancer drops a failed backend component', () => {
    for (const [what, failure] of [['a component', 'a'], ['the zone that holds it', 'east']]) {
        it(`when ${what} fails: the detection window, not the outage`, async () => {
            const m = await model(componentsBehind(CHECK, failure));
            const report = await runSimulation(m, { scenario: 's', seed: 5 });
            expect(failingSeconds(report).filter((s) => s > AT_S + DETECT_S)).toEqual([]);
            expect(failingSeconds(report).filter((s) => s < AT_S + DETECT_S)).toEqual(detectionWindow);
            // Half the traffic for 7 s, not for 30 s.
            expect(Math.abs(report.requests.failed - 0.5 * 500 * DETECT_S)).toBeLessThan(200);
            const estimate = analyticReport(m, { scenario: 's' });
            expect(Math.abs(estimate.availability - report.availability)).toBeLessThan(0.003);
            expect(estimate.availability).toBeCloseTo(1 - (0.5 * DETECT_S) / 60, 3);
        });
    }

    it('without a health check, keeps sending the failed component half the traffic', async () => {
        const m = await model(componentsBehind('', 'a'));
        const report = await runSimulation(m, { scenario: 's', seed: 5 });
        expect(Math.abs(report.requests.failed - 0.5 * 500 * FOR_S)).toBeLessThan(400);
        expect(analyticReport(m, { scenario: 's' }).availability).toBeCloseTo(1 - (0.5 * FOR_S) / 60, 3);
    });

    it('takes the component back one probe interval after it recovers', async () => {
        const report = await runSimulation(await model(componentsBehind(CHECK, 'a')), { scenario: 's', seed: 5 });
        // a serves half until 20 s, and again once readmitted at 52 s (back at 50 s, plus one 2 s probe).
        const served = 0.5 * 500 * (AT_S + (60 - AT_S - FOR_S - 2));
        expect(Math.abs(report.components.a.throughputRps * 60 - served)).toBeLessThan(400);
    });
});
