/** Applying fix edits to a text, as `archlint check --fix` and the rule tables do. */
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../language-server/rules/fixes.js';
import type { TextEdit } from '../../language-server/rules/rule.js';

const edit = (start: [number, number], end: [number, number], newText: string): TextEdit => ({
    uri: 'file:///x.arch', newText, range: { start: { line: start[0], character: start[1] }, end: { line: end[0], character: end[1] } },
});
const TEXT = 'system S {\n  service api { replicas 1 }\n}';

describe('applyEdits', () => {
    it.each([
        ['nothing', [], TEXT, 0],
        ['one replacement', [edit([1, 16], [1, 26], 'replicas 2')], TEXT.replace('replicas 1', 'replicas 2'), 1],
        ['an insertion', [edit([1, 16], [1, 16], 'latency 2ms ')], TEXT.replace('{ replicas', '{ latency 2ms replicas'), 1],
        ['edits given in any order', [edit([2, 0], [2, 1], '} // end'), edit([0, 7], [0, 8], 'T')], TEXT.replace('S', 'T').replace(/}$/, '} // end'), 2],
        ['an edit overlapping an earlier one is skipped', [edit([1, 16], [1, 26], 'replicas 2'), edit([1, 20], [1, 30], 'x')], TEXT.replace('replicas 1', 'replicas 2'), 1],
        ['two edits that touch end to start', [edit([1, 16], [1, 24], 'replicas'), edit([1, 24], [1, 26], ' 3')], TEXT.replace('replicas 1', 'replicas 3'), 2],
        // Sorted by start, then by end: the earlier start wins an overlap whatever its length or the order given.
        ['a long edit before a short one inside it', [edit([1, 2], [1, 26], 'X'), edit([1, 16], [1, 17], 'Y')], 'system S {\n  X }\n}', 1],
        ['a short edit inside a long one before it, given first', [edit([1, 16], [1, 17], 'Y'), edit([1, 2], [1, 26], 'X')], 'system S {\n  X }\n}', 1],
        ['an insertion and a replacement at one start: the insertion', [edit([1, 16], [1, 26], 'R'), edit([1, 16], [1, 16], 'I ')], TEXT.replace('replicas 1', 'I replicas 1'), 1],
        ['a replacement and an insertion at one start: the insertion', [edit([1, 16], [1, 16], 'I '), edit([1, 16], [1, 26], 'R')], TEXT.replace('replicas 1', 'I replicas 1'), 1],
        ['a position past a line or the text clamps to the end', [edit([9, 0], [9, 0], '\n')], `${TEXT}\n`, 1],
    ])('%s', (_name, edits, text, applied) => {
        expect(applyEdits(TEXT, edits)).toEqual({ text, applied });
    });

    it('applies an edit at the second character of the text', () => {
        expect(applyEdits('ab', [edit([0, 1], [0, 1], 'x')])).toEqual({ text: 'axb', applied: 1 });
    });

    it('writes line breaks as the file does, LF in a one-line file', () => {
        expect(applyEdits('a\r\nb', [edit([1, 1], [1, 1], '\nc\r\nd')])).toEqual({ text: 'a\r\nb\r\nc\r\nd', applied: 1 });
        expect(applyEdits('a\rb', [edit([1, 1], [1, 1], '\nc')])).toEqual({ text: 'a\rb\rc', applied: 1 });
        expect(applyEdits('ab', [edit([0, 2], [0, 2], '\r\nc')])).toEqual({ text: 'ab\nc', applied: 1 });
    });
});
