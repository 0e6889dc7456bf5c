/**
 * The config schema's shape and values, written out here rather than read from the registry:
 * the 43 configurable rules (the catalog's 45 rule pages less `syntax` and `internal-error`,
 * whose level is fixed) with the four levels, and the 16 thresholds with the type, default and
 * bounds their rules declare (README's table for the defaults). Compared strictly, so a key the
 * schema should not have (a `minimum: undefined`) fails too; then checked by what ajv accepts.
 */
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../language-server/rules/config-schema.js';

const CONFIGURABLE = [
    'acid-on-nosql', 'bad-unit', 'cache-eviction-mismatch', 'cache-local-behind-random-lb', 'cache-stale-read', 'cache-stampede',
    'cache-undersized', 'cache-write-around-read-after-write', 'cache-write-back-durability', 'cache-write-through-write-heavy',
    'cap-conflict', 'capacity-exceeded', 'capacity-headroom', 'capacity-latency-mismatch', 'cross-shard-join', 'cross-shard-reference',
    'duplicate-delivery', 'duplicate-name', 'failover-data-loss', 'fan-out-tail', 'hot-key', 'hot-shard', 'import-cycle',
    'index-write-heavy', 'invalid-value', 'lb-algorithm-mismatch', 'lb-no-health-check', 'manual-failover', 'modulo-resharding',
    'polling-overhead', 'queue-no-retry', 'queue-unconsumed', 'scatter-gather', 'shared-dependency-spof', 'slo-miss', 'spof',
    'stale-replica-read', 'suppression-without-reason', 'unknown-property', 'unknown-reference', 'unreachable', 'write-bottleneck', 'zone-spof',
];

/** Each threshold in catalog order with what its rule declares: shares within 0..1, counts whole. */
const THRESHOLDS: [string, Record<string, unknown>][] = [
    ['hot-key.utilisation', { type: 'number', default: 1, exclusiveMinimum: 0 }],
    ['hot-shard.imbalance', { type: 'number', default: 0.25, minimum: 0 }],
    ['cache-write-through-write-heavy.writeShare', { type: 'number', default: 0.5, minimum: 0, maximum: 1 }],
    ['cache-eviction-mismatch.gain', { type: 'number', default: 0.05, minimum: 0, maximum: 1 }],
    ['cache-eviction-mismatch.lfuWriteShare', { type: 'number', default: 0.1, minimum: 0, maximum: 1 }],
    ['cache-undersized.minHitRate', { type: 'number', default: 0.5, minimum: 0, maximum: 1 }],
    ['capacity-exceeded.utilisation', { type: 'number', default: 1, exclusiveMinimum: 0 }],
    ['capacity-headroom.utilisation', { type: 'number', default: 0.8, exclusiveMinimum: 0 }],
    ['capacity-latency-mismatch.tolerance', { type: 'number', default: 0.1, minimum: 0 }],
    ['polling-overhead.intervalS', { type: 'number', default: 5, exclusiveMinimum: 0 }],
    ['index-write-heavy.maxIndexes', { type: 'integer', default: 3, minimum: 0 }],
    ['index-write-heavy.writeRatio', { type: 'number', default: 0.5, minimum: 0, maximum: 1 }],
    ['write-bottleneck.utilisation', { type: 'number', default: 1, exclusiveMinimum: 0 }],
    ['write-bottleneck.headroom', { type: 'number', default: 0.8, exclusiveMinimum: 0 }],
    ['cache-stampede.concurrentMisses', { type: 'number', default: 5, exclusiveMinimum: 0 }],
    ['fan-out-tail.width', { type: 'integer', default: 10, minimum: 2 }],
];

type Properties = Record<string, Record<string, unknown>>;
/** Built in each test, not once on loading the file: the mutation runs switch the code under test between tests. */
const built = () => configSchema() as { properties: { rules: { properties: Properties }; thresholds: { properties: Properties } } };

describe('the config schema', () => {
    it('is a closed draft-07 object of $schema, rules and thresholds', () => {
        expect(built()).toStrictEqual({
            $schema: 'http://json-schema.org/draft-07/schema#',
            title: expect.any(String),
            description: expect.any(String),
            type: 'object',
            additionalProperties: false,
            properties: {
                $schema: { type: 'string', description: expect.any(String) },
                rules: { type: 'object', description: expect.any(String), additionalProperties: false, properties: expect.any(Object) },
                thresholds: { type: 'object', description: expect.any(String), additionalProperties: false, properties: expect.any(Object) },
            },
        });
    });

    it('lets each of the 43 configurable rules, and only those, be set to off, info, warning or error', () => {
        const rules = built().properties.rules.properties;
        expect(Object.keys(rules).sort()).toEqual(CONFIGURABLE);
        for (const id of CONFIGURABLE) {
            expect(rules[id], id).toStrictEqual({ description: expect.any(String), type: 'string', enum: ['off', 'info', 'warning', 'error'] });
        }
    });

    it('declares the 16 thresholds in catalog order, each with its type, default and bounds and nothing more', () => {
        const thresholds = built().properties.thresholds.properties;
        expect(Object.keys(thresholds)).toEqual(THRESHOLDS.map(([name]) => name));
        for (const [name, expected] of THRESHOLDS) {
            const { description, ...rest } = thresholds[name];
            expect(rest, name).toStrictEqual(expected);
            expect(String(description).startsWith(`${name.split('.')[0]}: `), name).toBe(true);
        }
    });

    it('accepts and rejects configurations at the bounds, as ajv reads it', () => {
        const validate = new Ajv({ strict: true }).compile(configSchema());
        const ok = (config: unknown) => validate(config);
        expect(ok({})).toBe(true);
        expect(ok({ $schema: './x.json', rules: { spof: 'off', 'bad-unit': 'info' } })).toBe(true);
        expect(ok({ $schema: 5 })).toBe(false);
        expect(ok({ other: 1 })).toBe(false);
        expect(ok({ rules: { syntax: 'off' } })).toBe(false);
        expect(ok({ rules: { 'internal-error': 'error' } })).toBe(false);
        expect(ok({ rules: { spof: 'loud' } })).toBe(false);
        expect(ok({ rules: { spof: 1 } })).toBe(false);
        expect(ok({ rules: [] })).toBe(false);
        expect(ok({ thresholds: [] })).toBe(false);
        expect(ok({ thresholds: { nothing: 1 } })).toBe(false);
        for (const [name, spec] of THRESHOLDS) {
            expect(ok({ thresholds: { [name]: spec.default } }), name).toBe(true);
            expect(ok({ thresholds: { [name]: String(spec.default) } }), name).toBe(false);
            if (spec.minimum !== undefined) {
                expect(ok({ thresholds: { [name]: spec.minimum } }), name).toBe(true);
                expect(ok({ thresholds: { [name]: Number(spec.minimum) - 0.5 } }), name).toBe(false);
            }
            if (spec.exclusiveMinimum !== undefined) {
                expect(ok({ thresholds: { [name]: spec.exclusiveMinimum } }), name).toBe(false);
                expect(ok({ thresholds: { [name]: 0.001 } }), name).toBe(spec.type === 'number');
            }
            if (spec.maximum !== undefined) {
                expect(ok({ thresholds: { [name]: spec.maximum } }), name).toBe(true);
                expect(ok({ thresholds: { [name]: Number(spec.maximum) + 0.001 } }), name).toBe(false);
            }
            // A fraction is a number only where the type allows one: 2.5 for counts, 0.5 past the default for others.
            expect(ok({ thresholds: { [name]: Number(spec.default) + 0.5 } }), name).toBe(spec.type === 'number' && (spec.maximum === undefined || Number(spec.default) + 0.5 <= Number(spec.maximum)));
        }
    });
});
