/** The worker-thread runner (runner.ts): the same report as a run in this thread, and a rejection when the worker fails. */
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { model } from '../helpers.js';
import { runSimulation } from '../../language-server/simulation/run.js';
import { runSimulationInWorker } from '../../language-server/simulation/runner.js';
import { tempDir } from '../support/temp-dir.js';

const tiny = `system T {
  workload { rps 200 }
  client u
  service api { capacity 1000 rps latency 1ms }
  u -> api
  scenario s { duration 2s load 2x }
}`;

describe('runSimulationInWorker', () => {
    it('returns what a run in this thread returns, with progress, and the worker script given', async () => {
        const workerPath = join(tempDir('runner-'), 'worker.mjs');
        await build({ entryPoints: ['language-server/simulation/worker.ts'], bundle: true, platform: 'node', format: 'esm', outfile: workerPath, logLevel: 'error' });
        const m = await model(tiny);
        const progress: number[] = [];
        const inWorker = await runSimulationInWorker(m, { scenario: 's', seed: 9, workerPath, onProgress: (f) => progress.push(f) });
        expect(JSON.stringify(inWorker)).toBe(JSON.stringify(await runSimulation(m, { scenario: 's', seed: 9 })));
        expect(inWorker.load.rps).toBe(400);
        expect(progress).toEqual([1]);
    });

    it("rejects with the worker's exit code when it exits without replying", async () => {
        const workerPath = join(tempDir('runner-'), 'exits.mjs');
        writeFileSync(workerPath, 'process.exit(3);\n');
        await expect(runSimulationInWorker(await model(tiny), { workerPath })).rejects.toThrow('simulation worker exited with code 3');
    });

    it('rejects with the error a worker throws', async () => {
        const workerPath = join(tempDir('runner-'), 'throws.mjs');
        writeFileSync(workerPath, "throw new Error('worker broke');\n");
        await expect(runSimulationInWorker(await model(tiny), { workerPath })).rejects.toThrow('worker broke');
    });

    it('without a worker path looks for worker.js beside itself, else the bundled simulation-worker.cjs there', async () => {
        // In the source tree neither is built beside runner.ts: the run rejects naming the bundle it fell back to.
        await expect(runSimulationInWorker(await model(tiny))).rejects.toThrow(/language-server[\\/]simulation[\\/]simulation-worker\.cjs/);
    });
});
