/** Running rules under a configuration: levels, per-finding severities, and a crashing rule. */
import { describe, expect, it } from 'vitest';
import { levelOf, runRules } from '../../language-server/rules/run-rules.js';
import type { Rule, RuleMeta, Severity } from '../../language-server/rules/rule.js';
import { model } from '../helpers.js';

const meta = (severity: Severity): RuleMeta => ({ description: 'test rule', severity, fixable: false, category: 'design' });
const TEXT = 'system S {\n  client c\n  service api { replicas 2 }\n  flow f : c -> api\n}';

describe('rule levels', () => {
    it('follow the configuration, except for syntax and internal errors', () => {
        const config = { rules: { syntax: 'off', 'internal-error': 'info', spof: 'off', unreachable: 'info' } as const, thresholds: {} };
        expect(levelOf({ id: 'syntax', meta: meta('error') }, config)).toBe('error');
        expect(levelOf({ id: 'internal-error', meta: meta('error') }, config)).toBe('error');
        expect(levelOf({ id: 'spof', meta: meta('error') }, config)).toBe('off');
        expect(levelOf({ id: 'unreachable', meta: meta('warning') }, config)).toBe('info');
        expect(levelOf({ id: 'zone-spof', meta: meta('warning') }, config)).toBe('warning');
    });
});

describe('running rules', () => {
    const reporter = (id: string, severity?: Severity): Rule => ({
        id, meta: meta('warning'),
        check: ({ model: m, report }) => report({ message: 'found', location: m.source, ...(severity ? { severity } : {}) }),
    });

    it('give each finding its own severity at the default level, and the configured level when one is set', async () => {
        const m = await model(TEXT);
        const rules = [reporter('a', 'error'), reporter('b'), reporter('c', 'error'), reporter('d')];
        const found = runRules([m], { rules: { c: 'info', d: 'off' }, thresholds: {} }, rules);
        expect(found.map((f) => [f.rule, f.severity])).toEqual([['a', 'error'], ['b', 'warning'], ['c', 'info']]);
    });

    it('turn a crashing rule into one internal error on the system, and run the others', async () => {
        const m = await model(TEXT);
        const crashing: Rule = { id: 'boom', meta: meta('warning'), check: () => { throw new Error('no such shard'); } };
        const found = runRules([m], { rules: {}, thresholds: {} }, [crashing, reporter('after')]);
        expect(found).toEqual([
            { rule: 'internal-error', severity: 'error', location: m.source, message: "Rule 'boom' crashed on system 'S': no such shard." },
            { rule: 'after', severity: 'warning', location: m.source, message: 'found' },
        ]);
    });

    it('skip a rule without a check', async () => {
        expect(runRules([await model(TEXT)], { rules: {}, thresholds: {} }, [{ id: 'language-only', meta: meta('error') }])).toEqual([]);
    });
});
