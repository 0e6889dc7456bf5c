/**
 * The declared capacity is the capacity everywhere: lint, the estimate and the simulation
 * report the same utilisation for the same load, whatever `capacity × latency` comes to,
 * and `capacity 0` is an error rather than "utilisation Infinity%" in one tool and 50% in
 * another. Utilisation here is load / capacity, the definition, computed in the test.
 */
import { describe, expect, it } from 'vitest';
import { model, parse } from '../helpers.js';
import { analyse } from '../../language-server/analysis/model-analysis.js';
import { utilisationOf } from '../../language-server/analysis/traffic.js';
import { analyticReport } from '../../language-server/simulation/estimate/report.js';
import { runSimulation } from '../../language-server/simulation/run.js';

const api = (props: string, rps = 900) => `system S {
  workload { rps ${rps} }
  client u
  service api { ${props} }
  u -> api
}`;

describe('one capacity for lint, estimate and simulation', () => {
    /** Name, properties, offered rps, and the capacity of all replicas. */
    const cases: [string, string, number, number][] = [
        ['1.5 servers (capacity 1000 rps latency 1.5ms)', 'capacity 1000 rps latency 1.5ms', 900, 1000],
        ['a fifth of a server (capacity 200 rps latency 1ms)', 'capacity 200 rps latency 1ms', 150, 200],
        ['floating error just above one server (capacity 1500 rps latency 666.667us)', 'capacity 1500 rps latency 666.667us', 900, 1500],
        ['three replicas of 2.4 servers', 'replicas 3 capacity 800 rps latency 3ms', 1800, 2400],
        ['a declared concurrency', 'capacity 1000 rps latency 1ms concurrency 4', 900, 1000],
    ];
    for (const [name, props, rps, capacity] of cases) {
        it(name, async () => {
            const expected = rps / capacity;
            const m = await model(api(props, rps));
            const lint = utilisationOf(m.components.get('api')!, analyse(m).traffic.loads.get('api')!);
            const estimate = analyticReport(m).components.api.utilisation;
            // About 600k requests: the utilisation measured over them is within a percent.
            const simulated = (await runSimulation(m, { durationS: 600_000 / rps, seed: 2 })).components.api.utilisation;
            expect(lint).toBeCloseTo(expected, 9);
            expect(estimate).toBeCloseTo(expected, 4);
            expect(Math.abs(simulated - expected), `simulated ${simulated}`).toBeLessThan(0.01);
        });
    }

    it('keeps a tandem of three M/M/1 stations at theory (capacity 1500 rps, latency 666.667us)', async () => {
        const m = await model(`system S { workload { rps 750 } client u
          service a { capacity 1500 rps latency 666.667us } service b { capacity 1500 rps latency 666.667us }
          service c { capacity 1500 rps latency 666.667us } u -> a -> b -> c }`);
        const report = await runSimulation(m, { durationS: 600, warmupS: 2, seed: 6 });
        // Three M/M/1 at λ = 750, μ = 1500: each 1 / (μ − λ) = 1.333 ms, 4 ms in all.
        expect(Math.abs(report.latencyMs.mean / 4 - 1)).toBeLessThan(0.03);
    });
});

describe('capacity 0', () => {
    it('is an invalid-value error on the number', async () => {
        const text = api('capacity 0 rps latency 1ms');
        const { diagnostics } = await parse(text);
        const errors = diagnostics.filter((d) => d.code === 'invalid-value');
        expect(errors).toHaveLength(1);
        expect(errors[0].range.start).toEqual({ line: 3, character: text.split('\n')[3].indexOf('0 rps') });
    });

    it('is never taken as a capacity by the tools that still read the model', async () => {
        const { models } = await parse(api('capacity 0 rps latency 1ms'));
        const m = models[0];
        expect(m.components.get('api')!.capacityRps).toBeUndefined();
        expect(utilisationOf(m.components.get('api')!, analyse(m).traffic.loads.get('api')!)).toBeUndefined();
        expect((await runSimulation(m, { durationS: 5 })).components.api.utilisation).toBe(0);
    });

    it('leaves a cache\'s `capacity N items` alone', async () => {
        const { diagnostics } = await parse(`system S { client u cache c { capacity 1 items } u -> c }`);
        expect(diagnostics.filter((d) => d.code === 'invalid-value')).toEqual([]);
    });
});
