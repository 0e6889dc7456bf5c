import { describe, expect, it } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { createArchServices } from '../../language-server/arch-module.js';
import { buildText } from '../../language-server/workspace.js';
import { ArchCodeActionProvider } from '../../language-server/lsp/arch-code-action-provider.js';
import { applyEdits } from '../../language-server/rules/fixes.js';
import type { CodeAction } from 'vscode-languageserver';

const services = createArchServices(EmptyFileSystem).Arch;

describe('quick fixes as LSP code actions', () => {
    it('are registered with the language services', () => {
        expect(services.lsp.CodeActionProvider).toBeInstanceOf(ArchCodeActionProvider);
    });

    it('turn every fix of a diagnostic into a quickfix titled with its rule id', async () => {
        const text = 'system S {\n  client app\n  database users { replicas 1 partition hash(id) shards 8 }\n  app -> users\n}';
        const uri = 'file:///actions/a.arch';
        const { document, diagnostics } = await buildText(services, text, uri);
        const params = { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics } };
        const actions = (await services.lsp.CodeActionProvider!.getCodeActions(document, params)) as CodeAction[];
        expect(actions.map((a) => [a.kind, a.title.match(/\(([^)]+)\)$/)?.[1]])).toEqual(
            expect.arrayContaining([['quickfix', 'spof'], ['quickfix', 'modulo-resharding']]),
        );
        const spof = actions.find((a) => a.title.endsWith('(spof)'))!;
        expect(spof.diagnostics?.[0].code).toBe('spof');
        const edits = spof.edit!.changes![uri].map((e) => ({ ...e, uri }));
        expect(applyEdits(text, edits).text).toContain('database users { replicas 2 partition');
    });

    it('find the fixes of a diagnostic sent back with range and message only (as Monaco\'s LSP client sends it)', async () => {
        const text = 'system S {\n  client app\n  service api { latency 2ms }\n  app -> api\n}';
        const uri = 'file:///actions/bare.arch';
        const { document, diagnostics } = await buildText(services, text, uri);
        const spof = diagnostics.find((d) => d.code === 'spof')!;
        const bare = { range: spof.range, message: spof.message, severity: spof.severity };
        const actions = (await services.lsp.CodeActionProvider!.getCodeActions(document, { textDocument: { uri }, range: spof.range, context: { diagnostics: [bare] } })) as CodeAction[];
        expect(actions.map((a) => a.title)).toEqual(['Run 2 replicas of api (spof)']);
        const moved = { ...bare, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
        expect(await services.lsp.CodeActionProvider!.getCodeActions(document, { textDocument: { uri }, range: moved.range, context: { diagnostics: [moved] } })).toEqual([]);
    });

    it('ignore diagnostics without fixes and malformed data', async () => {
        const provider = new ArchCodeActionProvider();
        const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
        const diagnostics = [
            { range, message: 'x', code: 'unreachable' },
            { range, message: 'y', code: 'spof', data: { fixes: [{ title: 't', edits: [{ nonsense: true }] }] } },
        ];
        const { document } = await buildText(services, 'system S { }');
        expect(await provider.getCodeActions(document, { textDocument: { uri: 'x' }, range, context: { diagnostics } })).toEqual([]);
    });
});
