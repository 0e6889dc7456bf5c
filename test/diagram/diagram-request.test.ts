/** The language server's `archlint/diagram` request and the "Diagram" code lens, on in-memory documents. */
import { EmptyFileSystem, URI } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { beforeAll, describe, expect, it } from 'vitest';
import { createArchServices } from '../../language-server/arch-module.js';
import { buildText } from '../../language-server/workspace.js';
import { ArchNodeWorkers } from '../../language-server/lsp/node-workers.js';
import { ArchCodeLensProvider } from '../../language-server/lsp/arch-code-lens-provider.js';
import type { DiagramParams, DiagramResult } from '../../language-server/protocol.js';

const { shared, Arch } = createArchServices({ ...EmptyFileSystem, workers: ArchNodeWorkers });

const TEXT = `system Shop "Online shop" {
  zone eu { service api { replicas 2 latency 3 rps } }
  database orders
  api -> orders : sql
}
system Admin { service console }
`;

beforeAll(async () => {
    await shared.workspace.WorkspaceManager.initializeWorkspace([]);
});

const request = (params: Partial<DiagramParams> & { uri: string }) => Arch.archlint.DiagramRequest.diagram(
    { textDocument: { uri: params.uri }, direction: params.direction ?? 'right', theme: params.theme ?? 'light', system: params.system },
    CancellationToken.None,
) as Promise<DiagramResult>;

describe('archlint/diagram request', () => {
    it('answers with the laid-out graph and SVG of the first system, with badges from diagnostics', async () => {
        const uri = 'file:///mem/shop.arch';
        await buildText(Arch, TEXT, uri);
        const result = await request({ uri });
        expect(result.systems).toEqual(['Shop', 'Admin']);
        expect(result.layout).toMatchObject({ system: 'Shop', title: 'Online shop', engine: 'elk' });
        expect(result.layout!.nodes.map((n) => n.name)).toEqual(['api', 'orders']);
        expect(result.layout!.nodes[0].findings).toContainEqual(expect.objectContaining({ component: 'api', severity: 'error', rule: 'bad-unit' }));
        expect(result.svg).toContain('data-zone="eu"');
        expect(result.svg).toContain('data-component="orders"');
        expect(result.layout!.nodes[0].source).toMatchObject({ uri, range: { start: { line: 1 } } });
    });

    it('shows the requested system, direction and theme', async () => {
        const uri = 'file:///mem/admin.arch';
        await buildText(Arch, TEXT, uri);
        const result = await request({ uri, system: 'Admin', direction: 'down', theme: 'dark' });
        expect(result.layout).toMatchObject({ system: 'Admin', direction: 'down' });
        expect(result.svg).toContain('theme-dark');
        const again = await request({ uri, system: 'Admin', direction: 'down', theme: 'dark' });
        expect(again.svg).toBe(result.svg);
    });

    it('says why there is no diagram', async () => {
        const uri = 'file:///mem/empty.arch';
        await buildText(Arch, '// nothing yet\n', uri);
        expect(await request({ uri })).toMatchObject({ systems: [], message: 'This file declares no system yet.' });
    });
});

describe('Diagram code lens', () => {
    it('sits on each system name and opens that system', async () => {
        const uri = 'file:///mem/lens.arch';
        const { document } = await buildText(Arch, TEXT, uri);
        // Simulate and findings lenses sit beside it (test/lsp/simulate.test.ts covers them).
        const lenses = (await new ArchCodeLensProvider().provideCodeLens(document, { textDocument: { uri } })).filter((l) => l.command?.title === 'Diagram');
        expect(lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command, l.command?.arguments])).toEqual([
            [0, 'Diagram', 'archlint.openDiagram', [URI.parse(uri).toString(), 'Shop']],
            [5, 'Diagram', 'archlint.openDiagram', [URI.parse(uri).toString(), 'Admin']],
        ]);
    });
});
