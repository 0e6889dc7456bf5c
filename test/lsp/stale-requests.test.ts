/**
 * Requests sent right after an edit answer for the edited text, over stdio. A burst of edits
 * delays the build (edit-burst.ts), and a request that ran on the previous parse answered with
 * its positions: semantic tokens past the end of a shortened line, which VS Code rejects
 * ("end character > model.getLineLength").
 */
import { describe, expect, it } from 'vitest';
import type { SemanticTokens } from 'vscode-languageserver-protocol';
import { LspClient } from './lsp-client.js';

/** A model whose service names are `width` characters long, so every edit moves the tokens. */
const text = (width: number) => {
    const name = (n: number) => `${String.fromCharCode(97 + n)}${'x'.repeat(width)}`;
    return `system S {\n  service ${name(0)} { capacity 100 rps }\n  service ${name(1)} { capacity 100 rps }\n  ${name(0)} -> ${name(1)}\n}\n`;
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
    it('answer semantic tokens for the edited text, never the previous parse', async () => {
        const client = await LspClient.start();
        try {
            const uri = 'file:///stale/a.arch';
            await client.open(uri, text(40));
            for (let round = 0; round < 20; round++) {
                // Long names, then short ones: tokens of the long version would overrun the short lines.
                const wide = text(40 - round);
                await client.edit(uri, wide);
                const short = text(round % 3);
                await client.edit(uri, short);
                const { data } = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
                expect(data.length, `round ${round}`).toBeGreaterThan(0);
                expect(outOfLine(data, short), `round ${round}`).toEqual([]);
            }
        } finally {
            await client.stop();
        }
    });
});
