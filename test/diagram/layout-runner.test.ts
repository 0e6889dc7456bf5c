/** The layout runner's time budget, fallback and cancellation, with stub workers standing in for ELK. */
import { describe, expect, it } from 'vitest';
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

/** A worker that answers each job after `delayMs` with the graph it was given. */
function echoWorker(delayMs: number): LayoutWorker {
    let listener: ((a: LayoutAnswer) => void) | undefined;
    return {
        post: (job: LayoutJob) => void setTimeout(() => listener?.({ id: job.id, graph: job.graph }), delayMs),
        onAnswer: (l) => void (listener = l),
        onFailure: () => undefined,
        terminate: () => void (listener = undefined),
    };
}

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
    it('falls back to the simple layout when ELK overruns its budget, and stops that worker', async () => {
        const log = { jobs: 0, terminated: 0 };
        const runner = new LayoutRunner(() => stuckWorker(log));
        const m = await model(TEXT);
        const { graph, skeleton } = toElkGraph(m, { direction: 'right' });
        const result = await runner.layout(graph, { direction: 'right', budgetMs: 30 });
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

    it('runs jobs in order on one worker', async () => {
        let spawned = 0;
        const runner = new LayoutRunner(() => (spawned++, echoWorker(5)));
        const { graph } = toElkGraph(await model(TEXT), { direction: 'right' });
        const results = await Promise.all([1, 2, 3].map(() => runner.layout(graph, { direction: 'right' })));
        expect(results.map((r) => r.engine)).toEqual(['elk', 'elk', 'elk']);
        expect(spawned).toBe(1);
        runner.dispose();
    });

    it('rejects an aborted job: a queued one is dropped, a long-running one ends its worker', async () => {
        const log = { jobs: 0, terminated: 0 };
        const runner = new LayoutRunner(() => stuckWorker(log), 60_000);
        const { graph } = toElkGraph(await model(TEXT), { direction: 'right' });
        const first = new AbortController(), second = new AbortController();
        const running = runner.layout(graph, { direction: 'right', signal: first.signal });
        const queued = runner.layout(graph, { direction: 'right', signal: second.signal });
        second.abort();
        await expect(queued).rejects.toBeInstanceOf(LayoutAborted);
        expect(log.jobs).toBe(1);
        await new Promise((r) => setTimeout(r, 300));
        first.abort();
        await expect(running).rejects.toBeInstanceOf(LayoutAborted);
        expect(log.terminated).toBe(1);
        runner.dispose();
    });

    it('keeps a warm worker when a short job is aborted, and serves the next job on it', async () => {
        let spawned = 0;
        const runner = new LayoutRunner(() => (spawned++, echoWorker(20)));
        const { graph } = toElkGraph(await model(TEXT), { direction: 'right' });
        const controller = new AbortController();
        const aborted = runner.layout(graph, { direction: 'right', signal: controller.signal });
        controller.abort();
        await expect(aborted).rejects.toBeInstanceOf(LayoutAborted);
        expect((await runner.layout(graph, { direction: 'right' })).engine).toBe('elk');
        expect(spawned).toBe(1);
        runner.dispose();
    });
});
