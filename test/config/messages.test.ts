/**
 * What a rejected configuration file says, word for word, and where: every message the schema's
 * errors turn into (config-messages.ts), and the line and column of the culprit, counted by hand
 * in each text below (1-based; a tab and a CR LF count as one character and one line break).
 */
import type { ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { describeSchemaError, locate } from '../../language-server/rules/config-messages.js';
import { rejection } from './rejection.js';

/** An ajv error object as the validator makes them, for the cases no schema error reaches. */
const schemaError = (keyword: string, instancePath: string, message?: string, params: Record<string, unknown> = {}): ErrorObject =>
    ({ keyword, instancePath, schemaPath: '#', params, message });

const LEVELS = 'off, info, warning, error';
const LIST = '(`archlint explain --list` lists them)';
/** Every declared threshold in catalog order (the README's table, rules.md's order of the rules). */
const ALL_THRESHOLDS = [
    'hot-key.utilisation', 'hot-shard.imbalance', 'cache-write-through-write-heavy.writeShare',
    'cache-eviction-mismatch.gain', 'cache-eviction-mismatch.lfuWriteShare', 'cache-undersized.minHitRate',
    'capacity-exceeded.utilisation', 'capacity-headroom.utilisation', 'capacity-latency-mismatch.tolerance',
    'polling-overhead.intervalS', 'index-write-heavy.maxIndexes', 'index-write-heavy.writeRatio',
    'write-bottleneck.utilisation', 'write-bottleneck.headroom', 'cache-stampede.concurrentMisses', 'fan-out-tail.width',
];

describe('the message of a rejected configuration', () => {
    it.each([
        ['a language error set at all', { rules: { syntax: 'off' } }, 'rule "syntax" cannot be configured: its findings are always errors'],
        ['an internal error set at all', { rules: { 'internal-error': 'warning' } }, 'rule "internal-error" cannot be configured: its findings are always errors'],
        ['a misspelt rule', { rules: { spof: 'off', spoff: 'off' } }, `unknown rule "spoff" in "rules". Did you mean 'spof'? ${LIST}`],
        ['a rule like none', { rules: { 'zzzzzzzz-qqq': 'off' } }, `unknown rule "zzzzzzzz-qqq" in "rules". ${LIST}`],
        ['a misspelt threshold of a rule with one', { thresholds: { 'hot-shard.imbalence': 1 } },
            'unknown threshold "hot-shard.imbalence" in "thresholds". Did you mean \'hot-shard.imbalance\'? Known: hot-shard.imbalance'],
        ['a misspelt threshold of a rule with two', { thresholds: { 'index-write-heavy.maxIndex': 1 } },
            'unknown threshold "index-write-heavy.maxIndex" in "thresholds". Did you mean \'index-write-heavy.maxIndexes\'? Known: index-write-heavy.maxIndexes, index-write-heavy.writeRatio'],
        // "write-bottleneck" (no name after the rule) is 9 edits from its thresholds, past the 5 a typo may be.
        ['a rule id alone as a threshold', { thresholds: { 'write-bottleneck': 1 } },
            'unknown threshold "write-bottleneck" in "thresholds". Known: write-bottleneck.utilisation, write-bottleneck.headroom'],
        ['a threshold of no rule', { thresholds: { nothing: 1 } }, `unknown threshold "nothing" in "thresholds". Known: ${ALL_THRESHOLDS.join(', ')}`],
        ['a threshold of a rule without thresholds', { thresholds: { 'spof.limit': 1 } }, `unknown threshold "spof.limit" in "thresholds". Known: ${ALL_THRESHOLDS.join(', ')}`],
        ['an unknown top-level key', { rules: {}, extends: 'x' }, 'unknown key "extends"; use "rules" and "thresholds"'],
        ['an unknown level', { rules: { spof: 'loud' } }, `rule "spof" has level "loud"; use one of ${LEVELS}`],
        ['a level in capitals', { rules: { 'hot-shard': 'Error' } }, `rule "hot-shard" has level "Error"; use one of ${LEVELS}`],
        ['an array', [], 'must be a JSON object'],
        ['null', null, 'must be a JSON object'],
        ['a number', 42, 'must be a JSON object'],
        ['rules as an array', { rules: [] }, '"rules" must be an object of rule id to level'],
        ['thresholds as a string', { thresholds: 'high' }, '"thresholds" must be an object of name to number'],
        ['a level that is a number', { rules: { spof: 0 } }, `rule "spof" has a level that is not a string; use one of ${LEVELS}`],
        ['a level that is null', { rules: { unreachable: null } }, `rule "unreachable" has a level that is not a string; use one of ${LEVELS}`],
        ['a number threshold given as a string', { thresholds: { 'hot-shard.imbalance': '1' } }, 'threshold "hot-shard.imbalance" must be a number'],
        ['a whole-number threshold given a fraction', { thresholds: { 'index-write-heavy.maxIndexes': 2.5 } }, 'threshold "index-write-heavy.maxIndexes" must be a whole number'],
        ['a whole-number threshold given a string', { thresholds: { 'fan-out-tail.width': '3' } }, 'threshold "fan-out-tail.width" must be a whole number'],
        ['a threshold under its inclusive minimum', { thresholds: { 'hot-shard.imbalance': -0.5 } }, 'threshold "hot-shard.imbalance" is -0.5; it must be >= 0'],
        ['a whole number under its minimum of 2', { thresholds: { 'fan-out-tail.width': 1 } }, 'threshold "fan-out-tail.width" is 1; it must be >= 2'],
        ['a share over 1', { thresholds: { 'cache-undersized.minHitRate': 1.5 } }, 'threshold "cache-undersized.minHitRate" is 1.5; it must be <= 1'],
        ['a threshold at its exclusive minimum', { thresholds: { 'polling-overhead.intervalS': 0 } }, 'threshold "polling-overhead.intervalS" is 0; it must be > 0'],
    ])('%s', (_name, raw, message) => {
        expect(rejection(raw)).toBe(`c.json: ${message}`);
    });

    it('says a $schema that is not a string must be a string (not that it must be an object of numbers)', () => {
        expect(rejection({ $schema: 5 })).toBe('c.json: "$schema" must be a string');
    });

    it('falls back to the path and ajv\'s words for a keyword it has no sentence for, decoding the pointer', () => {
        // RFC 6901: "~1" is "/", "~0" is "~", and "~01" is "~1" (decoded "~1" first, then "~0").
        expect(describeSchemaError(schemaError('pattern', '/thresholds/a~1b~01', 'must match "x"'), {})).toBe('thresholds.a/b~1 must match "x"');
        expect(describeSchemaError(schemaError('required', '', "must have required property 'rules'"), {})).toBe("the file must have required property 'rules'");
        expect(describeSchemaError(schemaError('const', '/rules'), {})).toBe('rules is invalid');
    });

    it('quotes the level or number as written, read from the parsed value at the error\'s path, for every bound keyword', () => {
        const raw = { rules: { 'a/b': 'x', spof: 'LOUD' } };
        expect(describeSchemaError(schemaError('enum', '/rules/spof', undefined, { allowedValues: ['on', 'off'] }), raw))
            .toBe('rule "spof" has level "LOUD"; use one of on, off');
        expect(describeSchemaError(schemaError('enum', '/rules/a~1b', undefined, { allowedValues: ['on'] }), raw))
            .toBe('rule "a/b" has level "x"; use one of on');
        expect(describeSchemaError(schemaError('maximum', '/thresholds/t', undefined, { comparison: '<=', limit: 3 }), { thresholds: { t: 7 } }))
            .toBe('threshold "t" is 7; it must be <= 3');
        // No threshold declares an exclusive maximum today; one that did would read like the other bounds.
        expect(describeSchemaError(schemaError('exclusiveMaximum', '/thresholds/t', undefined, { comparison: '<', limit: 3 }), { thresholds: { t: 3 } }))
            .toBe('threshold "t" is 3; it must be < 3');
    });
});

describe('the line and column of a rejected configuration', () => {
    it.each([
        // Line 4 is `      "spoff": "off"`: six spaces, then the key.
        ['an unknown rule, at its key', { rules: { spof: 'off', spoff: 'off' } }, '{\n  "rules": {\n    "spof": "off",\n      "spoff": "off"\n  }\n}\n', '4:7', 'unknown rule "spoff"'],
        // `{"rules": {"spof": "off", "spoff": "off"}}`: `{` 1, `"rules"` 2-8, `:` 9, ` ` 10, `{` 11, `"spof"` 12-17, `:` 18, ` ` 19, `"off"` 20-24, `,` 25, ` ` 26, `"spoff"` 27.
        ['an unknown rule on one line', { rules: { spof: 'off', spoff: 'off' } }, '{"rules": {"spof": "off", "spoff": "off"}}', '1:27', 'unknown rule "spoff"'],
        // Line 2 is `\t"rules": {"spof":   "loud"}`: tab 1, `"rules"` 2-8, `:` 9, ` ` 10, `{` 11, `"spof"` 12; the value "loud" (column 21) is not where it points.
        ['a bad level, at its key and not its value', { rules: { spof: 'loud' } }, '{\n\t"rules": {"spof":   "loud"}\n}', '2:12', 'rule "spof" has level "loud"'],
        // `{"thresholds": {"hot-key.utilisation": "1"}}`: `"thresholds"` 2-13, `:` 14, ` ` 15, `{` 16, the key 17.
        ['a threshold of the wrong type', { thresholds: { 'hot-key.utilisation': '1' } }, '{"thresholds": {"hot-key.utilisation": "1"}}', '1:17', 'threshold "hot-key.utilisation" must be a number'],
        // `{"thresholds": {"x": 1}}`: the unknown key "x" at 17, inside "thresholds" (the error's path) at 2.
        ['an unknown threshold, at its key inside "thresholds"', { thresholds: { x: 1 } }, '{"thresholds": {"x": 1}}', '1:17', 'unknown threshold "x"'],
        ['"rules" of the wrong type, at its key', { rules: [] }, '{"rules": []}', '1:2', '"rules" must be an object'],
        // The whole file is the culprit: the array starts on line 3 after three spaces.
        ['a file that is not an object, at its value', [1], '\n\n   [1]', '3:4', 'must be a JSON object'],
        // CR LF ends a line once: line 3 is `    "hot-key.utilisation": 0`.
        ['lines ended by CR LF', { thresholds: { 'hot-key.utilisation': 0 } }, '{\r\n  "thresholds": {\r\n    "hot-key.utilisation": 0\r\n  }\r\n}', '3:5', 'threshold "hot-key.utilisation" is 0; it must be > 0'],
        // Two CR LF, then two spaces: line 3, column 3 (not line 5).
        ['blank lines ended by CR LF', { extends: 1 }, '{\r\n\r\n  "extends": 1}', '3:3', 'unknown key "extends"'],
        // A lone CR ends a line: line 2 is `"rules": {}, "x": 1}`, "x" at 14 after `"rules"` 1-7, `:` 8, ` ` 9, `{}` 10-11, `,` 12, ` ` 13.
        ['lines ended by a lone CR', { rules: {}, x: 1 }, '{\r"rules": {}, "x": 1}', '2:14', 'unknown key "x"'],
    ])('%s', (_name, raw, text, where, message) => {
        expect(rejection(raw, text).startsWith(`c.json:${where}: ${message}`), rejection(raw, text)).toBe(true);
    });

    it('is left out when the text does not hold the culprit, or is empty', () => {
        const raw = { rules: { spof: 'loud' } };
        expect(rejection(raw, '{}')).toBe(`c.json: rule "spof" has level "loud"; use one of ${LEVELS}`);
        expect(rejection(raw, '')).toBe(`c.json: rule "spof" has level "loud"; use one of ${LEVELS}`);
        expect(rejection(raw, '{"rules": {"other": 1}}')).toBe(`c.json: rule "spof" has level "loud"; use one of ${LEVELS}`);
    });

    it('decodes the error\'s pointer to find keys with "/" and "~" in them', () => {
        // `{"a/b": {"c~d": 1}}`: `{` 1, `"a/b"` 2-6, `:` 7, ` ` 8, `{` 9, `"c~d"` 10.
        expect(locate('{"a/b": {"c~d": 1}}', schemaError('type', '/a~1b/c~0d'))).toEqual({ line: 1, column: 10 });
        // An unknown key named in the params, under a decoded path: `{"a/b": {"x~1": 1}}`, "x~1" at 10.
        expect(locate('{"a/b": {"x~1": 1}}', schemaError('additionalProperties', '/a~1b', undefined, { additionalProperty: 'x~1' }))).toEqual({ line: 1, column: 10 });
        expect(locate('{"a": 1}', schemaError('additionalProperties', '', undefined, { additionalProperty: 'b' }))).toBeUndefined();
    });
});
