import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient } from './lsp-client.js';
import { DIAGRAM_REQUEST, type DiagramParams, type DiagramResult } from '../../language-server/protocol.js';

const TEXT = [
    'system Shop {',
    '  workload { rps 100 }',
    '  client web',
    '  loadbalancer lb { replicas 2 health_check every 5s timeout 1s unhealthy_after 3 }',
    '  service api "<img src=x onerror=alert(1)>" { replicas 1 capacity 1k rps latency 2ms }',
    '  web -> lb -> api',
    '}',
    '',
].join('\n');

describe('quick fixes and the diagram over stdio', () => {
    let client: LspClient;
    let diagnostics: Diagnostic[];
    const uri = 'file:///actions/shop.arch';
    beforeAll(async () => {
        client = await LspClient.start();
        diagnostics = await client.open(uri, TEXT);
    });
    afterAll(async () => {
        await client.stop();
    });

    it('offers the spof fix as a quickfix code action with its edit', async () => {
        const spof = diagnostics.find((d) => d.code === 'spof')!;
        expect(spof.range).toEqual({ start: { line: 4, character: 47 }, end: { line: 4, character: 57 } });
        const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
            textDocument: { uri }, range: spof.range, context: { diagnostics: [spof], only: ['quickfix'] },
        });
        const fix = actions.find((a) => a.kind === 'quickfix' && a.diagnostics?.some((d) => d.code === 'spof'))!;
        expect(fix.edit?.changes?.[uri]).toEqual([{ range: spof.range, newText: 'replicas 2' }]);
    });

    it('answers archlint/diagram with the laid-out system and an SVG that escapes titles', async () => {
        const params: DiagramParams = { textDocument: { uri }, direction: 'right', theme: 'light' };
        const result = await client.request<DiagramResult>(DIAGRAM_REQUEST, params);
        expect(result.systems).toEqual(['Shop']);
        expect(result.layout?.nodes.map((n) => n.name).sort()).toEqual(['api', 'lb', 'web']);
        expect(result.svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
        expect(result.svg).not.toContain('<img');
    });
});
