/**
 * Semantic highlighting of a document that an edit resets midway. Langium's provider yields to the
 * event loop every 10 ms; an edit taken in meanwhile resets the document and unlinks its references.
 * In the playground, reading one then logged "Attempted reference resolution before document
 * reached ComputedScopes state" (a flaky failure of its no-console-error test). In process: the
 * provider must stop reading references once the document is no longer linked.
 */
import { describe, expect, it, vi } from 'vitest';
import { DocumentState, EmptyFileSystem, URI } from 'langium';
import { CancellationTokenSource } from 'vscode-languageserver';
import { createArchServices } from '../../language-server/arch-module.js';

/**
 * Many components, each connected to the next (well over 10 ms of highlighting), and a last
 * connection to a name nothing declares, as while one types: resolving it once more, on an
 * unlinked document, is what warns.
 */
function large(count: number): string {
    const lines = ['system S {', '  client u'];
    for (let i = 0; i < count; i++) lines.push(`  service s${i} { replicas 2 }`);
    lines.push(`  u -> s0`);
    for (let i = 1; i < count; i++) lines.push(`  s${i - 1} -> s${i}`);
    lines.push('  u -> nowhere');
    lines.push('}');
    return lines.join('\n');
}

describe('semantic tokens while an edit resets the document', () => {
    it('read no reference of an unlinked document, and warn of nothing', async () => {
        const { shared, Arch } = createArchServices(EmptyFileSystem);
        const document = shared.workspace.LangiumDocumentFactory.fromString(large(3000), URI.parse('file:///race/big.arch'));
        shared.workspace.LangiumDocuments.addDocument(document);
        await shared.workspace.DocumentBuilder.build([document], { validation: false });
        const provider = Arch.lsp.SemanticTokenProvider!;
        const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
        try {
            const reading = provider.semanticHighlight(document, { textDocument: { uri: document.uri.toString() } }, new CancellationTokenSource().token);
            // The first yield comes after 10 ms of highlighting: reset the document there, as an edit does.
            await new Promise((resolve) => setTimeout(resolve, 0));
            shared.workspace.DocumentBuilder.resetToState(document, DocumentState.Changed);
            expect(document.state).toBeLessThan(DocumentState.Linked);
            await reading;
            expect(warn.mock.calls.flat().filter((m) => String(m).includes('reference resolution'))).toEqual([]);
        } finally {
            warn.mockRestore();
        }
    }, 30_000);
});
