/**
 * The formatter: re-indents by brace depth, normalises spacing between tokens, keeps comments
 * and the author's line breaks (at most one blank line in a row). Token-based rather than
 * AST-based, so a document with syntax errors formats safely too; idempotent by construction.
 */
import type { LangiumDocument, MaybePromise } from 'langium';
import type { Formatter } from 'langium/lsp';
import type { DocumentFormattingParams, DocumentRangeFormattingParams, FormattingOptions, TextEdit } from 'vscode-languageserver';

type Token = { kind: 'word' | 'string' | 'punct' | 'line-comment' | 'block-comment'; text: string; gap: string };

const TOKEN = /\s*?(\/\/[^\r\n]*|\/\*[\s\S]*?(?:\*\/|$)|"(?:\\.|[^"\\\r\n])*"?|'(?:\\.|[^'\\\r\n])*'?|->|[A-Za-z0-9_.%]+|\S)/y;
const OPENERS = new Set(['{', '[']);
const CLOSERS = new Set(['}', ']']);

/** Formats Arch text. */
export function formatArch(text: string, options: Pick<FormattingOptions, 'tabSize' | 'insertSpaces'> = { tabSize: 2, insertSpaces: true }): string {
    const unit = options.insertSpaces ? ' '.repeat(options.tabSize) : '\t';
    const out: string[] = [];
    let depth = 0;
    let blank = 0;
    for (const line of splitLines(text)) {
        if (line.length === 0) {
            if (out.length > 0) blank++;
            continue;
        }
        if (blank > 0) out.push('');
        blank = 0;
        const leading = countLeadingClosers(line);
        out.push(unit.repeat(Math.max(0, depth - leading)) + joinLine(line));
        for (const token of line) {
            if (token.kind !== 'punct') continue;
            if (OPENERS.has(token.text)) depth++;
            else if (CLOSERS.has(token.text)) depth = Math.max(0, depth - 1);
        }
    }
    return out.length ? `${out.join('\n')}\n` : '';
}

/** Splits text into lines of tokens; a block comment spanning lines stays one token on its first line. */
function splitLines(text: string): Token[][] {
    const lines: Token[][] = [[]];
    let index = 0;
    while (index < text.length) {
        const gapStart = index;
        while (index < text.length && /[ \t\r\n]/.test(text[index])) {
            if (text[index] === '\n') lines.push([]);
            index++;
        }
        if (index >= text.length) break;
        TOKEN.lastIndex = index;
        const match = TOKEN.exec(text);
        const tokenText = match ? match[1] : text[index];
        index = match ? TOKEN.lastIndex : index + 1;
        const gap = text.slice(gapStart, index - tokenText.length).replace(/^[\s\S]*\n/, '');
        lines[lines.length - 1].push({ kind: kindOf(tokenText), text: tokenText, gap });
    }
    return lines;
}

function kindOf(text: string): Token['kind'] {
    if (text.startsWith('//')) return 'line-comment';
    if (text.startsWith('/*')) return 'block-comment';
    if (text.startsWith('"') || text.startsWith("'")) return 'string';
    return /^[A-Za-z0-9_.%]/.test(text) ? 'word' : 'punct';
}

function countLeadingClosers(line: Token[]): number {
    let n = 0;
    while (n < line.length && line[n].kind === 'punct' && CLOSERS.has(line[n].text)) n++;
    return n;
}

/** Joins one line's tokens with the spacing rules of the language. */
function joinLine(line: Token[]): string {
    let result = '';
    line.forEach((token, i) => {
        const previous = line[i - 1];
        if (previous) result += spaceBetween(previous, token);
        result += token.text;
    });
    return result;
}

function spaceBetween(left: Token, right: Token): string {
    // A trailing comment keeps the author's alignment.
    if (right.kind === 'line-comment' || right.kind === 'block-comment') return right.gap.length > 0 ? right.gap.replace(/\t/g, '  ') : ' ';
    if (right.text === ',' || right.text === ')' || (right.text === ']' && left.text === '[')) return '';
    if (left.text === '(' || left.text === '[') return '';
    if (right.text === ']') return '';
    if (right.text === '(' && left.kind === 'word') return '';
    return ' ';
}

/** Arch's formatter service. */
export class ArchFormatter implements Formatter {
    formatDocument(document: LangiumDocument, params: DocumentFormattingParams): MaybePromise<TextEdit[]> {
        return this.edits(document, params.options);
    }

    /** Range formatting formats the whole document: indentation depends on what comes before. */
    formatDocumentRange(document: LangiumDocument, params: DocumentRangeFormattingParams): MaybePromise<TextEdit[]> {
        return this.edits(document, params.options);
    }

    /** No format-on-type: whole-document formatting is cheap and indentation needs the whole text. */
    formatDocumentOnType(): MaybePromise<TextEdit[]> {
        return [];
    }

    get formatOnTypeOptions(): undefined {
        return undefined;
    }

    private edits(document: LangiumDocument, options: FormattingOptions): TextEdit[] {
        const text = document.textDocument.getText();
        const formatted = formatArch(text, options);
        if (formatted === text) return [];
        return [{ range: { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(text.length) }, newText: formatted }];
    }
}
