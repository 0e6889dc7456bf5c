/** The numbers and lists diagnostics carry, as tables: what a person reads beside each finding. */
import { describe, expect, it } from 'vitest';
import { describeUnits, duration, list, num, pct, plural, rps, times } from '../../language-server/rules/report-helpers.js';
import type { CutUnit } from '../../language-server/analysis/cuts.js';

describe('numbers in findings', () => {
    it.each([
        [0, '0'], [0.25, '0.25'], [999, '999'], [1000, '1k'], [18_940, '18.9k'], [-2500, '-2.5k'],
        [999_499, '999k'], [1_000_000, '1M'], [500e6, '500M'], [2e9, '2B'], [1.2345, '1.23'],
        [Infinity, 'unbounded'], [-Infinity, '-Infinity'], [Number.NaN, 'NaN'],
    ])('num(%s) is %s', (value, text) => {
        expect(num(value)).toBe(text);
    });

    it('says rates, ratios and factors with their units', () => {
        expect(rps(18_900)).toBe('18.9k rps');
        expect(pct(0.3214)).toBe('32.1%');
        expect(pct(1)).toBe('100%');
        expect(times(9.5)).toBe('9.5x');
        expect(times(1 / 3)).toBe('0.333x');
    });

    it.each([
        [0.00025, '250us'], [0.0015, '1.5ms'], [0.2, '200ms'], [1, '1s'], [30, '30s'], [90, '1.5m'], [3600, '1h'], [86_400, '24h'],
    ])('duration(%s) is %s', (seconds, text) => {
        expect(duration(seconds)).toBe(text);
    });

    it.each([[1, '1 replica'], [0, '0 replicas'], [3, '3 replicas'], [2000, '2k replicas']])('plural(%s) is %s', (count, text) => {
        expect(plural(count, 'replica')).toBe(text);
    });
});

describe('lists in findings', () => {
    it.each([
        [[], ''], [['a'], 'a'], [['a', 'b'], 'a and b'], [['a', 'b', 'c'], 'a, b and c'], [['a', 'b', 'c', 'd'], 'a, b, c and d'],
        [['a', 'b', 'c', 'd', 'e'], 'a, b, c and 2 more'],
    ])('list(%j) is %s', (names, text) => {
        expect(list(names)).toBe(text);
    });

    it('takes a longer list when asked', () => {
        expect(list(['a', 'b', 'c', 'd', 'e', 'f'], 4)).toBe('a, b, c, d and 2 more');
        expect(list(['a', 'b', 'c', 'd', 'e'], 4)).toBe('a, b, c, d and e');
    });

    const unit = (kind: CutUnit['kind'], name: string, via?: string) => ({ kind, name, via }) as CutUnit;

    it.each([
        [[unit('flow', 'redirect')], 'flow redirect'],
        [[unit('flow', 'redirect'), unit('flow', 'shorten')], 'flows redirect and shorten'],
        [[unit('client', 'web')], 'requests of client web'],
        [[unit('client', 'web'), unit('client', 'app')], 'requests of clients web and app'],
        [[unit('async', 'f', 'jobs')], 'the async branch through jobs'],
        [[unit('async', 'f', 'jobs'), unit('async', 'g', 'jobs')], 'the async branch through jobs'],
        [[unit('async', 'f', 'jobs'), unit('async', 'g', 'mail')], 'the async branches through jobs and mail'],
        [[unit('flow', 'f'), unit('client', 'web'), unit('async', 'g', 'q')], 'flow f, requests of client web and the async branch through q'],
    ])('describeUnits(%j) is %s', (units, text) => {
        expect(describeUnits(units)).toBe(text);
    });
});
