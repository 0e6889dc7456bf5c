import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeWorst, mutationsOf, runMutations } from '../../bench/mutation.js';

const SAMPLES = fileURLToPath(new URL('../../samples', import.meta.url));

describe('one mistake, one error (quality.md)', () => {
    it('the mutants cover every kind of single mistake', () => {
        const kinds = new Set(mutationsOf('m.arch', 'system S {\n  client c { rps 2k }\n  service a { capacity 3k rps latency 4ms }\n  c -> a\n}').map((m) => m.kind));
        expect([...kinds].sort()).toEqual(['delete-token', 'drop-brace', 'duplicate-line', 'misspell-keyword', 'misspell-property', 'misspell-reference', 'misspell-unit']);
    });

    it('over single-token mutations of every sample: median 1 new diagnostic, 95th percentile at most 2, none lost elsewhere', async () => {
        const summary = await runMutations(SAMPLES);
        const worst = describeWorst(summary, 2).join('\n');
        expect(summary.outcomes.length).toBeGreaterThan(200);
        expect(summary.median, worst).toBeLessThanOrEqual(1);
        expect(summary.p95, worst).toBeLessThanOrEqual(2);
        expect(summary.lost, worst).toBe(0);
    }, 180_000);
});
