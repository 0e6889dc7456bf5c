/** Applies fix edits to a text, as `archlint check --fix` does. */
import { lineStarts, offsetAt } from '../model/source.js';
import type { TextEdit } from './rule.js';

/**
 * The text with `edits` applied; an edit that overlaps one before it, or starts where one
 * before it starts, is skipped (two block insertions at one name would give `a { x } { y }`):
 * `--fix` applies it on its next pass, against the new text. Line breaks in the new text follow
 * the file's own (CR LF, CR or LF), as the positions do.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: number } {
    const starts = lineStarts(text);
    const eol = /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
    const spans = edits
        .map((e) => ({ start: offsetAt(text, starts, e.range.start), end: offsetAt(text, starts, e.range.end), newText: e.newText.replace(/\r\n|\r|\n/g, eol) }))
        .sort((a, b) => a.start - b.start || a.end - b.end);
    let result = '';
    let cursor = 0;
    let applied = 0;
    let lastStart = -1;
    for (const span of spans) {
        if (span.start < cursor || span.start === lastStart) continue;
        lastStart = span.start;
        result += text.slice(cursor, span.start) + span.newText;
        cursor = span.end;
        applied++;
    }
    return { text: result + text.slice(cursor), applied };
}
