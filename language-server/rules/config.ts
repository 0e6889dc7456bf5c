/** Project configuration: `archlint.config.json` (or `.archlintrc.json`) found upward from a file. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ruleById } from './registry.js';
import type { RuleLevel } from './rule.js';

/** The parsed configuration. */
export interface ArchlintConfig {
    rules: Record<string, RuleLevel>;
    thresholds: Record<string, number>;
}

/** A configuration file that cannot be used, with where and why. */
export class ConfigError extends Error {
    constructor(readonly file: string, message: string) {
        super(`${file}: ${message}`);
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
    let raw: unknown;
    try {
        raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
        throw new ConfigError(file, `cannot read it as JSON (${(error as Error).message})`);
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
        if (!ruleById(id)) throw new ConfigError(file, `unknown rule "${id}" in "rules"`);
        if (typeof level !== 'string' || !LEVELS.includes(level as RuleLevel)) {
            throw new ConfigError(file, `rule "${id}" has level ${JSON.stringify(level)}; use one of ${LEVELS.join(', ')}`);
        }
        config.rules[id] = level as RuleLevel;
    }
    const thresholds = raw.thresholds ?? {};
    if (!isObject(thresholds)) throw new ConfigError(file, '"thresholds" must be an object of name to number');
    for (const [name, value] of Object.entries(thresholds)) {
        if (typeof value !== 'number' || !Number.isFinite(value)) throw new ConfigError(file, `threshold "${name}" must be a number`);
        config.thresholds[name] = value;
    }
    return config;
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
