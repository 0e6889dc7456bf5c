/**
 * Numbers with suffixes. The property's value type decides what a suffix means:
 * `keys 2B` is two billion, `item 500B` is five hundred bytes.
 */

/** What a property's number measures. */
export type ValueType = 'count' | 'integer' | 'rate' | 'items' | 'duration' | 'size' | 'ratio' | 'factor' | 'number';

/** A normalised number, or the reason it is not one. */
export type UnitResult = { ok: true; value: number } | { ok: false; message: string };

const COUNT: Record<string, number> = { '': 1, k: 1e3, K: 1e3, M: 1e6, B: 1e9 };
const DURATION: Record<string, number> = { us: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600, d: 86400 };
const SIZE: Record<string, number> = {
    B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, PB: 1e15, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4, PiB: 1024 ** 5,
};

const NUMBER = /^([0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)(%|[a-zA-Z]*)$/;

/** Splits `20.5k` into 20.5 and `k`. */
export function splitNumber(text: string): { magnitude: number; suffix: string } | undefined {
    const match = NUMBER.exec(text);
    return match ? { magnitude: Number(match[1]), suffix: match[2] } : undefined;
}

/** Suffixes each value type accepts, for messages and completion. */
export const SUFFIXES: Record<ValueType, string[]> = {
    count: ['k', 'M', 'B'],
    integer: ['k', 'M', 'B'],
    rate: ['k', 'M', 'B'],
    items: ['k', 'M', 'B'],
    duration: Object.keys(DURATION),
    size: Object.keys(SIZE),
    ratio: ['%'],
    factor: ['x'],
    number: [],
};

/** Normalises a number as written to seconds, requests per second, bytes, counts or ratios. */
export function normalise(text: string, type: ValueType): UnitResult {
    const parts = splitNumber(text);
    if (!parts) return { ok: false, message: `'${text}' is not a number` };
    const { magnitude, suffix } = parts;
    const scale = scaleOf(type, suffix, magnitude);
    if (scale === undefined) {
        const accepted = SUFFIXES[type];
        const expected = accepted.length ? `expected ${describe(type)} (${accepted.join(', ')})` : `expected a plain number`;
        return { ok: false, message: suffix ? `'${suffix}' is not a unit here: ${expected}` : `'${text}' needs a unit: ${expected}` };
    }
    // Dividing by 100 keeps 95% exactly 0.95.
    const value = suffix === '%' ? magnitude / 100 : magnitude * scale;
    if (!Number.isFinite(value)) return { ok: false, message: `'${text}' is too large` };
    if (type === 'integer' && !Number.isInteger(value)) return { ok: false, message: `'${text}' must be a whole number` };
    return { ok: true, value };
}

function scaleOf(type: ValueType, suffix: string, magnitude: number): number | undefined {
    switch (type) {
        case 'count': case 'integer': case 'rate': case 'items':
            return COUNT[suffix];
        case 'duration':
            return suffix === '' && magnitude === 0 ? 1 : DURATION[suffix];
        case 'size':
            return suffix === '' ? 1 : SIZE[suffix];
        case 'ratio':
            return suffix === '%' ? 0.01 : suffix === '' ? 1 : undefined;
        case 'factor':
            return suffix === 'x' || suffix === '' ? 1 : undefined;
        case 'number':
            return suffix === '' ? 1 : undefined;
    }
}

function describe(type: ValueType): string {
    switch (type) {
        case 'count': case 'integer': return 'a count';
        case 'rate': return 'a rate';
        case 'items': return 'a number of items';
        case 'duration': return 'a duration';
        case 'size': return 'a size';
        case 'ratio': return 'a ratio such as 0.95 or 95%';
        case 'factor': return 'a factor such as 3x';
        case 'number': return 'a number';
    }
}
