/**
 * One story on every v2 model in the tests (the published designs of test/realworld, as
 * published and fixed, and the shipped samples/*.arch with their imports): lint's offered
 * reads and writes per component are the estimate's, and the simulation's agree with both
 * within Poisson noise, as do the replica loads of stores whose replicas apply every write
 * (whose busiest replica lint and the estimate load alike) and the caches' hit rates; every
 * request the simulation offers is completed, failed or in flight at the end. Each
 * runs at a few hundred requests per second (the rates, not the published peaks, decide the noise and the run time).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSystem } from '../../cli/load-system.js';
import { computeLoads } from '../../language-server/analysis/traffic.js';
import { analyticReport } from '../../language-server/simulation/estimate/report.js';
import { runSimulation } from '../../language-server/simulation/run.js';

const ROOT = join(import.meta.dirname, '..', '..');
/** The folders of v2 models, relative to the repository. */
const DIRS = ['test/realworld', 'samples'];
const DURATION_S = 20;
/** Offered requests per second of every run. */
const RPS = 300;

describe('lint, the estimate and the simulation agree on the v2 models', () => {
    const files = DIRS.flatMap((dir) => readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.arch')).sort().map((f) => join(dir, f)));
    for (const file of files) {
        it(file, async () => {
            // As `archlint simulate` loads it, imports and all; a language error fails the test.
            const { model: m } = await loadSystem(join(ROOT, file), { requireValid: true });
            const options = { rps: RPS, load: 'mean' as const, durationS: DURATION_S };
            const lint = computeLoads(m, { rpsOverride: RPS, peak: false });
            const estimate = analyticReport(m, options);
            const simulated = await runSimulation(m, { ...options, seed: 13 });
            const off: string[] = [];
            const compare = (what: string, sim: number | undefined, est: number, visits: number) => {
                // Five standard deviations of a Poisson count, its variance grown by the visits per request.
                const sigma = Math.sqrt(est * DURATION_S * (1 + visits)) / DURATION_S;
                if (!(Math.abs((sim ?? NaN) - est) <= 5 * sigma + 0.5)) off.push(`${what}: simulated ${sim}, estimated ${est}`);
            };
            for (const [name, load] of lint) {
                const e = estimate.components[name];
                if (!e) continue;
                expect(e.readRps, `${name} reads`).toBeCloseTo(load.readRps * (e.throughputRps / Math.max(load.rps, 1e-12)), 2);
                const s = simulated.components[name];
                compare(`${name} reads`, s.readRps, e.readRps, e.callsPerRequest);
                compare(`${name} writes`, s.writeRps, e.writeRps, e.callsPerRequest);
                e.replicaRps?.forEach((rps, r) => compare(`${name} replica ${r}`, s.replicaRps?.[r], rps, e.callsPerRequest));
                if (e.replicaRps && load.replication?.utilisation !== undefined) {
                    expect(e.maxUtilisation, `${name} busiest replica`).toBeCloseTo(load.replication.utilisation, 4);
                }
            }
            for (const [name, { hitRate }] of Object.entries(estimate.caches)) {
                if (Math.abs(simulated.caches[name].hitRate - hitRate) > 0.03) off.push(`${name} hit rate: simulated ${simulated.caches[name].hitRate}, estimated ${hitRate}`);
            }
            expect(off).toEqual([]);
            const { offered, completed, failed, inFlight } = simulated.requests;
            expect(completed + failed + inFlight, 'every request offered is accounted for').toBe(offered);
        }, 120_000);
    }
});
