/**
 * The JSON Schema of `archlint.config.json` / `.archlintrc.json`, built from the rule registry
 * and the thresholds rules declare, so it cannot drift from what the code reads. The committed
 * copy (schemas/archlint.config.schema.json) is what VS Code and the CLI validate against; a test
 * keeps it equal to this.
 */
import { RULES } from './registry.js';
import { FIXED_LEVEL } from './run-rules.js';
import { THRESHOLDS } from './thresholds.js';
import type { RuleLevel } from './rule.js';

/** The configuration file names, nearest first in each directory. */
export const CONFIG_FILE_NAMES = ['archlint.config.json', '.archlintrc.json'] as const;

/** Every level a rule may be set to. */
const RULE_LEVELS: readonly RuleLevel[] = ['off', 'info', 'warning', 'error'];

/** The schema as a plain JSON value (draft-07, which VS Code and ajv both read). */
export function configSchema(): Record<string, unknown> {
    const rules = RULES.filter((rule) => !FIXED_LEVEL.has(rule.id));
    return {
        $schema: 'http://json-schema.org/draft-07/schema#',
        title: 'Archlint configuration',
        description: `Rule levels and thresholds for archlint (${CONFIG_FILE_NAMES.join(' or ')}, found upward from each .arch file).`,
        type: 'object',
        additionalProperties: false,
        properties: {
            $schema: { type: 'string', description: 'The schema this file follows (for editors).' },
            rules: {
                type: 'object',
                description: 'Level of each rule by id: off, info, warning or error (`archlint explain --list` lists them).',
                additionalProperties: false,
                properties: Object.fromEntries(rules.map((rule) => [rule.id, {
                    description: `${rule.meta.description} Default: ${rule.meta.severity}.`,
                    type: 'string',
                    enum: RULE_LEVELS,
                }])),
            },
            thresholds: {
                type: 'object',
                description: 'Numbers the rules judge by, named "<rule-id>.<name>".',
                additionalProperties: false,
                properties: Object.fromEntries([...THRESHOLDS].map(([name, spec]) => [name, {
                    type: spec.integer ? 'integer' : 'number',
                    description: `${spec.rule}: ${spec.description}`,
                    default: spec.default,
                    ...(spec.minimum !== undefined ? { minimum: spec.minimum } : {}),
                    ...(spec.exclusiveMinimum !== undefined ? { exclusiveMinimum: spec.exclusiveMinimum } : {}),
                    ...(spec.maximum !== undefined ? { maximum: spec.maximum } : {}),
                }])),
            },
        },
    };
}
