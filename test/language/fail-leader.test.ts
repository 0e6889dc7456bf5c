/** A scenario's `fail X leader` (language.md v2, "Scenarios"): it parses, reaches the model, and on a zone is one error at `leader`. */
import { describe, expect, it } from 'vitest';
import { model, parse } from '../helpers.js';

const SYSTEM = (scenario: string) => `system S {
  zone eu { database db { replicas 3 failover 30s } }
  client c
  c -> db
  scenario s { ${scenario} }
}
`;

describe('fail X leader', () => {
    it('fails only the leader of X, with its window', async () => {
        const [failure] = (await model(SYSTEM('fail db leader at 10s for 20s'))).scenarios[0].failures;
        expect(failure).toMatchObject({ target: 'db', targetKind: 'component', leaderOnly: true, atS: 10, forS: 20 });
        const [whole] = (await model(SYSTEM('fail db at 10s'))).scenarios[0].failures;
        expect(whole.leaderOnly).toBe(false);
    });

    it('is one error on a zone, at the word leader', async () => {
        const text = SYSTEM('fail eu leader at 10s');
        const errors = (await parse(text)).diagnostics.filter((d) => d.severity === 1);
        expect(errors.map((d) => [d.code, d.range.start.line, d.range.start.character])).toEqual([['invalid-value', 4, 23]]);
        expect(errors[0].message).toContain('needs a single leader');
    });

    it('reads a misspelt leader as the keyword, with one error', async () => {
        const errors = (await parse(SYSTEM('fail db leadr at 10s'))).diagnostics.filter((d) => d.severity === 1);
        expect(errors).toHaveLength(1);
        expect(errors[0].message).toContain("'leader'");
    });
});
