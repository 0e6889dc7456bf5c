/** The TextMate grammar (editors without semantic highlighting): v2 keywords, and call annotations as numbers and keywords. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROPERTIES } from '../../language-server/model/properties.js';

interface Pattern { name?: string; match?: string; begin?: string; end?: string; patterns?: Pattern[] }
const grammar: { patterns: Pattern[] } = JSON.parse(readFileSync(new URL('../../extension/syntaxes/arch.tmLanguage.json', import.meta.url), 'utf8'));

describe('TextMate grammar', () => {
    const keywords = new RegExp(`^(?:${grammar.patterns.find((p) => p.name === 'keyword.control.arch')!.match!})$`);
    const annotation = grammar.patterns.find((p) => p.name === 'meta.annotation.call.arch')!;

    it('colours every property of the table and the v2 keywords', () => {
        for (const word of [...Object.keys(PROPERTIES), 'availability', 'sync', 'p99']) expect(keywords.test(word), word).toBe(true);
    });

    it('opens an annotation only where its first item is one, so lists stay lists', () => {
        const opens = (text: string) => new RegExp(annotation.begin!).exec(text)?.index;
        for (const text of ['a -> b [x10]', 'a -> b [5%]', 'a -> b [read x3, 50%]', 'a -> b [10x]', 'b [ write ]']) expect(opens(text), text).toBeGreaterThan(0);
        for (const text of ['weights [3, 1]', 'indexes [read_count, b]', 'joins [writes]', 'zones [a, b]']) expect(opens(text), text).toBeUndefined();
        expect(annotation.end).toBe('\\]');
    });

    it('colours counts and shares as numbers and read/write as keywords inside it', () => {
        const [numbers, words] = annotation.patterns!;
        const all = (pattern: Pattern, text: string) => [...text.matchAll(new RegExp(pattern.match!, 'g'))].map((m) => m[0]);
        expect(numbers.name).toBe('constant.numeric.arch');
        expect(all(numbers, 'read x3, 50% 10x x2k')).toEqual(['x3', '50%', '10x', 'x2k']);
        expect(words.name).toBe('keyword.other.arch');
        expect(all(words, 'read x3, write')).toEqual(['read', 'write']);
    });
});
