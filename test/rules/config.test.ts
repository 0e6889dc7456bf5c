/** The project configuration: where it is found (on disk, as the CLI and the server look), what it may say, and how it says what is wrong. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../language-server/rules/config.js';
import { findConfigFileAbove, loadConfigFile } from '../../cli/config-files.js';
import { workspace } from '../cli/run-cli.js';

describe('configuration files', () => {
    it('are found at or above a folder, archlint.config.json before .archlintrc.json', () => {
        const root = workspace({ 'archlint.config.json': '{}', 'a/.archlintrc.json': '{}', 'a/b/c/x.arch': '' });
        expect(findConfigFileAbove(join(root, 'a', 'b', 'c'))).toBe(join(root, 'a', '.archlintrc.json'));
        expect(findConfigFileAbove(join(root, 'a'))).toBe(join(root, 'a', '.archlintrc.json'));
        expect(findConfigFileAbove(root)).toBe(join(root, 'archlint.config.json'));
        const both = workspace({ 'archlint.config.json': '{}', '.archlintrc.json': '{}' });
        expect(findConfigFileAbove(both)).toBe(join(both, 'archlint.config.json'));
    });

    it('are absent when no folder up to the root has one', () => {
        const root = workspace({});
        mkdirSync(join(root, 'deep'));
        const found = findConfigFileAbove(join(root, 'deep'));
        // Whatever a machine keeps above the temp folder is not ours to know; below it there is nothing.
        expect(found === undefined || !found.startsWith(root)).toBe(true);
    });

    it('are read as JSON and checked', () => {
        const root = workspace({ 'ok.json': JSON.stringify({ rules: { spof: 'warning' }, thresholds: { 'hot-key.utilisation': 2 } }), 'bad.json': '{' });
        expect(loadConfigFile(join(root, 'ok.json'))).toEqual({ rules: { spof: 'warning' }, thresholds: { 'hot-key.utilisation': 2 } });
        expect(() => loadConfigFile(join(root, 'bad.json'))).toThrow(ConfigError);
        expect(() => loadConfigFile(join(root, 'missing.json'))).toThrow(ConfigError);
    });

    it('that cannot be used say why, and where in the file', () => {
        const root = workspace({ 'bad.json': '{', 'level.json': '{\n  "rules": {\n    "spof": "loud"\n  }\n}', 'dir/x.arch': '' });
        const message = (name: string) => { try { loadConfigFile(join(root, name)); } catch (e) { return (e as Error).message; } return 'no error'; };
        expect(message('missing.json')).toBe(`${join(root, 'missing.json')}: no such file`);
        expect(message('dir')).toBe(`${join(root, 'dir')}: it is a folder`);
        expect(message('bad.json')).toMatch(/^.*bad\.json: not valid JSON \(/);
        // "spof" is on line 3, column 5 of level.json.
        expect(message('level.json').startsWith(`${join(root, 'level.json')}:3:5: `)).toBe(true);
        expect(() => parseConfig({ rules: { spof: 'loud' } })).toThrow(/^configuration: /);
    });
});

describe('a configuration', () => {
    it('may set every level of a known rule and numeric thresholds, and leaves the rest unset', () => {
        expect(parseConfig({})).toEqual({ rules: {}, thresholds: {} });
        expect(parseConfig({ rules: { spof: 'off', 'hot-shard': 'error', unreachable: 'info', 'cap-conflict': 'warning' }, thresholds: { 'hot-shard.imbalance': 0.5, 'cache-undersized.minHitRate': 0 } })).toEqual({
            rules: { spof: 'off', 'hot-shard': 'error', unreachable: 'info', 'cap-conflict': 'warning' }, thresholds: { 'hot-shard.imbalance': 0.5, 'cache-undersized.minHitRate': 0 },
        });
    });

    it.each([
        ['not an object', 42, 'must be a JSON object'],
        ['null', null, 'must be a JSON object'],
        ['an array', [], 'must be a JSON object'],
        ['rules not an object', { rules: [] }, '"rules"'],
        ['an unknown rule', { rules: { 'no-such-rule': 'off' } }, 'no-such-rule'],
        ['an unknown level', { rules: { spof: 'loud' } }, 'spof'],
        ['a level that is not a string', { rules: { spof: 0 } }, 'spof'],
        ['thresholds not an object', { thresholds: 'high' }, '"thresholds"'],
        ['a threshold that is not a number', { thresholds: { x: '1' } }, '"x"'],
        ['a threshold that is not finite', { thresholds: { x: Infinity } }, '"x"'],
    ])('is refused when %s, naming the file and the culprit', (_name, raw, culprit) => {
        let error: unknown;
        try {
            parseConfig(raw, 'project.json');
        } catch (e) {
            error = e;
        }
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).file).toBe('project.json');
        expect((error as Error).message.startsWith('project.json: ')).toBe(true);
        expect((error as Error).message).toContain(culprit);
    });
});
