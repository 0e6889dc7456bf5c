/** Applies fix edits to a text, as `archlint check --fix` does. */
import type { Position } from '../model/types.js';
import type { TextEdit } from './rule.js';

/** The text with `edits` applied; overlapping edits after the first are skipped. */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: number } {
    const starts = lineStarts(text);
    const offset = (p: Position) => Math.min(text.length, (starts[p.line] ?? text.length) + p.character);
    const spans = edits
        .map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), newText: e.newText }))
        .sort((a, b) => a.start - b.start || a.end - b.end);
    let result = '';
    let cursor = 0;
    let applied = 0;
    for (const span of spans) {
        if (span.start < cursor) continue;
        result += text.slice(cursor, span.start) + span.newText;
        cursor = span.end;
        applied++;
    }
    return { text: result + text.slice(cursor), applied };
}

function lineStarts(text: string): number[] {
    const starts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
    return starts;
}
