/**
 * Arch's parser builds Chevrotain's lookahead functions and error-recovery follow sets on first
 * use instead of up front, each CST leaf's range when read, and links nodes to their containers
 * in its own walk (lazy-lookahead.ts, arch-parser.ts). Over single-token mistakes in the
 * samples and the published designs, it must read exactly what Langium's stock parser (everything computed up
 * front, Langium's default lookahead) reads: the same tree and CST ranges, the same lexer and
 * parser errors, the same container links.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
    AstUtils, createDefaultCoreModule, createDefaultSharedCoreModule, createLangiumParser, CstUtils, EmptyFileSystem, inject, isLeafCstNode,
    type AstNode, type LangiumCoreServices, type Module, type ParseResult, type PartialLangiumCoreServices,
} from 'langium';
import { ArchCoreModule, ArchSharedCoreModule, createArchCoreServices, type ArchCoreServices } from '../../language-server/arch-core-module.js';
import { ArchGeneratedModule, ArchGeneratedSharedModule } from '../../language-server/generated/module.js';
import { mutationsOf } from '../../bench/mutation.js';

const FOLDERS = ['../../samples', '../realworld'].map((folder) => fileURLToPath(new URL(folder, import.meta.url)));

/** Arch's services with Langium's stock parser and parser configuration in place of Arch's. */
function stockParserServices(): ArchCoreServices {
    const stockParser: Module<ArchCoreServices, PartialLangiumCoreServices> = {
        parser: { LangiumParser: (services: LangiumCoreServices) => createLangiumParser(services), ParserConfig: () => ({}) },
    };
    const shared = inject(createDefaultSharedCoreModule(EmptyFileSystem), ArchGeneratedSharedModule, ArchSharedCoreModule);
    return inject(createDefaultCoreModule({ shared }), ArchGeneratedModule, ArchCoreModule, stockParser);
}

/** Each node's link to its container, in streamAst's order: `$type < container.$type.property[index]`. */
function containerLinks(root: AstNode): string[] {
    return AstUtils.streamAst(root).map((node) => `${node.$type} < ${node.$container?.$type}.${node.$containerProperty}[${node.$containerIndex}]`).toArray();
}

/** The tree as JSON (references as their text), each node's container link, every CST leaf with its range, and every error with its place. */
function reading(result: ParseResult): string {
    const cst = result.value.$cstNode;
    const leaves = cst ? CstUtils.streamCst(cst).filter(isLeafCstNode).map((l) => `${l.offset}+${l.length} ${JSON.stringify(l.range)} ${l.hidden} ${l.tokenType.name}`).toArray() : [];
    const tree = JSON.stringify(result.value, (key, value: unknown) => {
        if (key.startsWith('$') && key !== '$type') return undefined;
        if (value && typeof value === 'object' && '$refText' in value) return (value as { $refText: string }).$refText;
        return value;
    });
    const lexer = result.lexerErrors.map((e) => `${e.offset}:${e.length} ${e.message}`);
    const parser = result.parserErrors.map((e) => `${e.token.startOffset} ${e.name} ${e.message}`);
    return JSON.stringify({ tree, links: containerLinks(result.value), leaves, lexer, parser });
}

describe('deferred lookahead and follow sets', () => {
    it('read single-token mistakes in the samples and published designs as Langium\'s stock parser does', () => {
        const ours = createArchCoreServices(EmptyFileSystem).Arch.parser.LangiumParser;
        const stock = stockParserServices().parser.LangiumParser;
        const files = FOLDERS.flatMap((folder) => readdirSync(folder).filter((f) => f.endsWith('.arch')).map((f) => join(folder, f)));
        let compared = 0, withErrors = 0;
        for (const file of files) {
            const text = readFileSync(file, 'utf8');
            // Every third mistake keeps the run short; the kinds of mistake stay interleaved.
            const mistakes = mutationsOf(file, text).filter((_, i) => i % 3 === 0);
            for (const { text: mutated, change } of [{ text, change: 'none' }, ...mistakes]) {
                const expected = stock.parse(mutated);
                expect(reading(ours.parse(mutated)), `${file}: ${change}`).toBe(reading(expected));
                compared++;
                if (expected.parserErrors.length) withErrors++;
            }
        }
        // Many of them need error recovery, which reads the follow sets.
        expect(compared).toBeGreaterThan(600);
        expect(withErrors).toBeGreaterThan(50);
    }, 120_000);
});
