/**
 * Requests sent right after an edit answer for the edited text, over stdio. A burst of edits
 * delays the build (edit-burst.ts), and a request that ran on the previous parse answered with
 * its positions: semantic tokens past the end of a shortened line, which VS Code rejects
 * ("end character > model.getLineLength").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SemanticTokens, SemanticTokensDelta } from 'vscode-languageserver-protocol';
import { LspClient } from './lsp-client.js';

/**
 * A model whose service names are `width` characters long, so every edit moves the tokens,
 * padded with `padding` more services so that its validation takes a while.
 */
const text = (width: number, padding = 0) => {
    const name = (n: number) => `${String.fromCharCode(97 + n)}${'x'.repeat(width)}`;
    const pad = Array.from({ length: padding }, (_, i) => `  service p${i} { capacity 100 rps }\n  ${name(0)} -> p${i}\n`).join('');
    return `system S {\n  service ${name(0)} { capacity 100 rps }\n  service ${name(1)} { capacity 100 rps }\n  ${name(0)} -> ${name(1)}\n${pad}}\n`;
};

/** The tokens (line, start, length) that run past the end of their line in `source`. */
function outOfLine(data: readonly number[], source: string): number[][] {
    const lines = source.split('\n');
    const bad: number[][] = [];
    let line = 0;
    let start = 0;
    for (let i = 0; i < data.length; i += 5) {
        line += data[i];
        start = data[i] === 0 ? start + data[i + 1] : data[i + 1];
        if (line >= lines.length || start + data[i + 2] > lines[line].length) bad.push([line, start, data[i + 2]]);
    }
    return bad;
}

describe('requests right after an edit', () => {
    // One server for every case: each works on a document of its own.
    let client: LspClient;
    beforeAll(async () => {
        client = await LspClient.start();
    });
    afterAll(async () => {
        await client.stop();
    });

    const full = (uri: string) => client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });

    /** Edits `uri` to long names then short ones (`pauseMs(round)` apart) and asks for the tokens of the short version. */
    async function shortenAndAsk(uri: string, rounds: number, padding: number, pauseMs: (round: number) => number): Promise<void> {
        await client.open(uri, text(40, padding));
        for (let round = 0; round < rounds; round++) {
            // Tokens of the long version would overrun the short lines.
            await client.edit(uri, text(40 - round, padding));
            if (pauseMs(round) > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs(round)));
            const short = text(round % 3, padding);
            await client.edit(uri, short);
            const { data } = await full(uri);
            expect(data.length, `round ${round}`).toBeGreaterThan(0);
            expect(outOfLine(data, short), `round ${round}`).toEqual([]);
        }
    }

    it('answer semantic tokens for the edited text, never the previous parse', async () => {
        await shortenAndAsk('file:///stale/a.arch', 20, 0, () => 0);
    });

    it('answer semantic tokens for the edited text while the previous version is still validating', async () => {
        // Past the burst's wait and the linking of the wide version, inside its validation.
        await shortenAndAsk('file:///stale/b.arch', 10, 1500, (round) => 20 * round);
    });

    it('answer semantic token deltas that turn the previous answer into the edited text\'s tokens', async () => {
        const uri = 'file:///stale/c.arch';
        await client.open(uri, text(40));
        let known = await full(uri);
        for (let round = 0; round < 20; round++) {
            await client.edit(uri, text(40 - round));
            // The editor asks again after each edit and cancels nothing: every answer is applied.
            const short = text(round % 3);
            await client.edit(uri, short);
            const delta = await client.request<SemanticTokens | SemanticTokensDelta>('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: known.resultId });
            const data = 'data' in delta ? delta.data : [...known.data];
            if ('edits' in delta) {
                for (const edit of [...delta.edits].sort((a, b) => b.start - a.start)) data.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
            }
            expect(outOfLine(data, short), `round ${round}`).toEqual([]);
            known = await full(uri);
            expect(data, `round ${round}`).toEqual(known.data);
        }
    });

    it('answer semantic token requests that overlap as each would alone (Monaco asks for a range and the whole file at once)', async () => {
        const uri = 'file:///stale/d.arch';
        await client.open(uri, text(10, 1500));
        const range = () => client.request<SemanticTokens>('textDocument/semanticTokens/range', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } } });
        const [wholeAlone, rangeAlone] = [(await full(uri)).data, (await range()).data];
        expect(rangeAlone.length).toBeLessThan(wholeAlone.length);
        const overlapping = await Promise.all([full(uri), range(), full(uri), range()]);
        expect(overlapping.map((r) => r.data)).toEqual([wholeAlone, rangeAlone, wholeAlone, rangeAlone]);
    });

    it('answer for texts with a byte order mark and CR LF line endings', async () => {
        const uri = 'file:///stale/e.arch';
        const crlf = `\uFEFF${text(5).replaceAll('\n', '\r\n')}`;
        await client.open(uri, crlf);
        const { data } = await full(uri);
        expect(data.length).toBeGreaterThan(0);
        expect(outOfLine(data, crlf.replaceAll('\r\n', '\n'))).toEqual([]);
    });
});
