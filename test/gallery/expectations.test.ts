/** The matching of findings to the gallery's explaining comments (expectations.ts). */
import { describe, expect, it } from 'vitest';
import { markersOf, reconcile, withoutSuppressions, type ComponentSpan, type Finding } from './expectations.js';

const TEXT = [
    'system S {',                                                       // 0
    '  database db {',                                                  // 1
    '    // expect: manual-failover -- nobody promotes the follower',   // 2
    '    replicas 2',                                                   // 3
    '  }',                                                              // 4
    '  // archlint-disable-next-line spof -- a standby is not needed',  // 5
    '  service one { replicas 1 }',                                     // 6
    '  // expect: fan-out-tail, slo-miss -- accepted',                  // 7
    '  flow f 100% read : one -> db [x20]',                             // 8
    '  // expect: hot-key',                                             // 9
    '}',
].join('\n');
const SPANS: ComponentSpan[] = [{ name: 'db', start: 1, end: 4 }, { name: 'one', start: 6, end: 6 }];

function finding(rule: string, line: number, component?: string): Finding {
    return { rule, line, component, message: '' };
}

describe('gallery expectations', () => {
    const markers = markersOf(TEXT, SPANS);

    it('reads `expect:` and suppression comments with their rules, reasons and components', () => {
        expect(markers.map((m) => [m.kind, m.rules, m.line, m.reason, m.owner])).toEqual([
            ['expect', ['manual-failover'], 2, 'nobody promotes the follower', 'db'],
            ['suppress', ['spof'], 5, 'a standby is not needed', 'one'],
            ['expect', ['fan-out-tail', 'slo-miss'], 7, 'accepted', undefined],
            ['expect', ['hot-key'], 9, '', undefined],
        ]);
    });

    it('explains a finding of the comment\'s rule on its component, wherever the component reports it', () => {
        const { unexplained } = reconcile([finding('manual-failover', 1, 'db'), finding('manual-failover', 3, 'db')], markers);
        expect(unexplained).toEqual([]);
    });

    it('explains a finding on the comment\'s line or the next, and no other rule or place', () => {
        const found = [finding('fan-out-tail', 8, 'one'), finding('slo-miss', 8), finding('spof', 6, 'one'),
            finding('hot-shard', 3, 'db'), finding('slo-miss', 10), finding('manual-failover', 6, 'one')];
        expect(reconcile(found, markers).unexplained.map((f) => `${f.rule}@${f.line}`)).toEqual(['hot-shard@3', 'slo-miss@10', 'manual-failover@6']);
    });

    it('reports comments whose finding is gone', () => {
        expect(reconcile([finding('spof', 6, 'one')], markers).unused.map((m) => m.line)).toEqual([2, 7, 9]);
    });

    it('disarms suppressions without moving any text', () => {
        const disarmed = withoutSuppressions(TEXT);
        expect(disarmed.length).toBe(TEXT.length);
        expect(markersOf(disarmed, SPANS).filter((m) => m.kind === 'suppress')).toEqual([]);
    });
});
