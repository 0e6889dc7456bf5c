import { describe, expect, it } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { at, findings } from './helpers.js';
import { parse } from '../helpers.js';
import { ruleTester } from './rule-tester.js';
import { createArchServices } from '../../language-server/arch-module.js';
import { buildText } from '../../language-server/workspace.js';
import { isSuppressed, parseSuppressions } from '../../language-server/rules/suppression.js';

const model = (comment: string) => `system S {
  client web
  ${comment}
  service api
  service spare { replicas 2 }
  web -> api
}`;

describe('suppression comments', () => {
    it('silence the named rule on the next line, with a reason, and nothing else is reported', async () => {
        const text = model('// archlint-disable-next-line spof -- failover is manual and accepted');
        const codes = (await parse(text)).diagnostics.map((d) => d.code);
        expect(codes).not.toContain('spof');
        expect(codes).not.toContain('suppression-without-reason');
        expect(codes).toContain('unreachable');
    });

    it('without a reason still silence the rule', async () => {
        expect(await findings(model('// archlint-disable-next-line spof'), 'spof')).toEqual([]);
    });

    it('silence several rules, and only on the next line', async () => {
        const text = `system S {
  client web
  // archlint-disable-next-line spof, unreachable -- a sketch
  service api
  service spare
  web -> api
}`;
        expect(await findings(text, 'spof')).toEqual([]);
        expect(await findings(text, 'unreachable')).toEqual([at('unreachable', 'spare', text, 'spare')]);
    });

    it('do not silence other rules', async () => {
        const text = model('// archlint-disable-next-line unreachable -- reason');
        expect(await findings(text, 'spof')).toEqual([at('spof', 'api', text, 'api')]);
    });

    it('silence language errors but never syntax errors', async () => {
        const unknown = 'system S {\n  service a\n  // archlint-disable-next-line unknown-reference -- generated\n  a -> ghost\n}';
        expect((await parse(unknown)).diagnostics.map((d) => d.code)).not.toContain('unknown-reference');
        expect(isSuppressed(parseSuppressions('// archlint-disable-next-line syntax -- x\n@'), 'syntax', 1)).toBe(false);
    });

    it('apply to the next line only, and never to syntax or internal errors', () => {
        const suppressions = parseSuppressions('a\r\n// archlint-disable-next-line spof, internal-error -- why\r\nb');
        expect(suppressions.map((s) => s.line)).toEqual([1]);
        expect(isSuppressed(suppressions, 'spof', 2)).toBe(true);
        expect(isSuppressed(suppressions, 'spof', 1)).toBe(false);
        expect(isSuppressed(suppressions, 'spof', 3)).toBe(false);
        expect(isSuppressed(suppressions, 'unreachable', 2)).toBe(false);
        expect(isSuppressed(suppressions, 'internal-error', 2)).toBe(false);
    });

    it('each of several comments silences its own next line', () => {
        const suppressions = parseSuppressions('// archlint-disable-next-line spof -- a\nx\n// archlint-disable-next-line unreachable -- b\ny');
        expect(isSuppressed(suppressions, 'spof', 1)).toBe(true);
        expect(isSuppressed(suppressions, 'unreachable', 3)).toBe(true);
        expect(isSuppressed(suppressions, 'spof', 3)).toBe(false);
    });

    it('are read after code on the same line, and with any spacing', () => {
        expect(parseSuppressions('service a //archlint-disable-next-line spof').map((s) => [s.line, s.rules, s.reason])).toEqual([[0, ['spof'], undefined]]);
        expect(parseSuppressions('//   archlint-disable-next-line   spof   --   ').map((s) => s.reason)).toEqual([undefined]);
        expect(parseSuppressions('// archlint-disable-next-lines spof')).toEqual([]);
    });

    it('are not read from inside a string', () => {
        expect(parseSuppressions('service a "// archlint-disable-next-line spof -- x"')).toEqual([]);
    });

    it('parse rules, reason and range', () => {
        expect(parseSuppressions('x\n  // archlint-disable-next-line a,b c -- why -- really')).toEqual([{
            line: 1, rules: ['a', 'b', 'c'], reason: 'why -- really',
            range: { start: { line: 1, character: 2 }, end: { line: 1, character: 54 } },
        }]);
    });

    it('the missing-reason warning can be turned off like any rule', async () => {
        const services = createArchServices(EmptyFileSystem).Arch;
        const text = model('// archlint-disable-next-line spof');
        const codes = async () => (await buildText(services, text)).diagnostics.map((d) => d.code);
        expect(await codes()).toContain('suppression-without-reason');
        services.archlint.Config.setExplicit({ rules: { 'suppression-without-reason': 'off' }, thresholds: {} });
        expect(await codes()).not.toContain('suppression-without-reason');
        expect(await codes()).not.toContain('spof');
    });
});

ruleTester.run('suppression-without-reason', {
    valid: [
        { name: 'a suppression with a reason', code: model('// archlint-disable-next-line spof -- failover is manual and accepted') },
        { name: 'a comment that is not a suppression', code: model('// archlint: spof is accepted here') },
    ],
    invalid: [
        {
            name: 'a suppression without a reason, on the whole comment',
            code: model('// archlint-disable-next-line spof'), errors: [{ on: '// archlint-disable-next-line spof' }],
        },
        {
            name: 'each of two suppressions without a reason',
            code: 'system S {\n  // archlint-disable-next-line spof\n  service api\n  // archlint-disable-next-line unreachable\n  service spare\n}',
            errors: [{ on: '// archlint-disable-next-line spof' }, { on: '// archlint-disable-next-line unreachable' }],
        },
    ],
});
