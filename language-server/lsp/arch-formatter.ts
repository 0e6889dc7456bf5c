/**
 * The formatter: re-indents by brace depth, normalises spacing between tokens, keeps comments
 * and the author's line breaks (at most one blank line in a row). Token-based rather than
 * AST-based, so a document with syntax errors formats safely too; idempotent by construction.
 */
import type { LangiumDocument, MaybePromise } from 'langium';
import type { Formatter } from 'langium/lsp';
import type { DocumentFormattingParams, DocumentRangeFormattingParams, FormattingOptions, TextEdit } from 'vscode-languageserver';
import { lineStarts } from '../model/source.js';

type Token = { kind: 'word' | 'string' | 'punct' | 'line-comment' | 'block-comment'; text: string; gap: string };

const TOKEN = /\s*?(\/\/[^\r\n]*|\/\*[\s\S]*?(?:\*\/|$)|"(?:\\.|[^"\\\r\n])*"?|'(?:\\.|[^'\\\r\n])*'?|->|[A-Za-z0-9_.%]+|\S)/y;
const OPENERS = new Set(['{', '[']);
const CLOSERS = new Set(['}', ']']);

/** One formatted line and the lines of the source it comes from (a block comment may span several). */
interface FormattedLine { first: number; last: number; text: string }

type Options = Pick<FormattingOptions, 'tabSize' | 'insertSpaces'>;

/** Formats Arch text; line breaks are the text's own (CR LF, CR or LF). */
export function formatArch(text: string, options: Options = { tabSize: 2, insertSpaces: true }): string {
    const lines = formatLines(text, options).map((l) => l.text);
    return lines.length ? `${lines.join(eolOf(text))}${eolOf(text)}` : '';
}

/** The formatted lines with the source lines they replace; runs of blank lines become one, leading ones none. */
function formatLines(text: string, options: Options): FormattedLine[] {
    const unit = options.insertSpaces ? ' '.repeat(options.tabSize) : '\t';
    const out: FormattedLine[] = [];
    let depth = 0;
    let blank: number | undefined;
    for (const line of splitLines(text)) {
        if (line.tokens.length === 0) {
            if (out.length > 0 && blank === undefined) blank = line.first;
            continue;
        }
        if (blank !== undefined) out.push({ first: blank, last: line.first - 1, text: '' });
        blank = undefined;
        const leading = countLeadingClosers(line.tokens);
        out.push({ first: line.first, last: line.last, text: unit.repeat(Math.max(0, depth - leading)) + joinLine(line.tokens) });
        for (const token of line.tokens) {
            if (token.kind !== 'punct') continue;
            if (OPENERS.has(token.text)) depth++;
            else if (CLOSERS.has(token.text)) depth = Math.max(0, depth - 1);
        }
    }
    return out;
}

function eolOf(text: string): string {
    return /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
}

/** Splits text into physical lines of tokens; a token spanning lines (a block comment) belongs to its first. */
function splitLines(text: string): Array<{ first: number; last: number; tokens: Token[] }> {
    const lines = [{ first: 0, last: 0, tokens: [] as Token[] }];
    let line = 0;
    let index = 0;
    const newLine = () => lines.push({ first: ++line, last: line, tokens: [] });
    while (index < text.length) {
        const gapStart = index;
        while (index < text.length && /[ \t\r\n]/.test(text[index])) {
            if (text[index] === '\n' || (text[index] === '\r' && text[index + 1] !== '\n')) newLine();
            index++;
        }
        if (index >= text.length) break;
        TOKEN.lastIndex = index;
        const match = TOKEN.exec(text);
        const tokenText = match ? match[1] : text[index];
        index = match ? TOKEN.lastIndex : index + 1;
        const gap = text.slice(gapStart, index - tokenText.length).replace(/^[\s\S]*[\r\n]/, '');
        const current = lines[lines.length - 1];
        current.tokens.push({ kind: kindOf(tokenText), text: tokenText, gap });
        // The lines inside a block comment are part of the line it starts on.
        const breaks = tokenText.match(/\r\n|\r|\n/g)?.length ?? 0;
        line += breaks;
        current.last = line;
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
        const text = document.textDocument.getText();
        const formatted = formatArch(text, params.options);
        if (formatted === text) return [];
        return [{ range: { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(text.length) }, newText: formatted }];
    }

    /**
     * Formats the lines the range touches (indentation still follows everything before them):
     * one edit from the start of the first of those lines to the end of the last.
     */
    formatDocumentRange(document: LangiumDocument, params: DocumentRangeFormattingParams): MaybePromise<TextEdit[]> {
        const text = document.textDocument.getText();
        const { start, end } = params.range;
        const lastLine = end.character === 0 && end.line > start.line ? end.line - 1 : end.line;
        const touched = formatLines(text, params.options).filter((l) => l.last >= start.line && l.first <= lastLine);
        if (!touched.length) return [];
        const starts = lineStarts(text);
        const from = starts[touched[0].first];
        const next = starts[touched[touched.length - 1].last + 1];
        // The end of the last line, before its line break.
        const to = next === undefined ? text.length : next - (text.startsWith('\r\n', next - 2) ? 2 : 1);
        const newText = touched.map((l) => l.text).join(eolOf(text));
        if (text.slice(from, to) === newText) return [];
        return [{ range: { start: document.textDocument.positionAt(from), end: document.textDocument.positionAt(to) }, newText }];
    }

    /** No format-on-type: whole-document formatting is cheap and indentation needs the whole text. */
    formatDocumentOnType(): MaybePromise<TextEdit[]> {
        return [];
    }

    get formatOnTypeOptions(): undefined {
        return undefined;
    }
}
