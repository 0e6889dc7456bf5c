import { describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { parse, parseFiles } from '../helpers.js';

const LANGUAGE = new Set(['syntax', 'unknown-reference', 'duplicate-name', 'import-cycle', 'bad-unit', 'invalid-value', 'unknown-property']);

/** Each language error as `code line:char-line:char` (0-based), sorted; design findings are the rules' tests' business. */
const found = (diagnostics: Diagnostic[]) => diagnostics
    .filter((d) => LANGUAGE.has(String(d.code)))
    .map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`)
    .sort();

const codes = async (text: string) => found((await parse(text)).diagnostics);

describe('language errors carry their rule id and exact range', () => {
    it.each([
        ['syntax', 'system S {\n  service api { replicas 2 @ }\n}', ['syntax 1:27-1:28']],
        ['syntax at an unexpected token', 'system S {\n  service { }\n}', ['syntax 1:10-1:11']],
        ['unknown-reference', 'system S {\n  service a\n  a -> ghost\n}', ['unknown-reference 2:7-2:12']],
        ['duplicate-name across zones', 'system S {\n  service a\n  zone z { cache a }\n}', ['duplicate-name 2:17-2:18']],
        ['duplicate-name of flows', 'system S { service a\n flow f : a\n flow f : a }', ['duplicate-name 2:6-2:7']],
        ['bad-unit', 'system S {\n  service a { latency 4kg }\n}', ['bad-unit 1:22-1:25']],
        ['bad-unit without a unit', 'system S { cache c { ttl 60 } }', ['bad-unit 0:25-0:27']],
        ['invalid-value: an enum word', 'system S { loadbalancer l { algorithm fastest } }', ['invalid-value 0:38-0:45']],
        ['invalid-value: a name every object has is no enum word', 'system S { cache c { eviction constructor } }', ['invalid-value 0:30-0:41']],
        ['invalid-value: a number out of range', 'system S { service a { replicas 0 } }', ['invalid-value 0:32-0:33']],
        ['invalid-value: a scenario of no time', 'system S { scenario s { duration 0s } }', ['invalid-value 0:33-0:35']],
        ['invalid-value: a word for a number', 'system S { service a { replicas many } }', ['invalid-value 0:32-0:36']],
        ['invalid-value: a reference of the wrong kind', 'system S { service a worker w { consumes a } }', ['invalid-value 0:41-0:42']],
        ['invalid-value: flow shares over 100%', 'system S { service a\n flow f 80% : a\n flow g 30% : a }', ['invalid-value 1:8-1:11']],
        ['invalid-value: vnodes without consistent', 'system S { database d { partition hash(k) shards 4 vnodes 8 } }', ['invalid-value 0:24-0:33']],
        ['invalid-value: a property given twice', 'system S { service a { replicas 2 replicas 3 } }', ['invalid-value 0:34-0:42']],
        ['unknown-property', 'system S {\n  service a { hit_ratio 0.9 }\n}', ['unknown-property 1:14-1:23']],
        ['unknown-property on a connection protocol', 'system S { service a service b a -> b : grpc timeout 1s }', ['unknown-property 0:45-0:52']],
        ['unknown protocol', 'system S { service a service b a -> b : pigeon }', ['invalid-value 0:40-0:46']],
    ])('%s', async (_name, text, expected) => {
        expect(await codes(text)).toEqual(expected);
    });

    it('names an unknown reference in a person’s words', async () => {
        const { diagnostics } = await parse('system S { service a a -> ghost }');
        expect(diagnostics[0].message).toContain("'ghost'");
        expect(diagnostics[0].codeDescription?.href).toMatch(/unknown-reference\.md$/);
        expect(diagnostics[0].source).toBe('archlint');
    });
});

describe('parsing recovers', () => {
    it('one bad line does not hide the errors of the next', async () => {
        const text = [
            'system S {',
            '  service a { replicas 2 !!! capacity 5 }',
            '  service b { replicas x }',
            '  service c { latency 4kg }',
            '  service d { hit_ratio 0.5 }',
            '  a -> ghost',
            '}',
        ].join('\n');
        expect(await codes(text)).toEqual([
            'bad-unit 3:22-3:25',
            'invalid-value 2:23-2:24',
            'syntax 1:25-1:28',
            'unknown-property 4:14-4:23',
            'unknown-reference 5:7-5:12',
        ]);
    });

    it('a broken component block does not hide the systems after it', async () => {
        const text = 'system A {\n  service a { replicas 2\n}\nsystem B {\n  service b { latency 3parsecs }\n}';
        const result = await codes(text);
        expect(result).toContain('bad-unit 4:22-4:30');
    });
});

describe('imports', () => {
    it('resolve relative to the importing file', async () => {
        const result = await parseFiles({
            'main.arch': 'import "./lib/shared.arch"\nsystem S { service a\n a -> logs }',
            'lib/shared.arch': 'queue logs',
        });
        expect(found(result['main.arch'])).toEqual([]);
    });

    it('a missing file is an unknown reference on the import', async () => {
        const result = await parseFiles({ 'main.arch': 'import "./nowhere.arch"\nsystem S { }' });
        expect(found(result['main.arch'])).toEqual(['unknown-reference 0:7-0:23']);
    });

    it('a cycle is an error naming the cycle', async () => {
        const result = await parseFiles({
            'a.arch': 'import "./b.arch"\nservice x',
            'b.arch': 'import "./c.arch"\nservice y',
            'c.arch': 'import "./a.arch"\nservice z',
        });
        expect(found(result['a.arch'])).toEqual(['import-cycle 0:7-0:17']);
        expect(result['a.arch'][0].message).toBe('Import cycle: a.arch -> b.arch -> c.arch -> a.arch.');
    });

    it('a diamond, a chain and a file imported twice are no cycle', async () => {
        const result = await parseFiles({
            'main.arch': 'import "./left.arch"\nimport "./right.arch"\nsystem S { service a\n a -> logs\n a -> jobs }',
            'left.arch': 'import "./base.arch"\nqueue logs',
            'right.arch': 'import "./base.arch"\nimport "./lib/deep.arch"\nqueue jobs',
            'base.arch': 'service shared',
            'lib/deep.arch': 'import "../base.arch"\nservice deep',
        });
        for (const name of Object.keys(result)) expect([name, found(result[name])]).toEqual([name, []]);
    });

    it('a file that imports itself is a cycle', async () => {
        const result = await parseFiles({ 'self.arch': 'import "./self.arch"\nservice x' });
        expect(found(result['self.arch'])).toEqual(['import-cycle 0:7-0:20']);
    });

    it('does not see files it does not import', async () => {
        const result = await parseFiles({ 'main.arch': 'system S { service a\n a -> logs }', 'other.arch': 'queue logs' });
        expect(found(result['main.arch'])).toEqual(['unknown-reference 1:6-1:10']);
    });
});
