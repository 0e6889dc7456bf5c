/** docs/language.md is the whole language: it keeps step with the grammar and the property table, and its models parse. */
import { readFileSync } from 'node:fs';
import { AstUtils, EmptyFileSystem, GrammarAST } from 'langium';
import { describe, expect, it } from 'vitest';
import { createArchServices } from '../../language-server/arch-module.js';
import {
    ANNOTATION_DOCS, COMPONENT_KINDS, KEYWORD_DOCS, OBJECTIVE_DOCS, OPTION_DOCS, OPTION_TYPES, PROPERTIES, PROTOCOLS,
} from '../../language-server/model/properties.js';
import { SUFFIXES } from '../../language-server/model/units.js';
import { parse } from '../helpers.js';

const LANGUAGE = ['syntax', 'unknown-reference', 'duplicate-name', 'import-cycle', 'bad-unit', 'invalid-value', 'unknown-property'];
const DOC = readFileSync(new URL('../../docs/language.md', import.meta.url), 'utf8');

/** The text of the section under `## heading`, up to the next `## `. */
function section(heading: string): string {
    const start = DOC.indexOf(`\n## ${heading}\n`);
    if (start < 0) throw new Error(`no section '${heading}'`);
    const end = DOC.indexOf('\n## ', start + 1);
    return DOC.slice(start, end < 0 ? undefined : end);
}

/** Whether `word` appears as a word inside some `code span` of `text`. */
function inCode(text: string, word: string): boolean {
    const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`\`[^\`\\n]*(?<![\\w])${escaped}(?![\\w])[^\`\\n]*\``).test(text);
}

/** The words the grammar has as keywords (`system`, `->` left out). */
function grammarKeywords(): string[] {
    const grammar = createArchServices(EmptyFileSystem).Arch.Grammar;
    const words = AstUtils.streamAllContents(grammar).filter(GrammarAST.isKeyword).map((k) => k.value).filter((v) => /^[a-z_][a-z0-9_]*$/.test(v));
    return [...new Set(words)].sort();
}

describe('docs/language.md', () => {
    const reference = section('Property reference');
    const rows = new Map(reference.split('\n').flatMap((line) => {
        const name = /^\| `([a-z_]+)` \|/.exec(line)?.[1];
        return name ? [[name, line] as const] : [];
    }));

    it('has one row per property of the table in its property reference, and no other', () => {
        expect([...rows.keys()].sort()).toEqual(Object.keys(PROPERTIES).sort());
    });

    it.each(Object.entries(PROPERTIES).filter(([, spec]) => spec.words))('lists every value of %s in its row', (name, spec) => {
        for (const word of Object.keys(spec.words!)) expect(inCode(rows.get(name) ?? '', word), `${name} ${word}`).toBe(true);
    });

    it('names every keyword of the grammar', () => {
        const keywords = grammarKeywords();
        expect(keywords).toEqual(expect.arrayContaining(['system', 'flow', 'availability', 'sync', 'leader']));
        expect(keywords.filter((k) => !inCode(DOC, k))).toEqual([]);
    });

    it('names every kind, protocol, option, objective, annotation, unit and documented keyword', () => {
        const words = [
            ...Object.keys(COMPONENT_KINDS), ...Object.keys(PROTOCOLS), ...Object.keys(OPTION_TYPES), ...Object.keys(OPTION_DOCS),
            ...Object.keys(OBJECTIVE_DOCS), ...Object.keys(KEYWORD_DOCS), 'read', 'write', ...Object.values(SUFFIXES).flat(),
        ];
        expect(Object.keys(ANNOTATION_DOCS)).toEqual(['count', 'share', 'read', 'write']);
        expect([...new Set(words)].filter((w) => !inCode(DOC, w))).toEqual([]);
        for (const item of ['[x10]', '[5%]', '[read]', '[write]', 'xN', 'P%']) expect(DOC, item).toContain(item);
    });

    it('states the one change of meaning in version 2', () => {
        expect(section('Changes in version 2')).toContain('a replicated database now has a single leader by default');
    });

    it('gives whole models that parse with no language error (but for the import of a file it does not ship)', async () => {
        const models = [...DOC.matchAll(/```arch\n([\s\S]*?)```/g)].map((m) => m[1]).filter((text) => /^system /m.test(text));
        expect(models.length).toBeGreaterThanOrEqual(1);
        for (const text of models) {
            const { diagnostics } = await parse(text);
            const errors = diagnostics.filter((d) => LANGUAGE.includes(String(d.code)) && !(d.code === 'unknown-reference' && d.message.startsWith('Cannot find')));
            expect(errors.map((d) => `${d.code} ${d.range.start.line}: ${d.message}`)).toEqual([]);
        }
    });

    it('is linked from the README and the grammar', () => {
        expect(readFileSync('README.md', 'utf8')).toContain('](docs/language.md)');
        expect(readFileSync('grammar/arch.langium', 'utf8').split('\n')[0]).toContain('docs/language.md');
    });
});
