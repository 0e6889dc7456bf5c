/**
 * `archlint/scenarios`, `archlint/simulate` and the system code lenses over stdio, against the
 * real server (`archlint lsp --stdio`): reports carry queueing theory's figures, progress
 * arrives, a cancelled run stops at once, and what cannot run says why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancellationTokenSource, type CodeLens } from 'vscode-languageserver-protocol';
import { LspClient } from './lsp-client.js';
import {
    SCENARIOS_REQUEST, SIMULATE_PROGRESS, SIMULATE_REQUEST,
    type ScenariosResult, type SimulateParams, type SimulateProgressParams, type SimulateResult,
} from '../../language-server/protocol.js';

// Two replicas of one server at 5k rps each (capacity 5k rps × latency 0.2 ms): utilisation λ / (cμ) = 4000 / 10000.
const TINY = `system Tiny "Tiny service" {
  workload { rps 4k }
  client users
  service api { replicas 2 capacity 5k rps latency 0.2ms }
  users -> api
  scenario surge "Traffic surge" { duration 3s load 1.5x }
  scenario quiet { load 0.5x }
}
system Plain {
  workload { rps 100 }
  client users
  service api { replicas 2 capacity 1k rps latency 1ms }
  users -> api
}
`;
const BROKEN = `system Broken {
  workload { rps 100 }
  client users
  service api { replicas 1 capacity 1k rps latency 4kg }
  users -> api
}
`;
const TINY_URI = 'file:///sim/tiny.arch';
const BROKEN_URI = 'file:///sim/broken.arch';

let client: LspClient;
let runs = 0;
const progress: SimulateProgressParams[] = [];
const progressWaiters: Array<{ runId: string; resolve: () => void }> = [];

/** Resolves on the first progress notification of `runId`. */
const firstProgress = (runId: string) => new Promise<void>((resolve) => {
    if (progress.some((p) => p.runId === runId)) resolve();
    else progressWaiters.push({ runId, resolve });
});

const simulate = (params: Partial<SimulateParams>, token?: CancellationTokenSource['token']): Promise<SimulateResult> => {
    const full = { textDocument: { uri: TINY_URI }, runId: `run-${++runs}`, ...params };
    // An undefined token would be sent as a second parameter.
    return token ? client.connection.sendRequest(SIMULATE_REQUEST, full, token) : client.connection.sendRequest(SIMULATE_REQUEST, full);
};

beforeAll(async () => {
    client = await LspClient.start();
    client.connection.onNotification(SIMULATE_PROGRESS, (p: SimulateProgressParams) => {
        progress.push(p);
        for (const waiter of progressWaiters.filter((w) => w.runId === p.runId)) waiter.resolve();
    });
    await client.open(TINY_URI, TINY);
    await client.open(BROKEN_URI, BROKEN);
});

afterAll(async () => {
    await client?.stop();
});

describe('archlint/scenarios', () => {
    it('lists every system with its scenarios, titles and durations', async () => {
        const result = await client.request<ScenariosResult>(SCENARIOS_REQUEST, { textDocument: { uri: TINY_URI } });
        expect(result.systems).toEqual([
            { name: 'Tiny', title: 'Tiny service', scenarios: [{ name: 'surge', title: 'Traffic surge', durationS: 3 }, { name: 'quiet' }] },
            { name: 'Plain', scenarios: [] },
        ]);
    });

    it('answers with no systems for a document the server does not have', async () => {
        expect(await client.request<ScenariosResult>(SCENARIOS_REQUEST, { textDocument: { uri: 'file:///sim/never-opened.arch' } })).toEqual({ systems: [] });
    });
});

describe('archlint/simulate', () => {
    it('simulates the first system: throughput near the offered rate, utilisation near λ/(cμ)', async () => {
        const { report, message } = await simulate({ durationS: 2, seed: 3 });
        expect(message).toBeUndefined();
        expect(report).toMatchObject({ system: 'Tiny', scenario: null, seed: 3, durationS: 2, mode: 'simulation', limitsHit: [], simulatedS: 2 });
        expect(report!.requests.offered).toBeGreaterThan(7_600);
        expect(report!.requests.offered).toBeLessThan(8_400);
        expect(report!.requests.failed).toBe(0);
        expect(Math.abs(report!.throughputRps / 4000 - 1)).toBeLessThan(0.05);
        expect(Math.abs(report!.components.api.utilisation / 0.4 - 1)).toBeLessThan(0.06);
        expect(report!.availability).toBe(1);
        expect(report!.latencyMs.p99).toBeGreaterThan(report!.latencyMs.p50);
    });

    it('is deterministic for a seed, and the seed matters', async () => {
        const [a, b, c] = await Promise.all([simulate({ durationS: 1, seed: 7 }), simulate({ durationS: 1, seed: 7 }), simulate({ durationS: 1, seed: 8 })]);
        expect(a.report).toEqual(b.report);
        expect(c.report!.requests.offered).not.toBe(a.report!.requests.offered);
    });

    it('runs a scenario with its own duration and load, and a chosen system', async () => {
        const { report } = await simulate({ scenario: 'surge', seed: 1 });
        expect(report).toMatchObject({ system: 'Tiny', scenario: 'surge', durationS: 3 });
        expect(Math.abs(report!.throughputRps / 6000 - 1)).toBeLessThan(0.05);
        expect(Math.abs(report!.components.api.utilisation / 0.6 - 1)).toBeLessThan(0.06);
        const plain = await simulate({ system: 'Plain', durationS: 5 });
        expect(plain.report).toMatchObject({ system: 'Plain', durationS: 5 });
        expect(Math.abs(plain.report!.components.api.utilisation / 0.05 - 1)).toBeLessThan(0.2);
    });

    it('sends progress for its run id, ending at 1', async () => {
        const runId = 'progress-run';
        const mine = () => progress.filter((p) => p.runId === runId);
        const { report } = await client.connection.sendRequest(SIMULATE_REQUEST, { textDocument: { uri: TINY_URI }, runId, durationS: 300 }) as SimulateResult;
        expect(report?.simulatedS).toBe(300);
        // The final notification is sent before the answer, on the same ordered stream.
        const fractions = mine().map((p) => p.fraction);
        expect(fractions.length).toBeGreaterThanOrEqual(2);
        expect(fractions.at(-1)).toBe(1);
        expect(fractions).toEqual([...fractions].sort((x, y) => x - y));
        expect(fractions[0]).toBeGreaterThan(0);
    });

    it('keeps answering other requests while a run is under way, and stops the worker when the request is cancelled', async () => {
        const runId = `run-${runs + 1}`;
        const source = new CancellationTokenSource();
        // A simulated day at 4k rps: minutes of work, cut short on its first progress.
        const answer = simulate({ durationS: 86_400 }, source.token);
        let settled = false;
        const outcome = answer.then((r) => ({ ok: r }), (error: { code?: number }) => ({ error })).finally(() => void (settled = true));
        await firstProgress(runId);
        // The server answers other requests while the run goes on.
        const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: TINY_URI } });
        expect(lenses).toHaveLength(6);
        expect(settled, 'the run is still under way when the lenses arrive').toBe(false);
        source.cancel();
        // The server answers once the run has stopped: a worker left running would hold the answer
        // until its one-minute wall cap, past this test's timeout.
        expect(await outcome).toMatchObject({ error: { code: -32800 } });
        expect(progress.filter((p) => p.runId === runId).some((p) => p.fraction === 1)).toBe(false);
    });

    it('says why it cannot run: language errors, no such scenario or system, bad settings', async () => {
        const broken = await simulate({ textDocument: { uri: BROKEN_URI } });
        expect(broken.report).toBeUndefined();
        expect(broken.message).toMatch(/language errors.*line 4/);
        expect(broken.message).toContain('kg');
        expect((await simulate({ scenario: 'meteor' })).message).toBe('System Tiny has no scenario meteor (it has: surge, quiet).');
        expect((await simulate({ system: 'Nope' })).message).toBe('This file has no system Nope (it has: Tiny, Plain).');
        expect((await simulate({ durationS: -1 })).message).toMatch(/duration/);
        expect((await simulate({ seed: 1.5 })).message).toMatch(/seed/);
        const empty = 'file:///sim/empty.arch';
        await client.open(empty, '// nothing yet\n');
        expect(await simulate({ textDocument: { uri: empty } })).toEqual({ message: 'This file declares no system yet.' });
    });

    it('waits for a document opened just before the request', async () => {
        const uri = 'file:///sim/just-opened.arch';
        const diagnostics = client.nextDiagnostics(uri);
        // No wait for the server to parse it: the requests race the didOpen's build.
        void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'arch', version: 1, text: TINY } });
        const [scenarios, run] = await Promise.all([
            client.request<ScenariosResult>(SCENARIOS_REQUEST, { textDocument: { uri } }),
            simulate({ textDocument: { uri }, durationS: 1 }),
        ]);
        expect(scenarios.systems.map((s) => s.name)).toEqual(['Tiny', 'Plain']);
        expect(run.report?.system).toBe('Tiny');
        await diagnostics;
    });

    it('simulates the unsaved text', async () => {
        const uri = 'file:///sim/edited.arch';
        await client.open(uri, TINY);
        await client.change(uri, TINY.replace('rps 4k', 'rps 2k'));
        const { report } = await simulate({ textDocument: { uri }, durationS: 2 });
        expect(Math.abs(report!.throughputRps / 2000 - 1)).toBeLessThan(0.05);
    });
});

describe('system code lenses', () => {
    const lenses = (uri: string) => client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const summary = (all: CodeLens[]) => all.map((l) => [l.range.start.line, l.command?.title, l.command?.command, l.command?.arguments]);

    it('puts Diagram, Simulate and the findings count on each system', async () => {
        expect(summary(await lenses(TINY_URI))).toEqual([
            [0, 'Diagram', 'archlint.openDiagram', [TINY_URI, 'Tiny']],
            [0, 'Simulate', 'archlint.simulate', [TINY_URI, 'Tiny']],
            [0, 'No findings', 'workbench.actions.view.problems', undefined],
            [8, 'Diagram', 'archlint.openDiagram', [TINY_URI, 'Plain']],
            [8, 'Simulate', 'archlint.simulate', [TINY_URI, 'Plain']],
            [8, 'No findings', 'workbench.actions.view.problems', undefined],
        ]);
    });

    it('counts each system\'s own findings', async () => {
        const uri = 'file:///sim/two.arch';
        await client.open(uri, `${TINY}${BROKEN}`);
        const all = await lenses(uri);
        expect(all.map((l) => l.command?.title)).toEqual(['Diagram', 'Simulate', 'No findings', 'Diagram', 'Simulate', 'No findings', 'Diagram', 'Simulate', '2 errors']);
        expect(all[8].range.start.line).toBe(14);
    });

    it('counts the findings of the latest text when asked straight after an edit', async () => {
        const uri = 'file:///sim/lens-edit.arch';
        await client.open(uri, TINY);
        const diagnostics = client.change(uri, TINY.replace('replicas 2 capacity 1k', 'replicas 1 capacity 1k'));
        expect((await lenses(uri)).map((l) => l.command?.title)).toEqual(['Diagram', 'Simulate', 'No findings', 'Diagram', 'Simulate', '1 error']);
        expect((await diagnostics).map((d) => d.code)).toEqual(['spof']);
        void client.change(uri, TINY);
        expect((await lenses(uri)).map((l) => l.command?.title)).toEqual(['Diagram', 'Simulate', 'No findings', 'Diagram', 'Simulate', 'No findings']);
    });
});
