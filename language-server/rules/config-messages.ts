/** One-line messages, and a line and column, for a configuration file the schema rejects. */
import type { ErrorObject } from 'ajv';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { RULES, ruleById } from './registry.js';
import { didYouMean } from '../model/suggest.js';
import { THRESHOLDS } from './thresholds.js';

/** The JSON pointer's segments (`/rules/spof` -> ['rules', 'spof']). */
function segments(pointer: string): string[] {
    return pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** What the schema says is wrong with `raw`, in words a person acts on. */
export function describeSchemaError(error: ErrorObject, raw: unknown): string {
    const path = segments(error.instancePath);
    const [section, name] = path;
    const params = error.params as Record<string, unknown>;
    switch (error.keyword) {
        case 'additionalProperties': {
            const key = String(params.additionalProperty);
            if (section === 'rules' && ruleById(key)) return `rule "${key}" cannot be configured: its findings are always errors`;
            if (section === 'rules') return `unknown rule "${key}" in "rules".${didYouMean(key, RULES.map((r) => r.id))} (\`archlint explain --list\` lists them)`;
            if (section === 'thresholds') return `unknown threshold "${key}" in "thresholds".${didYouMean(key, THRESHOLDS.keys())} Known: ${knownThresholds(key).join(', ')}`;
            return `unknown key "${key}"; use "rules" and "thresholds"`;
        }
        case 'enum':
            return `rule "${name}" has level ${JSON.stringify(valueAt(raw, path))}; use one of ${(params.allowedValues as string[]).join(', ')}`;
        case 'type':
            if (path.length === 0) return 'must be a JSON object';
            if (section === '$schema') return '"$schema" must be a string';
            if (path.length === 1) return `"${section}" must be an object of ${section === 'rules' ? 'rule id to level' : 'name to number'}`;
            return section === 'rules' ? `rule "${name}" has a level that is not a string; use one of off, info, warning, error`
                : `threshold "${name}" must be ${params.type === 'integer' ? 'a whole number' : 'a number'}`;
        case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum':
            return `threshold "${name}" is ${valueAt(raw, path)}; it must be ${params.comparison} ${params.limit}`;
        default:
            return `${path.join('.') || 'the file'} ${error.message ?? 'is invalid'}`;
    }
}

/** The thresholds of the rule `name` starts with, else all of them. */
function knownThresholds(name: string): string[] {
    const all = [...THRESHOLDS.keys()];
    const ofRule = all.filter((known) => known.startsWith(`${name.split('.')[0]}.`));
    return ofRule.length ? ofRule : all;
}

/** The value at `path` in the parsed file. */
function valueAt(raw: unknown, path: readonly string[]): unknown {
    return path.reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], raw);
}

/** The 1-based line and column of the key (or value) the error is about, when the text parses. */
export function locate(text: string, error: ErrorObject): { line: number; column: number } | undefined {
    let root: Node | undefined;
    try {
        root = parseTree(text);
    } catch {
        return undefined; // deeper than the parser's stack: the message alone still says what is wrong
    }
    if (!root) return undefined;
    const path = segments(error.instancePath);
    const extra = error.keyword === 'additionalProperties' ? String((error.params as Record<string, unknown>).additionalProperty) : undefined;
    const node = findNodeAtLocation(root, extra === undefined ? path : [...path, extra]);
    const target = node?.parent?.type === 'property' ? node.parent : node;
    if (!target) return undefined;
    const before = text.slice(0, target.offset).split(/\r\n|\r|\n/);
    return { line: before.length, column: before[before.length - 1].length + 1 };
}
