/**
 * The request handlers run ELK and the simulator in the workers their process brings
 * (createArchServices' `workers`). A process that brings none still draws, with the fallback
 * layout, and says why it cannot simulate instead of failing the request.
 */
import { EmptyFileSystem } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { beforeAll, describe, expect, it } from 'vitest';
import { createArchServices } from '../../language-server/arch-module.js';
import { buildText } from '../../language-server/workspace.js';
import type { DiagramResult, SimulateResult } from '../../language-server/protocol.js';

const TEXT = `system Shop {
  workload { rps 100 }
  client web
  service api { replicas 2 latency 3ms capacity 1k rps }
  web -> api
}
`;

const { shared, Arch } = createArchServices(EmptyFileSystem);
const uri = 'file:///mem/no-workers.arch';

beforeAll(async () => {
    await shared.workspace.WorkspaceManager.initializeWorkspace([]);
    await buildText(Arch, TEXT, uri);
});

describe('a process without workers', () => {
    it('draws every component with the fallback layout and says why ELK did not', async () => {
        const result = await Arch.archlint.DiagramRequest.diagram(
            { textDocument: { uri }, direction: 'right', theme: 'light' }, CancellationToken.None,
        ) as DiagramResult;
        expect(result.layout).toMatchObject({ system: 'Shop', engine: 'fallback', reason: 'ELK is unavailable: this process runs no workers' });
        expect(result.layout!.nodes.map((n) => n.name).sort()).toEqual(['api', 'web']);
        expect(result.svg).toContain('data-component="api"');
    });

    it('answers a simulation with a message, not a report or a failed request', async () => {
        const result = await Arch.archlint.SimulateRequest.simulate(
            { textDocument: { uri }, runId: 'r1' }, CancellationToken.None,
        ) as SimulateResult;
        expect(result.report).toBeUndefined();
        expect(result.message).toMatch(/^The simulation failed: this process runs no workers/);
    });
});
