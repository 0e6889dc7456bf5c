/**
 * The layout runner's time budget, fallback, ordering and cancellation, with stub workers
 * standing in for ELK and fake timers standing in for the clock (no test waits in real time).
 */
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { model } from '../helpers.js';
import { LayoutAborted, LayoutRunner, type LayoutAnswer, type LayoutJob, type LayoutWorker } from '../../language-server/diagram/layout-runner.js';
import { toElkGraph } from '../../language-server/diagram/elk-graph.js';
import { placeLayout } from '../../language-server/diagram/place.js';
import type { Box } from '../../language-server/diagram/types.js';

/** A worker that never answers, like ELK stuck on a dense graph; counts jobs and terminations. */
function stuckWorker(log: { jobs: number; terminated: number }): LayoutWorker {
    return {
        post: () => void log.jobs++,
        onAnswer: () => undefined,
        onFailure: () => undefined,
        terminate: () => void log.terminated++,
    };
}

/** A worker the test answers by hand; it records every job it is given. */
function manualWorker() {
    const jobs: LayoutJob[] = [];
    let listener: ((a: LayoutAnswer) => void) | undefined;
    const worker: LayoutWorker = {
        post: (job) => void jobs.push(job),
        onAnswer: (l) => void (listener = l),
        onFailure: () => undefined,
        terminate: () => void (listener = undefined),
    };
    /** Answers `job` with a graph marked as laid out from it. */
    const answer = (job: LayoutJob) => listener?.({ id: job.id, graph: { ...job.graph, id: `laid-${job.graph.id}` } });
    return { jobs, worker, answer };
}

/** Lets the runner's promise callbacks run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

const TEXT = `system S {
  zone a { service api { replicas 3 } cache c }
  zone b { database db { partition hash(k) shards 4 } }
  client web
  web -> api -> c -> db
  api -> db
  db -> api
}`;

const overlap = (p: Box, q: Box) => p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height;

describe('layout runner', () => {
    afterEach(() => {
        vi.useRealTimers();
    });

    it('falls back to the simple layout when ELK overruns its budget, and stops that worker', async () => {
        const log = { jobs: 0, terminated: 0 };
        const m = await model(TEXT);
        const { graph, skeleton } = toElkGraph(m, { direction: 'right' });
        vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
        const runner = new LayoutRunner(() => stuckWorker(log));
        let settled = false;
        const answer = runner.layout(graph, { direction: 'right', budgetMs: 30 }).finally(() => void (settled = true));
        vi.advanceTimersByTime(29);
        await Promise.resolve();
        expect(settled).toBe(false);
        vi.advanceTimersByTime(1);
        const result = await answer;
        expect(result.engine).toBe('fallback');
        expect(result.reason).toMatch(/30 ms budget/);
        expect(log).toEqual({ jobs: 1, terminated: 1 });

        const layout = placeLayout(skeleton, result.graph, result.engine, result.reason);
        const zone = (name: string) => layout.zones.find((z) => z.name === name)!;
        for (const node of layout.nodes) {
            expect(node.width).toBeGreaterThan(0);
            if (node.zone) {
                const z = zone(node.zone);
                expect(node.x >= z.x && node.y >= z.y && node.x + node.width <= z.x + z.width && node.y + node.height <= z.y + z.height).toBe(true);
            }
            for (const other of layout.nodes) if (other !== node) expect(overlap(node, other)).toBe(false);
        }
        expect(overlap(zone('a'), zone('b'))).toBe(false);
        for (const edge of layout.edges) expect(edge.points.length).toBeGreaterThanOrEqual(2);
        // The cycle api -> db -> api is not followed forever: web comes first, api before db.
        const x = (name: string) => layout.nodes.find((n) => n.name === name)!.x;
        expect(x('web')).toBeLessThan(x('api'));
        runner.dispose();
    });

    it('falls back when no worker can start, saying why', async () => {
        const runner = new LayoutRunner(() => { throw new Error('elkjs/lib/elk.bundled.js was not found'); });
        const { graph } = toElkGraph(await model(TEXT), { direction: 'down' });
        const result = await runner.layout(graph, { direction: 'down' });
        expect(result.engine).toBe('fallback');
        expect(result.reason).toMatch(/ELK is unavailable: .*not found/);
    });

    it('runs jobs one at a time, in order, on one worker: result i is job i\'s', async () => {
        let spawned = 0;
        const { jobs, worker, answer } = manualWorker();
        const runner = new LayoutRunner(() => (spawned++, worker));
        const graphs: ElkNode[] = ['first', 'second', 'third'].map((id) => ({ id, children: [] }));
        const results = Promise.all(graphs.map((graph) => runner.layout(graph, { direction: 'right' })));
        for (let i = 0; i < graphs.length; i++) {
            await settle();
            expect(jobs.map((j) => j.graph.id), 'the worker holds one job at a time').toEqual(graphs.slice(0, i + 1).map((g) => g.id));
            // A late answer to an earlier job is not taken for this one.
            if (i > 0) answer(jobs[i - 1]);
            answer(jobs[i]);
        }
        expect((await results).map((r) => [r.engine, r.graph.id])).toEqual([['elk', 'laid-first'], ['elk', 'laid-second'], ['elk', 'laid-third']]);
        expect(spawned).toBe(1);
        runner.dispose();
    });

    it('rejects an aborted job: a queued one is dropped, a long-running one ends its worker', async () => {
        const log = { jobs: 0, terminated: 0 };
        const { graph } = toElkGraph(await model(TEXT), { direction: 'right' });
        vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
        const runner = new LayoutRunner(() => stuckWorker(log), 60_000);
        const first = new AbortController(), second = new AbortController();
        const running = runner.layout(graph, { direction: 'right', signal: first.signal });
        const queued = runner.layout(graph, { direction: 'right', signal: second.signal });
        second.abort();
        await expect(queued).rejects.toBeInstanceOf(LayoutAborted);
        expect(log.jobs).toBe(1);
        // Long past the point where waiting for the job costs more than a new worker.
        vi.advanceTimersByTime(300);
        first.abort();
        await expect(running).rejects.toBeInstanceOf(LayoutAborted);
        expect(log.terminated).toBe(1);
        runner.dispose();
    });

    it('keeps a warm worker when a short job is aborted, drops its answer, and serves the next job on it', async () => {
        let spawned = 0;
        const { jobs, worker, answer } = manualWorker();
        const runner = new LayoutRunner(() => (spawned++, worker));
        const controller = new AbortController();
        const aborted = runner.layout({ id: 'aborted', children: [] }, { direction: 'right', signal: controller.signal });
        controller.abort();
        await expect(aborted).rejects.toBeInstanceOf(LayoutAborted);
        const next = runner.layout({ id: 'next', children: [] }, { direction: 'right' });
        await settle();
        expect(jobs.map((j) => j.graph.id), 'the next job waits for the aborted one to end').toEqual(['aborted']);
        answer(jobs[0]);
        await settle();
        answer(jobs[1]);
        expect((await next).graph.id).toBe('laid-next');
        expect(spawned).toBe(1);
        runner.dispose();
    });
});
