/**
 * The simulation overlay in the editor's diagram, over stdio against the real server: a
 * Simulate run's figures go with the diagram request and are drawn while the model is the one
 * simulated (an edit to a comment keeps them), left out and reported outdated after an edit
 * that changes the model, and drawn again when the edit is undone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient } from '../lsp/lsp-client.js';
import { overlayFromReport } from '../../language-server/diagram/overlay.js';
import {
    DIAGRAM_REQUEST, SIMULATE_REQUEST,
    type DiagramParams, type DiagramResult, type SimulateParams, type SimulateResult,
} from '../../language-server/protocol.js';
import type { SimulationOverlay } from '../../language-server/diagram/types.js';

// Two replicas of one server at 5k rps each: utilisation λ / (cμ) = 4000 / 10000 = 40%.
const TEXT = `system Tiny {
  workload { rps 4k }
  client users
  service api { replicas 2 capacity 5k rps latency 0.2ms }
  cache c { capacity 1k items }
  database db
  users -> api -> c -> db
}
`;
const uri = 'file:///overlay/tiny.arch';

let client: LspClient;
let figures: SimulationOverlay;

beforeAll(async () => {
    client = await LspClient.start();
    await client.open(uri, TEXT);
    const params: SimulateParams = { textDocument: { uri }, runId: 'overlay-test', durationS: 20, seed: 3 };
    const { report } = await client.request<SimulateResult>(SIMULATE_REQUEST, params);
    figures = overlayFromReport(report!);
}, 60_000);

afterAll(async () => {
    await client?.stop();
});

const diagram = (version: number) => client.request<DiagramResult>(DIAGRAM_REQUEST, {
    textDocument: { uri }, direction: 'right', theme: 'light', overlay: { figures, version },
} satisfies DiagramParams);

describe('simulation overlay on the editor\'s diagram', () => {
    it('draws the run\'s utilisation and hit rate on the version that was simulated', async () => {
        const result = await diagram(1);
        expect(result.overlay).toBe('shown');
        const api = result.layout!.nodes.find((n) => n.name === 'api')!;
        expect(api.overlay?.utilisation).toBe(figures.components!.api.utilisation);
        // Within Poisson noise of the closed form, 40%.
        expect(api.overlay!.utilisation!).toBeGreaterThan(0.37);
        expect(api.overlay!.utilisation!).toBeLessThan(0.43);
        expect(result.svg).toMatch(new RegExp(`data-component="api"[^]*?util ${Math.round(api.overlay!.utilisation! * 100)}%`));
        expect(result.svg).toMatch(new RegExp(`data-component="c"[^]*?hit ${Math.round(figures.caches!.c.hitRate * 100)}%`));
    });

    it('keeps the figures through an edit that leaves the model as it was', async () => {
        await client.change(uri, `// a comment and a blank line change nothing\n\n${TEXT}`);
        const result = await diagram(1);
        expect(result.version).toBe(2);
        expect(result.overlay).toBe('shown');
        expect(result.svg).toContain('class="al-utilisation"');
    });

    it('leaves them out, and says so, once the model changes; an undo brings them back', async () => {
        await client.change(uri, TEXT.replace('capacity 5k rps', 'capacity 8k rps'));
        const changed = await diagram(1);
        expect(changed.overlay).toBe('outdated');
        expect(changed.layout!.nodes.every((n) => n.overlay === undefined)).toBe(true);
        expect(changed.svg).not.toContain('util ');
        await client.change(uri, TEXT);
        expect((await diagram(1)).overlay).toBe('shown');
    });

    it('never vouches for figures of a version it did not see simulated', async () => {
        expect((await diagram(99)).overlay).toBe('outdated');
        // Malformed figures are ignored, not drawn.
        const bad = await client.request<DiagramResult>(DIAGRAM_REQUEST, {
            textDocument: { uri }, direction: 'right', theme: 'light', overlay: { figures: { components: { api: { utilisation: 'x' } } } as unknown as SimulationOverlay, version: 4 },
        } satisfies DiagramParams);
        expect(bad.overlay).toBeUndefined();
        expect(bad.svg).not.toContain('util ');
    });
});
