/** Project configuration: `archlint.config.json` (or `.archlintrc.json`) found upward from a file. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RULES, ruleById } from './registry.js';
import { thresholdDefaults } from './run-rules.js';
import { ArchlintError } from '../errors.js';
import { didYouMean } from '../model/suggest.js';
import { printable } from '../printable.js';
import type { RuleLevel } from './rule.js';

/** The parsed configuration. */
export interface ArchlintConfig {
    rules: Record<string, RuleLevel>;
    thresholds: Record<string, number>;
}

/** A configuration file that cannot be used, with where and why. */
export class ConfigError extends ArchlintError {
    constructor(readonly file: string, message: string) {
        super(`${printable(file)}: ${printable(message)}`);
    }
}

/** The configuration with nothing set. */
export const EMPTY_CONFIG: ArchlintConfig = { rules: {}, thresholds: {} };

const NAMES = ['archlint.config.json', '.archlintrc.json'];
const LEVELS: readonly RuleLevel[] = ['off', 'info', 'warning', 'error'];

/** The nearest configuration file at or above `directory`, if any. */
export function findConfigFile(directory: string): string | undefined {
    for (let dir = directory; ; dir = dirname(dir)) {
        for (const name of NAMES) {
            const file = join(dir, name);
            if (existsSync(file)) return file;
        }
        if (dirname(dir) === dir) return undefined;
    }
}

/** Reads and checks one configuration file. */
export function loadConfig(file: string): ArchlintConfig {
    let text: string;
    try {
        text = readFileSync(file, 'utf8');
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new ConfigError(file, code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : `cannot read it (${code ?? String(error)})`);
    }
    let raw: unknown;
    try {
        raw = JSON.parse(text);
    } catch (error) {
        throw new ConfigError(file, `not valid JSON (${(error as Error).message})`);
    }
    return parseConfig(raw, file);
}

/** Checks a configuration object: unknown rules, levels and thresholds are errors, not silence. */
export function parseConfig(raw: unknown, file = 'configuration'): ArchlintConfig {
    if (!isObject(raw)) throw new ConfigError(file, 'must be a JSON object');
    const config: ArchlintConfig = { rules: {}, thresholds: {} };
    const rules = raw.rules ?? {};
    if (!isObject(rules)) throw new ConfigError(file, '"rules" must be an object of rule id to level');
    for (const [id, level] of Object.entries(rules)) {
        if (!ruleById(id)) throw new ConfigError(file, `unknown rule "${printable(id)}" in "rules".${didYouMean(id, RULES.map((r) => r.id))}`);
        if (typeof level !== 'string' || !LEVELS.includes(level as RuleLevel)) {
            throw new ConfigError(file, `rule "${id}" has level ${printable(JSON.stringify(level) ?? String(level))}; use one of ${LEVELS.join(', ')}`);
        }
        config.rules[id] = level as RuleLevel;
    }
    const thresholds = raw.thresholds ?? {};
    if (!isObject(thresholds)) throw new ConfigError(file, '"thresholds" must be an object of name to number');
    const known = Object.keys(thresholdDefaults(RULES));
    for (const [name, value] of Object.entries(thresholds)) {
        if (!known.includes(name)) throw new ConfigError(file, `unknown threshold "${printable(name)}" in "thresholds".${didYouMean(name, known)} Known: ${known.join(', ')}`);
        if (typeof value !== 'number' || !Number.isFinite(value)) throw new ConfigError(file, `threshold "${name}" must be a number`);
        config.thresholds[name] = value;
    }
    return config;
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
