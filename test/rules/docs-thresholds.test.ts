/** Where diagnostics link their rule docs, and how a rule reads its thresholds. */
import { afterEach, describe, expect, it } from 'vitest';
import { RULE_PAGES_URL, ruleDocUri, rulePageUrl, setDocsBase } from '../../language-server/rules/docs.js';
import { thresholdReader } from '../../language-server/rules/thresholds.js';
import { DESIGN_RULES } from '../../language-server/rules/design-rules.js';

describe('rule doc links', () => {
    afterEach(() => setDocsBase(RULE_PAGES_URL));

    it('point at the repository page, or under a local folder given with or without its slash', () => {
        expect(ruleDocUri('spof')).toBe('https://github.com/archlint/archlint/blob/main/language-server/rules/spof.md');
        setDocsBase('file:///ext/rules');
        expect(ruleDocUri('spof')).toBe('file:///ext/rules/spof.md');
        setDocsBase('/ext/rules/');
        expect(ruleDocUri('spof')).toBe('/ext/rules/spof.md');
        expect(rulePageUrl('spof')).toBe('https://github.com/archlint/archlint/blob/main/language-server/rules/spof.md');
    });
});

describe('thresholds', () => {
    const hotKey = DESIGN_RULES.find((r) => r.id === 'hot-key')!;

    it('read the configured value, else the default, by short or full name', () => {
        expect(thresholdReader(hotKey, {})('utilisation')).toBe(1);
        expect(thresholdReader(hotKey, { 'hot-key.utilisation': 2 })('utilisation')).toBe(2);
        expect(thresholdReader(hotKey, { 'hot-shard.imbalance': 0.5 })('hot-shard.imbalance')).toBe(0.5);
        expect(thresholdReader(hotKey, {})('hot-shard.imbalance')).toBe(0.25);
    });

    it('refuse a name no rule declares', () => {
        expect(() => thresholdReader(hotKey, { 'hot-key.nothing': 3 })('nothing')).toThrow("threshold 'hot-key.nothing' is read but not declared");
    });
});
