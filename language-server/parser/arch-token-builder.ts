/**
 * Tokens of the Arch grammar, plus every name of the property table as a keyword: a property
 * is one line in `model/properties.ts`, never a grammar change. Property names, words on the
 * same line as the token before them, and unit words are token categories (PROPERTY_NAME,
 * INLINE_ID, UNIT) that the lexer assigns (arch-lexer.ts); the grammar uses them to end a
 * property at its line and to take `5 parsecs` as a number with a wrong unit.
 */
import { AstUtils, DefaultTokenBuilder, GrammarAST, RegExpUtils, type Grammar, type Stream } from 'langium';
import { Lexer, type TokenType, type TokenVocabulary } from 'chevrotain';
import { PROPERTIES } from '../model/properties.js';

/** Names of the token categories the grammar declares as never-matching terminals. */
export const PROPERTY_NAME = 'PROPERTY_NAME', INLINE_ID = 'INLINE_ID', UNIT = 'UNIT', ID = 'ID';

/** Whether a token of this type is a name (an identifier, wherever it stands), not a keyword. */
export function isNameToken(type: { name: string }): boolean {
    return type.name === ID || type.name === INLINE_ID || type.name === UNIT;
}

/** Whether a token of this type is a property name from the table (`reads`, `failover`, `write`...). */
export function isPropertyNameToken(type: { CATEGORIES?: readonly { name: string }[] }): boolean {
    return type.CATEGORIES?.some((c) => c.name === PROPERTY_NAME) ?? false;
}

/** Property names with a grammar rule of their own (replicas, latency, partition...): never the generic `name value` shape. */
export function structuredPropertyNames(grammar: Grammar): Set<string> {
    const names = new Set<string>();
    for (const rule of grammar.rules) {
        if (!GrammarAST.isParserRule(rule) || !rule.name.endsWith('Property') || rule.name === 'SimpleProperty' || rule.name === 'UnknownProperty') continue;
        for (const assignment of streamAssignments(rule)) {
            if (assignment.feature !== 'name') continue;
            for (const keyword of keywordsOf(assignment.terminal)) names.add(keyword);
        }
    }
    return names;
}

function streamAssignments(rule: GrammarAST.ParserRule): Stream<GrammarAST.Assignment> {
    return AstUtils.streamAllContents(rule).filter(GrammarAST.isAssignment);
}

function keywordsOf(element: GrammarAST.AbstractElement): string[] {
    if (GrammarAST.isKeyword(element)) return [element.value];
    if (GrammarAST.isAlternatives(element)) return element.elements.flatMap(keywordsOf);
    return [];
}

/** Builds the grammar's tokens and the property table's names. */
export class ArchTokenBuilder extends DefaultTokenBuilder {
    /** Each terminal's pattern made partial, once: Langium remade it for every keyword (most of building the tokens). */
    private readonly partials = new Map<TokenType, RegExp | undefined>();

    protected override findLongerAlt(keyword: GrammarAST.Keyword, terminalTokens: TokenType[]): TokenType[] {
        return terminalTokens.filter((token) => {
            if (!this.partials.has(token)) {
                const source = (token.PATTERN as RegExp | undefined)?.source;
                this.partials.set(token, source ? RegExpUtils.partialRegExp(`^${source}$`) : undefined);
            }
            const match = this.partials.get(token) && keyword.value.match(this.partials.get(token)!);
            return !!match && match[0].length > 0;
        });
    }

    override buildTokens(grammar: Grammar, options?: { caseInsensitive?: boolean }): TokenVocabulary {
        const tokens = super.buildTokens(grammar, options) as TokenType[];
        const byName = new Map(tokens.map((t) => [t.name, t]));
        const id = byName.get(ID)!;
        const category = byName.get(PROPERTY_NAME)!;
        category.PATTERN = Lexer.NA;
        const inline = byName.get(INLINE_ID)!;
        Object.assign(inline, { PATTERN: Lexer.NA, CATEGORIES: [id] });
        Object.assign(byName.get(UNIT)!, { PATTERN: Lexer.NA, CATEGORIES: [id, inline] });

        const structured = structuredPropertyNames(grammar);
        const keywords: TokenType[] = [];
        for (const name of Object.keys(PROPERTIES)) {
            if (structured.has(name)) continue;
            const existing = byName.get(name);
            if (existing) existing.CATEGORIES = [...(existing.CATEGORIES ?? []), category];
            else keywords.push({ name, PATTERN: name, LONGER_ALT: [id], CATEGORIES: [category] });
        }
        // Keywords go before the terminals, longest first, as Langium orders its own.
        const isKeyword = (t: TokenType) => typeof t.PATTERN === 'string';
        const allKeywords = [...tokens.filter(isKeyword), ...keywords].sort((a, b) => String(b.PATTERN).length - String(a.PATTERN).length);
        // A keyword has no line break: said here, Chevrotain need not analyse each one for it (most of making the lexer).
        for (const keyword of allKeywords) keyword.LINE_BREAKS = /[\n\r]/.test(keyword.PATTERN as string);
        return [...allKeywords, ...tokens.filter((t) => !isKeyword(t))];
    }
}
