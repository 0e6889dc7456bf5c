/** The config tests' shared check that a configuration is refused with a ConfigError. */
import { expect } from 'vitest';
import { ConfigError, parseConfig } from '../../language-server/rules/config.js';

/** The message `parseConfig` throws for `raw` (with the file's `text`, when given), named `c.json`. */
export function rejection(raw: unknown, text?: string): string {
    try {
        parseConfig(raw, 'c.json', text);
    } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
    }
    throw new Error('accepted');
}
