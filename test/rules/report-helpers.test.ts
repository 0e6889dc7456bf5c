/** The numbers and lists diagnostics carry, as tables: what a person reads beside each finding. */
import { describe, expect, it } from 'vitest';
import { describeUnits, duration, list, num, pct, placeBlockInsertions, plural, propertyFix, replicasFix, rps, times } from '../../language-server/rules/report-helpers.js';
import type { TextEdit } from '../../language-server/rules/rule.js';
import { componentOf, model } from '../helpers.js';
import { span } from './helpers.js';
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
        [0.00025, '250us'], [0.001, '1ms'], [0.0015, '1.5ms'], [0.2, '200ms'], [1, '1s'], [30, '30s'], [90, '1.5m'], [3600, '1h'], [86_400, '24h'],
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

describe('block insertions placed in the text', () => {
    const URI = 'file:///x.arch';
    /** The insertion propertyFix makes after a name that ends at `character` of line 0. */
    const afterName = (character: number, line = 0): TextEdit => ({
        uri: URI, range: { start: { line, character }, end: { line, character } }, newText: ' { replicas 2 }',
    });
    const placed = (text: string, edit: TextEdit) => placeBlockInsertions([edit], URI, text)[0];
    const point = (line: number, character: number) => ({ start: { line, character }, end: { line, character } });

    it.each([
        // 'service api' ends at 11; the positions are counted by hand from each text.
        ['into an empty block after a title', 'service api "T" {}', point(0, 17), ' replicas 2 '],
        ['into a block with a space inside', 'service api { }', point(0, 13), ' replicas 2'],
        ['after a title with escaped quotes', 'service api "a \\"b\\" c" {}', point(0, 25), ' replicas 2 '],
        ['after a single-quoted title', "service api 'My T' {}", point(0, 20), ' replicas 2 '],
        ['after a double-quoted title of several characters', 'service api "My T" {}', point(0, 20), ' replicas 2 '],
        ['after a title across lines (CR LF)', 'service api\r\n  "T"\r\n  {\r\n  }', point(2, 3), ' replicas 2'],
        ['a title followed by no block: after the title', 'service api "T"\nservice b', point(0, 15), ' { replicas 2 }'],
        ['a title at the end of the text', 'service api "T"', point(0, 15), ' { replicas 2 }'],
        ['no title, the block right after', 'service api {}\nservice b "x" {}', point(0, 13), ' replicas 2 '],
        ['neither title nor block: left where it is', 'service api\nservice b "x" {}', point(0, 11), ' { replicas 2 }'],
        ['neither, at the end of the text', 'service api   ', point(0, 11), ' { replicas 2 }'],
    ])('%s', (_name, text, range, newText) => {
        expect(placed(text, afterName(11))).toEqual({ uri: URI, range, newText });
    });

    it('leaves alone edits of other documents, replacements and other insertions', () => {
        const text = 'service api "T" {}';
        const others: TextEdit[] = [
            { ...afterName(11), uri: 'file:///other.arch' },
            { ...afterName(11), range: { start: { line: 0, character: 11 }, end: { line: 0, character: 12 } } },
            { ...afterName(11), range: { start: { line: 0, character: 11 }, end: { line: 1, character: 11 } } },
            { ...afterName(11), newText: 'replicas 2 ' },
        ];
        expect(placeBlockInsertions(others, URI, text)).toEqual(others);
    });
});

describe('property fixes', () => {
    it('insert before the first property in the text, whatever order the model lists them in', async () => {
        const text = 'system S {\n  client c\n  service api { latency 5ms capacity 100 rps }\n  flow f : c -> api\n}';
        const api = componentOf(await model(text), 'api', 'service');
        const { latency, capacity } = api.properties;
        const before = (needle: string) => ({ start: span(text, needle).start, end: span(text, needle).start });
        // The same two locations, listed capacity first: the text order must win.
        const reordered = { ...api, properties: { capacity, latency } };
        expect(propertyFix(reordered, 'replicas', 'replicas 2').edits).toEqual([{ uri: api.source.uri, range: before('latency'), newText: 'replicas 2 ' }]);
        // A property whose location is in another file (an earlier line there) is not where to insert.
        const elsewhere = { ...api, properties: { latency: { ...latency, uri: 'file:///other.arch', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }, capacity } };
        expect(propertyFix(elsewhere, 'replicas', 'replicas 2').edits).toEqual([{ uri: api.source.uri, range: before('capacity'), newText: 'replicas 2 ' }]);
    });

    it('order properties on one line by column', async () => {
        const text = 'system S {\n  client c\n  service api {\n    capacity 100 rps latency 5ms\n  }\n  flow f : c -> api\n}';
        const api = componentOf(await model(text), 'api', 'service');
        const { latency, capacity } = api.properties;
        const at = span(text, 'capacity').start;
        expect(propertyFix({ ...api, properties: { latency, capacity } }, 'replicas', 'replicas 2').edits)
            .toEqual([{ uri: api.source.uri, range: { start: at, end: at }, newText: 'replicas 2\n    ' }]);
    });

    it('insert on a line of their own, indented like the first property, in a block across lines', async () => {
        const text = 'system S {\n  client c\n  service api {\n      capacity 100 rps\n    latency 5ms\n  }\n  flow f : c -> api\n}';
        const api = componentOf(await model(text), 'api', 'service');
        const at = span(text, 'capacity');
        expect(propertyFix(api, 'replicas', 'replicas 2').edits).toEqual([{ uri: api.source.uri, range: { start: at.start, end: at.start }, newText: 'replicas 2\n      ' }]);
    });

    it('replace a written property in place', async () => {
        const text = 'system S {\n  client c\n  service api { latency 5ms replicas 1 }\n  flow f : c -> api\n}';
        const api = componentOf(await model(text), 'api', 'service');
        expect(replicasFix(api).edits).toEqual([{ uri: api.source.uri, range: span(text, 'replicas 1'), newText: 'replicas 2' }]);
    });
});
