/**
 * The config schema: the committed file equals what the registry generates, every threshold a
 * rule reads is declared (and every declared one is read), VS Code gets the schema through
 * `jsonValidation`, and the CLI rejects what the schema rejects with one line pointing at it.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { CONFIG_FILE_NAMES, configSchema } from '../../language-server/rules/config-schema.js';
import { parseConfig } from '../../language-server/rules/config.js';
import { DESIGN_RULES } from '../../language-server/rules/design-rules.js';
import { RULES } from '../../language-server/rules/registry.js';
import { THRESHOLDS, thresholdReader } from '../../language-server/rules/thresholds.js';
import { parse } from '../helpers.js';
import { archlint, workspace } from '../cli/run-cli.js';
import { rejection } from './rejection.js';

const SCHEMA_FILE = 'schemas/archlint.config.schema.json';
const committed = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as {
    properties: { rules: { properties: Record<string, unknown> }; thresholds: { properties: Record<string, { default: number }> } };
};

/** Every model the repository ships, for exercising the rules. */
async function shippedModels() {
    const files = [
        ...readdirSync('samples').filter((f) => f.endsWith('.arch')).map((f) => join('samples', f)),
        'test/fixtures/language-reference.arch',
    ];
    return (await Promise.all(files.map(async (f) => (await parse(readFileSync(f, 'utf8'))).models))).flat();
}

describe('config schema', () => {
    it('is the committed file, so VS Code and the CLI see the registry as it is (run `npm run schema` after adding a rule or threshold)', () => {
        expect(committed).toEqual(configSchema());
    });

    it('compiles under ajv strict mode (a valid draft-07 schema with no unknown keywords)', () => {
        expect(() => new Ajv({ strict: true }).compile(committed)).not.toThrow();
    });

    it('names every configurable rule, and only rules of the registry', () => {
        const ids = Object.keys(committed.properties.rules.properties).sort();
        expect(ids).toEqual(RULES.map((r) => r.id).filter((id) => id !== 'syntax' && id !== 'internal-error').sort());
    });

    it('names exactly the thresholds the rules read, with the defaults they use', async () => {
        const read = new Map<string, number>();
        for (const rule of DESIGN_RULES) {
            const real = thresholdReader(rule, {});
            for (const model of await shippedModels()) {
                rule.check?.({
                    model, report: () => undefined,
                    threshold: (name) => {
                        const value = real(name);
                        read.set(name.includes('.') ? name : `${rule.id}.${name}`, value);
                        return value;
                    },
                });
            }
        }
        expect([...read.keys()].sort()).toEqual(Object.keys(committed.properties.thresholds.properties).sort());
        for (const [name, value] of read) expect(committed.properties.thresholds.properties[name].default).toBe(value);
    });

    it('is documented in the README, every threshold with its default', () => {
        const rows = [...readFileSync('README.md', 'utf8').matchAll(/^\| `([\w-]+\.\w+)` \| ([\d.]+) \|/gm)].map((m) => [m[1], Number(m[2])]);
        expect(rows).toEqual(Object.entries(committed.properties.thresholds.properties).map(([name, spec]) => [name, spec.default]));
    });

    it('makes reading an undeclared threshold a crash of the rule, never a silent default', () => {
        const rule = DESIGN_RULES.find((r) => r.meta.thresholds)!;
        expect(() => thresholdReader(rule, {})('no-such-threshold')).toThrow(/not declared/);
        expect(() => thresholdReader(rule, {})('spof.limit')).toThrow(/not declared/);
    });

    it('hands configured values to the rules over the declared defaults', () => {
        const [name, spec] = [...THRESHOLDS][0];
        const rule = DESIGN_RULES.find((r) => r.id === spec.rule)!;
        const short = name.slice(rule.id.length + 1);
        expect(thresholdReader(rule, {})(short)).toBe(spec.default);
        expect(thresholdReader(rule, { [name]: spec.default + 1 })(short)).toBe(spec.default + 1);
    });

    it('is contributed to VS Code for both config file names, and packaged in the .vsix', () => {
        const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
        expect(pkg.contributes.jsonValidation).toEqual([{ fileMatch: [...CONFIG_FILE_NAMES], url: `./${SCHEMA_FILE}` }]);
        const listed = spawnSync(process.execPath, ['node_modules/@vscode/vsce/vsce', 'ls', '--no-dependencies'], { encoding: 'utf8' });
        expect(listed.status).toBe(0);
        expect(listed.stdout.split('\n')).toContain(SCHEMA_FILE);
    }, 120_000);
});

describe('config validation', () => {

    it('accepts levels, in-range thresholds and a $schema key', () => {
        const config = parseConfig({ $schema: `./${SCHEMA_FILE}`, rules: { spof: 'off', 'hot-shard': 'error' }, thresholds: { 'hot-shard.imbalance': 0.5, 'index-write-heavy.maxIndexes': 5 } });
        expect(config).toEqual({ rules: { spof: 'off', 'hot-shard': 'error' }, thresholds: { 'hot-shard.imbalance': 0.5, 'index-write-heavy.maxIndexes': 5 } });
    });

    it.each([
        [[], /must be a JSON object/],
        [{ rules: [] }, /"rules" must be an object of rule id to level/],
        [{ rules: { 'no-such-rule': 'off' } }, /unknown rule "no-such-rule"/],
        [{ rules: { syntax: 'off' } }, /rule "syntax" cannot be configured/],
        [{ rules: { spof: 'loud' } }, /rule "spof" has level "loud"; use one of off, info, warning, error/],
        [{ thresholds: { 'hot-shard.imbalence': 1 } }, /unknown threshold "hot-shard.imbalence" in "thresholds". Did you mean 'hot-shard.imbalance'\? Known: hot-shard.imbalance$/],
        [{ thresholds: { 'hot-shard.imbalance': '1' } }, /threshold "hot-shard.imbalance" must be a number/],
        [{ thresholds: { 'index-write-heavy.maxIndexes': 2.5 } }, /threshold "index-write-heavy.maxIndexes" must be a whole number/],
        [{ thresholds: { 'cache-undersized.minHitRate': 1.5 } }, /threshold "cache-undersized.minHitRate" is 1.5; it must be <= 1/],
        [{ thresholds: { 'polling-overhead.intervalS': 0 } }, /threshold "polling-overhead.intervalS" is 0; it must be > 0/],
        [{ extends: 'x' }, /unknown key "extends"/],
    ])('rejects %j with one line', (raw, message) => {
        const text = rejection(raw);
        expect(text).toMatch(message);
        expect(text).not.toContain('\n');
    });

    it('points at the line and column of the offending key in the file', () => {
        const text = '{\n  "rules": {\n    "spof": "off",\n      "spoff": "off"\n  }\n}\n';
        expect(rejection(JSON.parse(text), text)).toMatch(/^c\.json:4:7: unknown rule "spoff"/);
        const value = '{"thresholds": {\r\n "hot-key.utilisation": -2}}';
        expect(rejection(JSON.parse(value), value)).toMatch(/^c\.json:2:2: threshold "hot-key.utilisation" is -2/);
    });

    it('makes the CLI exit 2 with that line, for a found file and for --config', () => {
        const root = workspace({
            'a.arch': 'system S { service a }\n',
            'archlint.config.json': '{\n  "rules": { "spof": "loud" }\n}\n',
            'other.json': '{ "thresholds": { "hot-shard.imbalance": -1 } }',
        });
        const found = archlint(['check', 'a.arch'], root);
        expect(found.code).toBe(2);
        expect(found.stderr.trim().split('\n')).toEqual([expect.stringMatching(/archlint\.config\.json:2:14: rule "spof" has level "loud"/)]);
        const explicit = archlint(['check', '--config', 'other.json', 'a.arch'], root);
        expect(explicit.code).toBe(2);
        expect(explicit.stderr).toMatch(/other\.json:1:19: threshold "hot-shard.imbalance" is -1; it must be >= 0/);
    });
});
