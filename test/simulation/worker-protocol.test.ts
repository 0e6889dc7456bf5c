/** The worker protocol (worker-protocol.ts) over an in-memory channel: what each side posts, and how a run settles. */
import { describe, expect, it } from 'vitest';
import { model } from '../helpers.js';
import type { ArchModel } from '../../language-server/model/types.js';
import type { SimulationReport } from '../../language-server/simulation/report.js';
import { runInWorker, serveSimulations, type SimulationWorker, type WorkerReply, type WorkerRequest } from '../../language-server/simulation/worker-protocol.js';

/** A worker that records what it is sent and lets the test reply or fail. */
class FakeWorker implements SimulationWorker {
    readonly posted: WorkerRequest[] = [];
    terminated = 0;
    private replyTo: ((reply: WorkerReply) => void)[] = [];
    private failTo: ((error: Error) => void)[] = [];
    post(request: WorkerRequest): void { this.posted.push(request); }
    onReply(listener: (reply: WorkerReply) => void): void { this.replyTo.push(listener); }
    onFailure(listener: (error: Error) => void): void { this.failTo.push(listener); }
    terminate(): void { this.terminated++; }
    reply(reply: WorkerReply): void { for (const l of this.replyTo) l(reply); }
    fail(error: Error): void { for (const l of this.failTo) l(error); }
}

const someModel = { name: 'm' } as unknown as ArchModel; // runInWorker only passes it on
const someReport = { system: 'm' } as unknown as SimulationReport;

describe('runInWorker', () => {
    it("posts the run with its settings but not its signal or callback, relays progress, resolves with the report and terminates the worker once", async () => {
        const w = new FakeWorker(), seen: number[] = [];
        const abort = new AbortController();
        const run = runInWorker(w, someModel, { seed: 3, durationS: 5, signal: abort.signal, onProgress: (f) => seen.push(f) });
        expect(w.posted).toEqual([{ type: 'run', model: someModel, options: { seed: 3, durationS: 5 }, progress: true }]);
        w.reply({ type: 'progress', fraction: 0.25 });
        w.reply({ type: 'progress', fraction: 0.5 });
        expect(w.terminated).toBe(0);
        w.reply({ type: 'done', report: someReport });
        w.reply({ type: 'done', report: { system: 'other' } as unknown as SimulationReport });
        w.fail(new Error('exit'));
        await expect(run).resolves.toBe(someReport);
        expect(seen).toEqual([0.25, 0.5]);
        expect(w.terminated).toBe(1);
        // Once settled, an abort sends nothing: the listener is gone.
        abort.abort();
        expect(w.posted.length).toBe(1);
    });

    it('asks for no progress without a callback', async () => {
        const w = new FakeWorker();
        const run = runInWorker(w, someModel);
        expect(w.posted).toEqual([{ type: 'run', model: someModel, options: {}, progress: false }]);
        w.reply({ type: 'progress', fraction: 0.5 }); // nobody to tell: ignored
        w.reply({ type: 'done', report: someReport });
        await expect(run).resolves.toBe(someReport);
    });

    it("rejects with the worker's error message, or with the failure when the worker dies", async () => {
        const w = new FakeWorker();
        const run = runInWorker(w, someModel);
        w.reply({ type: 'error', message: 'system m has no scenario x' });
        await expect(run).rejects.toThrow('system m has no scenario x');
        expect(w.terminated).toBe(1);

        const v = new FakeWorker();
        const died = runInWorker(v, someModel);
        v.fail(new Error('simulation worker exited with code 1'));
        v.reply({ type: 'done', report: someReport });
        await expect(died).rejects.toThrow('simulation worker exited with code 1');
        expect(v.terminated).toBe(1);
    });

    it('sends a cancel when the signal aborts, at once when it already has, and only once', async () => {
        const w = new FakeWorker(), abort = new AbortController();
        const run = runInWorker(w, someModel, { signal: abort.signal });
        expect(w.posted.map((r) => r.type)).toEqual(['run']);
        abort.abort();
        abort.abort();
        expect(w.posted.map((r) => r.type)).toEqual(['run', 'cancel']);
        w.reply({ type: 'done', report: someReport });
        await run;

        const v = new FakeWorker(), before = new AbortController();
        before.abort();
        const early = runInWorker(v, someModel, { signal: before.signal });
        expect(v.posted.map((r) => r.type)).toEqual(['run', 'cancel']);
        v.reply({ type: 'done', report: someReport });
        await early;
    });
});

/** The replies of one served message, once the run is done. */
async function serve(messages: WorkerRequest[]): Promise<WorkerReply[]> {
    const replies: WorkerReply[] = [];
    let done!: () => void;
    const finished = new Promise<void>((resolve) => { done = resolve; });
    const handle = serveSimulations((reply) => {
        replies.push(reply);
        if (reply.type !== 'progress') done();
    });
    for (const m of messages) handle(m);
    await finished;
    return replies;
}

const tiny = `system T {
  workload { rps 100 }
  client u
  service api { capacity 1000 rps latency 1ms }
  u -> api
  scenario s { duration 1s }
}`;

describe('serveSimulations', () => {
    it('runs the model with the settings sent and posts the final progress then the report', async () => {
        const m = await model(tiny);
        const replies = await serve([{ type: 'run', model: m, options: { durationS: 0.5, seed: 2 }, progress: true }]);
        expect(replies.map((r) => r.type)).toEqual(['progress', 'done']);
        expect(replies[0]).toEqual({ type: 'progress', fraction: 1 });
        const report = (replies[1] as { report: SimulationReport }).report;
        expect([report.system, report.seed, report.durationS, report.limitsHit]).toEqual(['T', 2, 0.5, []]);
    });

    it('posts no progress when none was asked for', async () => {
        const m = await model(tiny);
        const replies = await serve([{ type: 'run', model: m, options: { durationS: 0.5 }, progress: false }]);
        expect(replies.map((r) => r.type)).toEqual(['done']);
    });

    it('stops a run at its first slice once a cancel has come: the report says cancelled', async () => {
        const m = await model(tiny);
        // The signal is read between slices of 250,000 events; 1M requests a second make the first slice end within 0.2 s.
        const replies = await serve([{ type: 'cancel' }, { type: 'run', model: m, options: { durationS: 10, rps: 1e6, load: 'mean' }, progress: false }]);
        const report = (replies[0] as { report: SimulationReport }).report;
        expect(report.limitsHit).toEqual(['cancelled']);
        expect(report.simulatedS).toBeLessThan(1);
    });

    it('posts the error message of a run that cannot start', async () => {
        const m = await model(tiny);
        const replies = await serve([{ type: 'run', model: m, options: { scenario: 'nope' }, progress: false }]);
        expect(replies).toEqual([{ type: 'error', message: 'system T has no scenario nope' }]);
    });
});
