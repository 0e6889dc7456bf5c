/** capacity-latency-mismatch: capacity × latency far from a whole number of servers (or from concurrency). */
import { describe, expect, it } from 'vitest';
import { at, findings } from './helpers.js';
import { runRules } from '../../language-server/rules/run-rules.js';
import { capacityLatencyMismatch } from '../../language-server/rules/capacity-latency-mismatch.js';
import { parse } from '../helpers.js';

const api = (props: string) => `system Api {
  workload { rps 500 }
  client app
  service api { replicas 2 ${props} }
  app -> api
}`;

describe('capacity-latency-mismatch', () => {
    const invalid: [string, string][] = [
        ['1.5 servers', 'capacity 1000 rps latency 1.5ms'],
        ['a fifth of a server', 'capacity 200 rps latency 1ms'],
        ['a concurrency that contradicts both', 'capacity 1000 rps latency 1ms concurrency 4'],
    ];
    for (const [name, props] of invalid) {
        it(`reports ${name} on the latency`, async () => {
            const text = api(props);
            const latency = /latency \S+/.exec(props)![0];
            expect(await findings(text, 'capacity-latency-mismatch')).toEqual([at('capacity-latency-mismatch', 'api', text, latency)]);
        });
    }

    const valid: [string, string][] = [
        ['a whole number of servers', 'capacity 1000 rps latency 2ms'],
        ['floating error in a whole number (1500 × 666.667us)', 'capacity 1500 rps latency 666.667us'],
        ['within 10% of a whole number (0.96 servers)', 'capacity 160 rps latency 6ms'],
        ['no latency declared (one server of 1/capacity)', 'capacity 1000 rps'],
        ['no capacity declared', 'latency 1.5ms'],
        ['a concurrency that matches', 'capacity 1000 rps latency 4ms concurrency 4'],
    ];
    for (const [name, props] of valid) {
        it(`stays quiet on ${name}`, async () => {
            expect(await findings(api(props), 'capacity-latency-mismatch')).toEqual([]);
        });
    }

    it('takes its tolerance from the configuration', async () => {
        const { models } = await parse(api('capacity 1000 rps latency 1.15ms'));
        expect(runRules(models, { rules: {}, thresholds: {} }, [capacityLatencyMismatch])).toHaveLength(1);
        expect(runRules(models, { rules: {}, thresholds: { 'capacity-latency-mismatch.tolerance': 0.2 } }, [capacityLatencyMismatch])).toHaveLength(0);
    });
});
