/**
 * Arch's lexer: Langium's, then one pass that knows about lines. A word on the same line as
 * the token before it is INLINE_ID (values end at the line, so a misspelt property never
 * swallows the next one), a word right after a number is its UNIT (`5 parsecs` is one
 * bad-unit error), and a keyword right after a property name is that property's value
 * (`placement cdn`). Files over the size limit, or nested deeper than the nesting limit, give
 * one error and no tokens: the parser and every tree walk after it stay within the stack.
 */
import { DefaultLexer, DefaultLexerErrorMessageProvider, type LangiumCoreServices, type LexerResult, type TokenizeOptions } from 'langium';
import type { ILexingError, IToken, TokenType } from 'chevrotain';
import { MAX_FILE_BYTES, MAX_NESTING, formatBytes } from '../limits.js';
import { printable } from '../printable.js';
import { ID, INLINE_ID, PROPERTY_NAME, UNIT, structuredPropertyNames } from './arch-token-builder.js';
import { COMPONENT_KINDS } from '../model/properties.js';
import { repairKeywords } from './keyword-repair.js';
import { retype } from './token-edits.js';
import { repairBraces } from './brace-repair.js';

const OPEN = new Set(['{', '[', '(']);
const CLOSE = new Set(['}', ']', ')']);
/** Tokens that, after a word, show the word is not the last thing on its line: a unit or a value is. */
const CONTINUES = new Set(['->', ':', '{', '[', '(']);
/** Property names that are also the unit word of a number before them (`capacity 5k rps`). */
const UNIT_KEYWORDS = new Set(['rps', 'items']);
/** Keywords a name follows. */
const DECLARES = new Set(['system', 'zone', 'flow', 'scenario', ...Object.keys(COMPONENT_KINDS)]);

/** Plain-words messages for characters the grammar has no token for. */
export class ArchLexerErrorMessageProvider extends DefaultLexerErrorMessageProvider {
    override buildUnexpectedCharactersMessage(fullText: string, startOffset: number, length: number): string {
        const text = printable(fullText.substring(startOffset, startOffset + Math.min(length, 20)));
        return length === 1 ? `Unexpected character '${text}'.` : `Unexpected characters '${text}${length > 20 ? '…' : ''}'.`;
    }
}

/** Langium's lexer with Arch's line-aware token kinds and its size and nesting limits. */
export class ArchLexer extends DefaultLexer {
    private readonly types: Record<'id' | 'inline' | 'unit' | 'number' | 'string' | 'propertyName', TokenType>;

    /** Property names with a grammar rule of their own. */
    private readonly structured: Set<string>;

    constructor(services: LangiumCoreServices) {
        super(services);
        (this.chevrotainLexer as unknown as { createTokenInstance: typeof createToken }).createTokenInstance = createToken;
        this.structured = structuredPropertyNames(services.Grammar);
        const d = this.definition;
        this.types = { id: d[ID], inline: d[INLINE_ID], unit: d[UNIT], number: d.NUMBER, string: d.STRING, propertyName: d[PROPERTY_NAME] };
    }

    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        if (text.length > MAX_FILE_BYTES) {
            return refuse(`This file has ${formatBytes(text.length)}; Archlint reads files up to ${formatBytes(MAX_FILE_BYTES)}: split it into files that import each other.`, undefined);
        }
        const result = super.tokenize(text, options);
        // Completion reads the text up to the cursor ('partial'): its open blocks are not mistakes.
        const partial = options?.mode === 'partial';
        const keywords = partial ? { tokens: result.tokens, errors: [] } : repairKeywords(result.tokens, this.definition);
        const braces = partial ? keywords : repairBraces(text, keywords.tokens, {
            open: this.definition['{'], close: this.definition['}'],
            startsProperty: (t) => this.structured.has(t.image) || isPropertyName(t, this.types.propertyName),
            startsComponent: (t) => t.image in COMPONENT_KINDS,
        });
        const tooDeep = firstTooDeep(braces.tokens);
        if (tooDeep) {
            return refuse(`Nested deeper than ${MAX_NESTING} levels (zones, blocks or a flow's chained steps): Archlint reads no further; flatten the model.`, tooDeep);
        }
        this.markLines(braces.tokens);
        const errors = [...result.errors, ...keywords.errors, ...braces.errors].sort((a, b) => a.offset - b.offset);
        return { ...result, tokens: braces.tokens, errors };
    }

    /** Gives words their line-aware kinds (see the file comment). */
    private markLines(tokens: IToken[]): void {
        const { id, inline, unit, number, propertyName } = this.types;
        const sameLine = (a: IToken | undefined, b: IToken | undefined) => !!a && !!b && a.endLine === b.startLine;
        const isValue = (t: IToken) => t.tokenType === id || t.tokenType === number || t.tokenType === this.types.string || CONTINUES.has(t.image);
        const followedOnItsLine = (i: number) => sameLine(tokens[i], tokens[i + 1]) && isValue(tokens[i + 1]);
        // Nothing after a number is named right before a ':': `p99 300 ms : a` is a spaced unit, as at the end of a line.
        const namesAfterNumber = (i: number) => followedOnItsLine(i) && tokens[i + 1].image !== ':';
        for (let i = 1; i < tokens.length; i++) {
            const token = tokens[i], previous = tokens[i - 1];
            if (!sameLine(previous, token)) continue;
            if (token.tokenType === id) {
                retype(token, previous.tokenType === number && !namesAfterNumber(i) ? unit : inline);
            } else if (previous.tokenType === number && UNIT_KEYWORDS.has(token.image)) {
                // Only here is `rps` a unit: on the next line it names the workload's rate.
                retype(token, unit);
            } else if (isWord(token) && isPropertyName(previous, propertyName) && !followedOnItsLine(i)
                && !(tokens[i - 2] && ((tokens[i - 2].tokenType === number && UNIT_KEYWORDS.has(previous.image)) || DECLARES.has(tokens[i - 2].image)))) {
                // `rps` after a number is a unit, `flow timeout read` names a flow: neither takes a value.
                retype(token, inline);
            }
        }
    }
}

/**
 * Chevrotain's token (its createFullToken) with the keys in another order. In Chevrotain's
 * order a token shares its object shape with Chevrotain's end-of-file token, whose positions
 * are NaN: V8 then keeps every token's six positions as separate heap numbers, 1.2M objects
 * for a 30k-line file. Same fields, same values.
 */
function createToken(image: string, startOffset: number, tokenTypeIdx: number, tokenType: TokenType, startLine: number, startColumn: number, imageLength: number): IToken {
    return {
        tokenType, tokenTypeIdx, image, startOffset, endOffset: startOffset + imageLength - 1,
        startLine, endLine: startLine, startColumn, endColumn: startColumn + imageLength - 1,
    };
}

function isWord(token: IToken): boolean {
    return typeof token.tokenType.PATTERN === 'string' && /^[a-z_][a-z0-9_]*$/i.test(token.image);
}

function isPropertyName(token: IToken, category: TokenType): boolean {
    return token.tokenType.CATEGORIES?.includes(category) ?? false;
}

/**
 * The first token that goes deeper than MAX_NESTING: open brackets plus the chained steps of a
 * flow (each step nests in the one before it; a connection's chain is flat).
 */
function firstTooDeep(tokens: IToken[]): IToken | undefined {
    let depth = 0, chain = 0, flowDepth = -1;
    const outerChains: number[] = [];
    for (let i = 0; i < tokens.length; i++) {
        const image = tokens[i].image;
        const startsLine = i === 0 || tokens[i - 1].endLine! < tokens[i].startLine!;
        if (image === 'flow') flowDepth = depth;
        else if (flowDepth >= 0 && startsLine && depth <= flowDepth && image !== '->') flowDepth = -1;
        if (flowDepth < 0) chain = 0;
        if (OPEN.has(image)) {
            outerChains.push(chain);
            depth++;
        } else if (CLOSE.has(image)) {
            depth = Math.max(0, depth - 1);
            chain = outerChains.pop() ?? 0;
        } else if (image === '->') {
            if (flowDepth >= 0) chain++;
        } else if (i > 0 && tokens[i - 1].image !== '->') {
            // A word not reached by an arrow starts a new chain (a new statement, or the next branch of a fork).
            chain = outerChains[outerChains.length - 1] ?? 0;
        }
        if (depth + chain > MAX_NESTING) return tokens[i];
    }
    return undefined;
}

/** No tokens and one error, at `token` or at the start of the file. */
function refuse(message: string, token: IToken | undefined): LexerResult {
    const error: ILexingError = {
        message,
        offset: token?.startOffset ?? 0,
        length: token ? token.image.length : 0,
        line: token?.startLine ?? 1,
        column: token?.startColumn ?? 1,
    };
    return { tokens: [], hidden: [], errors: [error] };
}
