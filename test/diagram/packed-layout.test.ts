/**
 * Big zoned systems laid out with their zones packed in rows (packed-layout.ts), run through
 * real ELK: checked against geometry alone. No two cards overlap, every card lies inside each
 * zone around it and outside every other zone, zones nest without overlapping, every edge runs
 * orthogonally from its source's card to its target's, and the picture is shaped like the view,
 * fits it at least as large as one layered layout of the same graph does, and has no more edge
 * crossings than ELK's layered defaults give that graph.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { model } from '../helpers.js';
import { layoutDiagram } from '../../language-server/diagram/diagram.js';
import { toElkGraph } from '../../language-server/diagram/elk-graph.js';
import { createNodeLayoutRunner } from '../../language-server/diagram/node-layout.js';
import { LayoutRunner } from '../../language-server/diagram/layout-runner.js';
import { packable } from '../../language-server/diagram/packed-layout.js';
import { placeLayout } from '../../language-server/diagram/place.js';
import type { Box, DiagramLayout, DiagramOptions, Point } from '../../language-server/diagram/types.js';
import { readableBenchModel } from '../../bench/diagram-models.js';
import { crossings, elkPolylines, withElkDefaults } from '../../bench/diagram-measure.js';

const runner = createNodeLayoutRunner({ budgetMs: 60_000 });
/** A runner whose worker cannot start: every layout is the fallback. */
const noElk = new LayoutRunner(() => {
    throw new Error('no worker here');
});
afterAll(() => runner.dispose());

/** Half a pixel: coordinates are rounded to a tenth. */
const EPS = 0.5;
const overlap = (a: Box, b: Box) => a.x + EPS < b.x + b.width && b.x + EPS < a.x + a.width && a.y + EPS < b.y + b.height && b.y + EPS < a.y + a.height;
const within = (inner: Box, outer: Box) => inner.x >= outer.x - EPS && inner.y >= outer.y - EPS
    && inner.x + inner.width <= outer.x + outer.width + EPS && inner.y + inner.height <= outer.y + outer.height + EPS;
const onBox = (p: Point, b: Box) => within({ x: p.x, y: p.y, width: 0, height: 0 }, b);

/** Every geometric fact a packed layout must hold; the failures, as readable lines. */
function defects(layout: DiagramLayout): string[] {
    const out: string[] = [];
    const zone = new Map(layout.zones.map((z) => [z.name, z]));
    const around = (name: string | undefined): string[] => (name === undefined ? [] : [name, ...around(zone.get(name)?.parent)]);
    const picture = { x: 0, y: 0, width: layout.width, height: layout.height };
    const { nodes } = layout;
    nodes.forEach((n, i) => {
        const id = `${n.name}@${n.zone ?? '-'}`;
        if (!within(n, picture)) out.push(`${id} outside the picture`);
        for (const m of nodes.slice(i + 1)) if (overlap(n, m)) out.push(`${id} overlaps ${m.name}@${m.zone ?? '-'}`);
        const mine = around(n.zone);
        for (const z of layout.zones) {
            if (mine.includes(z.name) ? !within(n, z) : overlap(n, z)) out.push(`${id} ${mine.includes(z.name) ? 'outside' : 'inside'} zone ${z.name}`);
        }
    });
    layout.zones.forEach((z, i) => {
        if (!within(z, picture)) out.push(`zone ${z.name} outside the picture`);
        if (z.parent !== undefined && !within(z, zone.get(z.parent)!)) out.push(`zone ${z.name} outside its parent`);
        for (const w of layout.zones.slice(i + 1)) {
            const nested = around(z.name).includes(w.name) || around(w.name).includes(z.name);
            if (!nested && overlap(z, w)) out.push(`zones ${z.name} and ${w.name} overlap`);
        }
    });
    const cards = (name: string) => nodes.filter((n) => n.name === name);
    for (const e of layout.edges) {
        const p = e.points;
        if (p.length < 2) {
            out.push(`${e.id} not drawn`);
            continue;
        }
        if (!cards(e.from).some((n) => onBox(p[0], n))) out.push(`${e.id} does not start on ${e.from}`);
        if (!cards(e.to).some((n) => onBox(p[p.length - 1], n))) out.push(`${e.id} does not end on ${e.to}`);
        for (let i = 1; i < p.length; i++) {
            if (Math.abs(p[i].x - p[i - 1].x) > EPS && Math.abs(p[i].y - p[i - 1].y) > EPS) out.push(`${e.id} has a slanted segment at ${JSON.stringify(p[i - 1])}`);
        }
    }
    return out;
}

/** The webview's fit of `size` in `view`, not capped at 100%. */
const fitIn = (size: { width: number; height: number }, view: { width: number; height: number }) => Math.min((view.width - 24) / size.width, (view.height - 24) / size.height);

/** The same graph as one layered ELK layout, as it was drawn before packing. */
async function unpacked(text: string, options: DiagramOptions): Promise<DiagramLayout> {
    const { graph, skeleton } = toElkGraph(await model(text), options);
    const result = await runner.layout(graph, { direction: skeleton.direction });
    return placeLayout(skeleton, result.graph, result.engine);
}

const LANDSCAPE = { width: 1920, height: 1080 }, PORTRAIT = { width: 700, height: 1100 };

describe('edge crossings, as the bench and these tests count them', () => {
    it('count proper crossings of different edges only', () => {
        const h = [{ x: 0, y: 5 }, { x: 10, y: 5 }], v = [{ x: 5, y: 0 }, { x: 5, y: 10 }];
        expect(crossings([h, v])).toBe(1);
        // An edge does not cross itself; edges that only touch, or share an end, do not cross.
        expect(crossings([[...h, { x: 10, y: 0 }, { x: 5, y: 0 }, { x: 5, y: 10 }]])).toBe(0);
        expect(crossings([h, [{ x: 10, y: 5 }, { x: 10, y: 9 }]])).toBe(0);
        expect(crossings([h, [{ x: 5, y: 5 }, { x: 5, y: 9 }]])).toBe(0);
        // A staircase crossing a vertical line twice, and a third edge crossing both.
        const stairs = [{ x: 0, y: 2 }, { x: 8, y: 2 }, { x: 8, y: 8 }, { x: 0, y: 8 }];
        expect(crossings([stairs, v])).toBe(2);
        expect(crossings([stairs, v, [{ x: 2, y: 0 }, { x: 2, y: 10 }]])).toBe(4);
    });
});

describe('packed layout of big zoned systems', () => {
    for (const n of [50, 200]) {
        it(`keeps cards apart and inside their zones and edges on their cards, fits the view larger, crosses no more (${n} components)`, async () => {
            const text = readableBenchModel(n);
            const m = await model(text);
            expect(packable(toElkGraph(m, { direction: 'right' }).graph), 'the case under test is packed').toBe(true);
            for (const view of [LANDSCAPE, PORTRAIT]) {
                for (const direction of ['right', 'down'] as const) {
                    const layout = await layoutDiagram(m, { direction, view }, runner);
                    expect(layout.engine).toBe('elk');
                    expect(layout.detail).toBe('compact');
                    expect(defects(layout), `${direction} in ${view.width}×${view.height}`).toEqual([]);
                }
                // As the editor and the CLI draw it: shaped like the view, the aspect ratio within a factor of two of the view's.
                const layout = await layoutDiagram(m, { direction: 'auto', view }, runner);
                const where = `${layout.direction} in ${view.width}×${view.height}: ${layout.width}×${layout.height}`;
                const ratio = (layout.width / layout.height) / (view.width / view.height);
                expect(ratio, where).toBeGreaterThan(0.5);
                expect(ratio, where).toBeLessThan(2);
                const before = await unpacked(text, { direction: layout.direction, view });
                expect(defects(before), `${where}, unpacked`).toEqual([]);
                expect(fitIn(layout, view), `${where} against ${before.width}×${before.height} unpacked`).toBeGreaterThanOrEqual(fitIn(before, view));
                // No more edge crossings than ELK's layered defaults give the same graph.
                const { graph } = toElkGraph(m, { direction: layout.direction, view });
                const peer = await runner.layout(withElkDefaults(graph, layout.direction), { direction: layout.direction });
                expect(peer.engine).toBe('elk');
                expect(crossings(layout.edges.map((e) => e.points)), where).toBeLessThanOrEqual(crossings(elkPolylines(peer.graph)));
            }
        }, 120_000);
    }

    it('handles nested and empty zones, a component spread over zones, and components outside any zone', async () => {
        const text = `system Nested {
          client web
          zone eu {
            zone eu_1 { service a1 service a3 database d1 { zones [eu_1, eu_2] } }
            zone eu_2 { service a2 service a4 }
            zone eu_3 { }
            service gw
            cache c
          }
          zone us { service b1 service b2 service b3 queue jobs { dead_letter dlq } queue dlq worker w { consumes jobs } database db }
          zone empty "Nothing here yet" { }
          web -> gw
          web -> b1
          gw -> a1 -> a3 -> d1
          gw -> a2 -> a4 -> d1
          gw -> c
          a1 -> c
          a3 -> c
          b1 -> b2 -> jobs : async
          b1 -> b3 -> db
          b3 -> jobs : async
          b2 -> db
          w -> db
          a1 -> b2
        }`;
        const m = await model(text);
        for (const direction of ['right', 'down'] as const) {
            const options: DiagramOptions = { direction, detail: 'compact', view: LANDSCAPE };
            expect(packable(toElkGraph(m, options).graph)).toBe(true);
            const layout = await layoutDiagram(m, options, runner);
            expect(layout.engine, layout.reason).toBe('elk');
            expect(defects(layout), direction).toEqual([]);
            // Every declared connection and relation is drawn, each copy of d1 reached.
            const copies = layout.nodes.filter((x) => x.name === 'd1');
            expect(copies.map((x) => x.zone).sort()).toEqual(['eu_1', 'eu_2']);
            const reached = layout.edges.filter((e) => e.to === 'd1').map((e) => copies.find((c) => onBox(e.points[e.points.length - 1], c))?.zone);
            expect(reached.sort()).toEqual(['eu_1', 'eu_2']);
            expect(layout.edges.some((e) => e.kind === 'relation' && e.from === 'jobs' && e.to === 'dlq')).toBe(true);
            for (const name of ['empty', 'eu_3']) {
                const empty = layout.zones.find((z) => z.name === name)!;
                expect(empty.width).toBeGreaterThan(0);
                expect(empty.height).toBeGreaterThan(0);
            }
            // Without ELK, the plain layout draws the same model just as soundly.
            const plain = await layoutDiagram(m, options, noElk);
            expect(plain.engine).toBe('fallback');
            expect(defects(plain), `${direction}, fallback`).toEqual([]);
        }
    }, 60_000);

    it('is not used where most edges run between zones, or with fewer than two zones', async () => {
        const tangled = await model(`system T {
          zone a { service a1 service a2 }
          zone b { service b1 service b2 }
          a1 -> b1
          a2 -> b2
          b1 -> a2
          a1 -> a2
        }`);
        // Three of the four edges cross zones.
        expect(packable(toElkGraph(tangled, { direction: 'right', detail: 'compact' }).graph)).toBe(false);
        const oneZone = await model('system O { client web zone a { service a1 service a2 } web -> a1 -> a2 }');
        expect(packable(toElkGraph(oneZone, { direction: 'right', detail: 'compact' }).graph)).toBe(false);
    });
});
