/** Edits of the token stream the lexer's repairs make: a token retyped, a zero-width token added, an error at a token. */
import type { ILexingError, IToken, TokenType } from 'chevrotain';

/** Gives `token` another token type, keeping its text. */
export function retype(token: IToken, type: TokenType): void {
    token.tokenType = type;
    token.tokenTypeIdx = type.tokenTypeIdx!;
}

/** A zero-width token right after `after`: the parser sees it, the text has nothing there. */
export function virtualToken(type: TokenType, after: IToken | undefined): IToken {
    const offset = after ? after.endOffset! + 1 : 0;
    const line = after?.endLine ?? 1, column = (after?.endColumn ?? 0) + 1;
    // The key order of the lexer's own tokens (arch-lexer.ts), so that both share one object shape.
    return {
        tokenType: type, tokenTypeIdx: type.tokenTypeIdx!,
        image: '', startOffset: offset, endOffset: offset - 1, startLine: line, endLine: line, startColumn: column, endColumn: column - 1,
    };
}

/** A lexing error over `token` (at least one character wide, so that editors show it). */
export function errorAt(token: IToken, message: string): ILexingError {
    return { message, offset: token.startOffset, length: token.image.length || 1, line: token.startLine ?? 1, column: token.startColumn ?? 1 };
}
