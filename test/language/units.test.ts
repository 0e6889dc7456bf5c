import { describe, expect, it } from 'vitest';
import { normalise } from '../../language-server/model/units.js';

const ok = (text: string, type: Parameters<typeof normalise>[1]) => {
    const result = normalise(text, type);
    if (!result.ok) throw new Error(result.message);
    return result.value;
};

describe('units', () => {
    it.each([
        ['20k', 'count', 20_000], ['20.2k', 'count', 20_200], ['500M', 'count', 5e8], ['2B', 'count', 2e9], ['7', 'count', 7],
        ['1e15', 'rate', 1e15],
        ['4ms', 'duration', 0.004], ['250us', 'duration', 0.00025], ['5s', 'duration', 5], ['2m', 'duration', 120], ['24h', 'duration', 86_400], ['30d', 'duration', 2_592_000], ['0', 'duration', 0],
        ['500B', 'size', 500], ['2KB', 'size', 2000], ['64GB', 'size', 64e9], ['1TB', 'size', 1e12], ['2PB', 'size', 2e15], ['1KiB', 'size', 1024], ['10', 'size', 10],
        ['0.95', 'ratio', 0.95], ['95%', 'ratio', 0.95], ['5%', 'ratio', 0.05],
        ['3x', 'factor', 3], ['1.5x', 'factor', 1.5], ['2', 'factor', 2],
        ['1.05', 'number', 1.05],
    ] as const)('%s as %s is %d', (text, type, expected) => {
        expect(ok(text, type)).toBe(expected);
    });

    it.each([
        ['4', 'duration', 'needs a unit'], ['5KB', 'duration', "'KB' is not a unit"], ['3ms', 'count', "'ms' is not a unit"],
        ['2x', 'ratio', "'x' is not a unit"], ['1.5', 'integer', 'whole number'], ['2k', 'number', "'k' is not a unit"],
        ['x', 'count', 'not a number'], ['1e999', 'count', 'too large'],
    ] as const)('%s as %s is refused (%s)', (text, type, why) => {
        const result = normalise(text, type);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.message).toContain(why);
    });

    it('reads B as billions for counts and bytes for sizes', () => {
        expect(ok('2B', 'count')).toBe(2e9);
        expect(ok('2B', 'size')).toBe(2);
    });
});
