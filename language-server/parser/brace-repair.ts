/**
 * A missing or extra brace, found by indentation as a reader would find it. Only a file whose
 * braces do not match is touched: a `}` is added where a line is indented no deeper than the
 * line that opened a block still open, a `{` is added after the line a deeper-indented block
 * hangs from when a `}` closes a block that was never opened, and a `}` that closes nothing
 * is dropped. Each repair is one error; the parser then sees the structure the indentation
 * shows, so one dropped brace does not swallow the rest of the file.
 */
import type { ILexingError, IToken, TokenType } from 'chevrotain';
import { errorAt, virtualToken as virtual } from './token-edits.js';

interface Open { token: IToken; indent: number; line: number }

/** Brace token types, and what begins a property or a component (for a one-line block missing its '{'). */
export interface BraceTypes {
    open: TokenType;
    close: TokenType;
    startsProperty(token: IToken): boolean;
    startsComponent(token: IToken): boolean;
}

/** The repaired token list and one error per repair; `tokens` unchanged when braces match. */
export function repairBraces(text: string, tokens: IToken[], types: BraceTypes): { tokens: IToken[]; errors: ILexingError[] } {
    if (balanced(tokens)) return { tokens, errors: [] };
    const indents = lineIndents(text);
    const indentOf = (token: IToken) => indents[(token.startLine ?? 1) - 1] ?? 0;
    const firstOnLine = (i: number) => i === 0 || tokens[i - 1].endLine! < tokens[i].startLine!;
    const result: IToken[] = [];
    const errors: ILexingError[] = [];
    const stack: Open[] = [];
    // Blocks opened and closed on one line never decide anything by indentation.
    const multiLine = (open: Open, i: number) => tokens[i].startLine! > open.line;
    for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        if (firstOnLine(i) && token.image !== '}') {
            while (stack.length && multiLine(stack[stack.length - 1], i) && indentOf(token) <= stack[stack.length - 1].indent) {
                const open = stack.pop()!;
                result.push(virtual(types.close, result[result.length - 1]));
                errors.push(errorAt(open.token, `The '{' of line ${open.line} is never closed: a '}' is missing before line ${token.startLine}.`));
            }
        }
        if (token.image === '{') {
            stack.push({ token, indent: indentOf(token), line: token.startLine! });
        } else if (token.image === '}') {
            const indent = firstOnLine(i) ? indentOf(token) : undefined;
            while (indent !== undefined && stack.length > 1 && stack[stack.length - 1].indent > indent) {
                const open = stack.pop()!;
                result.push(virtual(types.close, result[result.length - 1]));
                errors.push(errorAt(open.token, `The '{' of line ${open.line} is never closed: a '}' is missing before line ${token.startLine}.`));
            }
            const top = stack[stack.length - 1];
            const openAt = indent === undefined && (!top || top.line < token.startLine!) ? oneLineOpening(result, token, types) : -1;
            if (openAt >= 0) {
                result.splice(openAt, 0, virtual(types.open, result[openAt - 1]));
                errors.push(errorAt(result[openAt - 1], `A '{' is missing after '${result[openAt - 1].image}' on line ${token.startLine}.`));
            } else if (!top || (indent !== undefined && top.indent < indent)) {
                const opener = indent === undefined ? -1 : hangingLine(result, indent, indents, top?.line ?? 0);
                if (opener < 0) {
                    errors.push(errorAt(token, "This '}' closes no open block."));
                    continue;
                }
                result.splice(opener + 1, 0, virtual(types.open, result[opener]));
                errors.push(errorAt(result[opener], `A '{' is missing after '${result[opener].image}' on line ${result[opener].startLine}.`));
            } else {
                stack.pop();
            }
        }
        result.push(token);
    }
    while (stack.length) {
        const open = stack.pop()!;
        result.push(virtual(types.close, result[result.length - 1]));
        errors.push(errorAt(open.token, `The '{' of line ${open.line} is never closed.`));
    }
    return { tokens: result, errors };
}

/**
 * Where a '{' belongs on the line of `close` (`queue q delivery at_least_once }`, `a -> b : grpc
 * timeout 1s }`): before the first property of a line that begins with a component kind or
 * holds a connection; -1 when the line does not read so.
 */
function oneLineOpening(tokens: IToken[], close: IToken, types: BraceTypes): number {
    let start = tokens.length;
    while (start > 0 && tokens[start - 1].startLine === close.startLine) start--;
    const connection = tokens.slice(start).some((t) => t.image === '->');
    if (start === tokens.length || !(connection || types.startsComponent(tokens[start]))) return -1;
    for (let i = start + 2; i < tokens.length; i++) {
        if (tokens[i].image === '{') return -1;
        if (types.startsProperty(tokens[i])) return i;
    }
    return -1;
}

function balanced(tokens: IToken[]): boolean {
    let depth = 0;
    for (const token of tokens) {
        if (token.image === '{') depth++;
        else if (token.image === '}' && --depth < 0) return false;
    }
    return depth === 0;
}

/** The index in `tokens` of the last token of the latest line indented `indent` (after line `after`) that a deeper line follows. */
function hangingLine(tokens: IToken[], indent: number, indents: number[], after: number): number {
    for (let i = tokens.length - 1; i >= 0; i--) {
        const line = tokens[i].startLine!;
        if (line <= after) return -1;
        const last = i + 1 === tokens.length || tokens[i + 1].startLine! > line;
        if (!last || indents[line - 1] !== indent) continue;
        const next = tokens[i + 1];
        if (next && indents[next.startLine! - 1] > indent && tokens[i].image !== '{') return i;
    }
    return -1;
}

/** Leading whitespace width of every line (a tab counts as four). */
function lineIndents(text: string): number[] {
    return text.split(/\r\n|\r|\n/).map((line) => {
        let width = 0;
        for (const c of line) {
            if (c === ' ') width++;
            else if (c === '\t') width += 4;
            else break;
        }
        return width;
    });
}
