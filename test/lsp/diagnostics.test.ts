import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient } from './lsp-client.js';

describe('language server over stdio', () => {
    let client: LspClient;
    beforeAll(async () => {
        client = await LspClient.start();
    });
    afterAll(async () => {
        expect(await client.stop()).toBe(0);
    });

    it('publishes diagnostics on open with rule codes, ranges and doc links', async () => {
        const diagnostics = await client.open('file:///lsp/a.arch', 'system S {\n  service a { latency 4kg }\n}\n');
        const languageErrors = diagnostics.filter((d) => d.code === 'bad-unit');
        expect(languageErrors).toHaveLength(1);
        expect(languageErrors[0]).toMatchObject({
            severity: 1, source: 'archlint',
            range: { start: { line: 1, character: 22 }, end: { line: 1, character: 25 } },
        });
        expect(languageErrors[0].codeDescription?.href).toMatch(/bad-unit\.md$/);
    });

    it('publishes new diagnostics after an edit, and clears fixed ones', async () => {
        const uri = 'file:///lsp/b.arch';
        const first = await client.open(uri, 'system S { service a }\n');
        expect(first.filter((d) => d.code === 'unknown-reference')).toEqual([]);
        const broken = await client.change(uri, 'system S { service a\n  a -> ghost }\n');
        expect(broken.filter((d) => d.code === 'unknown-reference').map((d) => d.range)).toEqual([
            { start: { line: 1, character: 7 }, end: { line: 1, character: 12 } },
        ]);
        const fixed = await client.change(uri, 'system S { service a service ghost\n  a -> ghost }\n');
        expect(fixed.filter((d) => d.code === 'unknown-reference')).toEqual([]);
    });

    it('keeps serving after garbage input', async () => {
        const garbage = await client.open('file:///lsp/c.arch', '}}}{{{ system -> -> "unterminated');
        expect(garbage.some((d) => d.code === 'syntax')).toBe(true);
        const after = await client.change('file:///lsp/c.arch', 'system S { service a { replicas many } }');
        expect(after.map((d) => d.code)).toContain('invalid-value');
    });
});
