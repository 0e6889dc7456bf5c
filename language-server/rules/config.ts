/**
 * Project configuration: `archlint.config.json` (or `.archlintrc.json`) found upward from a file,
 * checked against schemas/archlint.config.schema.json (the schema VS Code completes from).
 */
import { UriUtils, type FileSystemProvider, type URI } from 'langium';
import { validateConfig } from './config-validator.generated.js';
import { describeSchemaError, locate } from './config-messages.js';
import { CONFIG_FILE_NAMES } from './config-schema.js';
import { ArchlintError } from '../errors.js';
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

/** What finding and reading configuration files needs of a file system (Langium's provides it). */
export type ConfigFiles = Pick<FileSystemProvider, 'existsSync' | 'readFileSync'>;

/** The nearest configuration file at or above `directory` on `files`, if any. */
export function findConfigFile(directory: URI, files: ConfigFiles): URI | undefined {
    for (let dir = directory; ; dir = UriUtils.dirname(dir)) {
        for (const name of CONFIG_FILE_NAMES) {
            const file = UriUtils.joinPath(dir, name);
            if (files.existsSync(file)) return file;
        }
        if (UriUtils.dirname(dir).path === dir.path) return undefined;
    }
}

/** Reads and checks one configuration file (named `shown` in errors); errors name the line and column of the culprit. */
export function loadConfig(file: URI, files: ConfigFiles, shown = file.fsPath): ArchlintConfig {
    let text: string;
    try {
        text = files.readFileSync(file);
    } catch (error) {
        const code = (error as { code?: string }).code;
        throw new ConfigError(shown, code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : `cannot read it (${code ?? String(error)})`);
    }
    let raw: unknown;
    try {
        raw = JSON.parse(text);
    } catch (error) {
        throw new ConfigError(shown, `not valid JSON (${(error as Error).message})`);
    }
    return parseConfig(raw, shown, text);
}

/**
 * Checks a configuration object against the schema: unknown rules, levels and thresholds, and
 * numbers out of range, are errors, not silence. `text` (the file's) lets the error point at a line.
 */
export function parseConfig(raw: unknown, file = 'configuration', text?: string): ArchlintConfig {
    if (!validateConfig(raw)) {
        const error = validateConfig.errors![0];
        const where = text === undefined ? undefined : locate(text, error);
        throw new ConfigError(where ? `${file}:${where.line}:${where.column}` : file, describeSchemaError(error, raw));
    }
    const valid = raw as Partial<ArchlintConfig>;
    return { rules: { ...valid.rules }, thresholds: { ...valid.thresholds } };
}
