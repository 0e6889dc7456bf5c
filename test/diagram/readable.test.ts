/**
 * Diagrams that stay readable (issue 13): relations drawn, components spread over zones drawn in
 * each, titles wrapped, every drawn string and the PNG bounded, a legend in exports, the `auto`
 * direction and compact cards for big systems.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { model } from '../helpers.js';
import { createDiagram, layoutDiagram } from '../../language-server/diagram/diagram.js';
import { createNodeLayoutRunner } from '../../language-server/diagram/node-layout.js';
import { renderSvg } from '../../language-server/diagram/svg.js';
import { chooseDirection, reshaped } from '../../language-server/diagram/direction.js';
import { diagramTheme } from '../../language-server/diagram/theme.js';
import { fitText, textWidth, wrapText } from '../../language-server/diagram/text.js';
import { MAX_PIXELS, MAX_SIDE, rasterScale } from '../../language-server/diagram/raster-size.js';
import { svgToPng } from '../../language-server/diagram/png.js';
import type { Box, DiagramLayout, DiagramNode, Point } from '../../language-server/diagram/types.js';

const runner = createNodeLayoutRunner();
afterAll(() => runner.dispose());

const inside = (p: Point, b: Box) => p.x >= b.x - 0.5 && p.x <= b.x + b.width + 0.5 && p.y >= b.y - 0.5 && p.y <= b.y + b.height + 0.5;
const contains = (outer: Box, inner: Box) => inside(inner, outer) && inside({ x: inner.x + inner.width, y: inner.y + inner.height }, outer);

const RELATED = `system Shop {
  service api
  service lookup "Shard directory"
  queue jobs { delivery at_least_once retries 3 dead_letter jobs_dlq }
  queue jobs_dlq
  database orders { partition directory(order_id) via lookup shards 8 references [customers] joins [line_items] }
  database customers
  database line_items
  api -> jobs : async
  api -> orders
}`;

describe('relations', () => {
    it('draws dead letters, references, joins and the shard lookup as labelled relation edges, so nothing floats', async () => {
        const m = await model(RELATED);
        const { layout, svg } = await createDiagram(m, { direction: 'right', theme: 'light' }, runner);
        const relations = layout.edges.filter((e) => e.kind === 'relation').map((e) => [e.relation, e.from, e.to, e.label?.text]);
        expect(relations.sort()).toEqual([
            ['dead_letter', 'jobs', 'jobs_dlq', 'dead letters'],
            ['joins', 'orders', 'line_items', 'joins'],
            ['references', 'orders', 'customers', 'references'],
            ['via', 'lookup', 'orders', 'shard lookup'],
        ]);
        // Every component has at least one line: none floats.
        const linked = new Set(layout.edges.flatMap((e) => [e.from, e.to]));
        expect([...m.components.keys()].filter((c) => !linked.has(c))).toEqual([]);
        // Each relation ends on the cards it joins, drawn dashed.
        for (const e of layout.edges.filter((x) => x.kind === 'relation')) {
            const node = (name: string) => layout.nodes.find((n) => n.name === name)!;
            expect(inside(e.points[0], node(e.from))).toBe(true);
            expect(inside(e.points[e.points.length - 1], node(e.to))).toBe(true);
        }
        expect(svg).toMatch(/<g class="al-link relation dead_letter" data-edge="dead_letter:jobs-&gt;jobs_dlq"/);
        expect(svg).toMatch(/\.al-link\.relation \.al-edge \{[^}]*stroke-dasharray/);
        expect(svg).toContain('<title>jobs sends its dead letters to jobs_dlq</title>');
    });
});

describe('components spread over zones', () => {
    const SPREAD = `system S {
      zone a { service api_a }
      zone b { service api_b }
      client web
      database db { replicas 2 zones [a, b] }
      web -> api_a -> db
      web -> api_b -> db
      web -> db
    }`;

    it('are drawn once in each zone they list, each call going to the copy in the caller\'s zone', async () => {
        const m = await model(SPREAD);
        const layout = await layoutDiagram(m, { direction: 'right' }, runner);
        const copies = layout.nodes.filter((n) => n.name === 'db');
        expect(copies.map((n) => n.zone).sort()).toEqual(['a', 'b']);
        const zone = (name: string) => layout.zones.find((z) => z.name === name)!;
        for (const copy of copies) {
            expect(contains(zone(copy.zone!), copy)).toBe(true);
            expect(copy.spread).toEqual(['a', 'b']);
        }
        const copyIn = (z: string) => copies.find((n) => n.zone === z)!;
        const end = (from: string) => layout.edges.filter((e) => e.from === from && e.to === 'db').map((e) => e.points[e.points.length - 1]);
        expect(end('api_a').every((p) => inside(p, copyIn('a')))).toBe(true);
        expect(end('api_b').every((p) => inside(p, copyIn('b')))).toBe(true);
        // A caller in neither zone reaches every copy.
        const fromWeb = end('web');
        expect(fromWeb).toHaveLength(2);
        expect(fromWeb.some((p) => inside(p, copyIn('a'))) && fromWeb.some((p) => inside(p, copyIn('b')))).toBe(true);
        const svg = renderSvg(layout, { theme: 'light' });
        expect(svg).toContain('also in b');
        expect(svg).toContain('also in a');
    });
});

describe('titles', () => {
    it('wrap to two lines within the width, with an ellipsis after', () => {
        const lines = wrapText('Precomputed timelines for the home feed of every single user of the service', 150, 12, 2);
        expect(lines).toHaveLength(2);
        for (const line of lines) expect(textWidth(line, 12)).toBeLessThanOrEqual(150);
        expect(lines[0]).toBe('Precomputed timelines');
        expect(lines[1].endsWith('…')).toBe(true);
        expect(wrapText('Short title', 150, 12, 2)).toEqual(['Short title']);
        // A word wider than a line is broken where the line is full.
        const broken = wrapText('x'.repeat(60), 150, 12, 2);
        expect(broken).toHaveLength(2);
        expect(broken[0].length + broken[1].length).toBeLessThan(60);
        expect(fitText('a'.repeat(100), 60, 12).endsWith('…')).toBe(true);
    });

    it('show in full on hover and wrap on the card', async () => {
        const title = 'A very long title that says everything about this database and then some more words';
        const m = await model(`system S { database db "${title}" }`);
        const { layout, svg } = await createDiagram(m, { direction: 'right', theme: 'light' }, runner);
        const lines = [...svg.matchAll(/<text class="al-sub"[^>]*>([^<]*)<\/text>/g)].map((x) => x[1]);
        expect(lines).toHaveLength(2);
        expect(lines[1].endsWith('…')).toBe(true);
        expect(svg).toContain(`<title>db (Database)\n${title}`);
        // The card grew for its second line.
        expect(layout.nodes[0].height).toBeGreaterThan(60);
    });
});

describe('caps on drawn text and pictures', () => {
    it('keep a 100k-character title and name from growing the picture', async () => {
        const huge = 'W'.repeat(100_000);
        const m = await model(`system ${'S'.repeat(100_000)} "${huge}" {
            zone z "${huge}" { service ${'n'.repeat(100_000)} "${huge}" }
            database db "${huge}"
        }`);
        const { layout, svg } = await createDiagram(m, { direction: 'right', theme: 'light', legend: true }, runner);
        expect(layout.width).toBeLessThan(2_000);
        expect(layout.height).toBeLessThan(1_000);
        // Every drawn string is short; titles kept for hover are capped too.
        for (const [, text] of svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)) expect(text.length).toBeLessThan(200);
        for (const [, text] of svg.matchAll(/<title>([^<]*)<\/title>/g)) expect(text.length).toBeLessThan(2_000);
        expect(svg.length).toBeLessThan(700_000);
        const png = await svgToPng(renderSvg(layout, { theme: 'light', flat: true, legend: true }));
        expect(png.length).toBeLessThan(2_000_000);
    });

    it('bound a raster by pixel count and side, whatever the picture', () => {
        for (const [w, h] of [[100, 100], [50_000, 300], [20_000, 20_000], [1e9, 1e9]]) {
            const k = rasterScale(w, h);
            expect(k).toBeLessThanOrEqual(2);
            expect(w * k).toBeLessThanOrEqual(MAX_SIDE + 1e-6);
            expect(h * k).toBeLessThanOrEqual(MAX_SIDE + 1e-6);
            expect(w * k * h * k).toBeLessThanOrEqual(MAX_PIXELS * (1 + 1e-9));
        }
        expect(rasterScale(100, 100)).toBe(2);
    });
});

describe('legend', () => {
    it('lists the kinds, lines and badges the diagram has, under the diagram', async () => {
        const m = await model(`system S {
            client web
            service api { replicas 3 }
            queue jobs { dead_letter dead }
            queue dead
            worker w { consumes jobs }
            web -> api
            api -> jobs : async
        }`);
        const layout = await layoutDiagram(m, { direction: 'right', findings: [{ component: 'api', severity: 'error', rule: 'spof', message: 'x' }] }, runner);
        const plain = renderSvg(layout, { theme: 'light' });
        const svg = renderSvg(layout, { theme: 'light', legend: true });
        expect(plain).not.toContain('<g class="al-legend">');
        const legend = svg.slice(svg.indexOf('<g class="al-legend">'));
        const texts = [...legend.matchAll(/<text class="al-legend-text"[^>]*>([^<]*)</g)].map((x) => x[1]);
        expect(texts).toEqual(expect.arrayContaining(['Client', 'Service', 'Queue', 'Worker', 'call (waits)', 'async (enqueue)', 'consumes', 'replicas', 'errors']));
        expect(texts.some((t) => t.startsWith('relation'))).toBe(true);
        for (const absent of ['Database', 'Cache', 'warnings', 'partitioned', 'utilisation < 70%']) expect(texts).not.toContain(absent);
        // The diagram keeps its coordinates; the picture grows below it for the legend.
        const height = Number(/<svg[^>]* height="(\d+)"/.exec(svg)![1]);
        expect(height).toBeGreaterThan(layout.height + 40);
        const legendTop = Number(/<path class="al-legend-rule" d="M[\d.]+ ([\d.]+)H/.exec(legend)![1]);
        expect(legendTop).toBeGreaterThanOrEqual(layout.height);
    });
});

describe('auto direction', () => {
    const fit = (l: DiagramLayout, view: { width: number; height: number }) => Math.min(1, (view.width - 24) / l.width, (view.height - 24) / l.height);

    const CHAIN = `system Chain { ${Array.from({ length: 12 }, (_, i) => `service s${i}`).join(' ')} ${Array.from({ length: 11 }, (_, i) => `s${i} -> s${i + 1}`).join(' ')} }`;
    const FAN = `system Fan { service hub ${Array.from({ length: 14 }, (_, i) => `database d${i}`).join(' ')} ${Array.from({ length: 14 }, (_, i) => `hub -> d${i}`).join(' ')} }`;

    it('picks the direction whose layout fits the view larger, by laying out both', async () => {
        for (const text of [CHAIN, FAN]) {
            const m = await model(text);
            const right = await layoutDiagram(m, { direction: 'right' }, runner);
            const down = await layoutDiagram(m, { direction: 'down' }, runner);
            for (const view of [{ width: 500, height: 900 }, { width: 1920, height: 1080 }, { width: 900, height: 300 }]) {
                const auto = await layoutDiagram(m, { direction: 'auto', view }, runner);
                const [r, d] = [fit(right, view), fit(down, view)];
                // Left to right stays unless top to bottom fits clearly (5%) larger.
                expect(auto.direction, `${m.name} in ${view.width}×${view.height}: right ${r}, down ${d}`).toBe(d > r * 1.05 ? 'down' : 'right');
            }
        }
        // In one narrow panel, the two shapes really do want different directions.
        const panel = { width: 500, height: 900 };
        expect((await layoutDiagram(await model(CHAIN), { direction: 'auto', view: panel }, runner)).direction).toBe('down');
        expect((await layoutDiagram(await model(FAN), { direction: 'auto', view: panel }, runner)).direction).toBe('right');
    });

    it('keeps the direction a view shows unless the other is clearly better, and prefers right when both fit', () => {
        const view = { width: 1000, height: 1000 };
        const near = { right: { width: 1200, height: 300 }, down: { width: 300, height: 1100 } };
        expect(chooseDirection(near, view)).toBe('down');
        expect(chooseDirection(near, view, 'right')).toBe('right');
        expect(chooseDirection(near, view, 'down')).toBe('down');
        const both = { right: { width: 800, height: 200 }, down: { width: 200, height: 800 } };
        expect(chooseDirection(both, view)).toBe('right');
    });

    it('is chosen again when the view first reports its size or changes shape by more than 5%, not on a nudge', () => {
        const view = { width: 1000, height: 500 };
        expect(reshaped(undefined, view)).toBe(true);
        // ln(1.04) ≈ 0.039 and ln(1.06) ≈ 0.058, either side of the 0.05 threshold.
        expect(reshaped(view, { width: 1040, height: 500 })).toBe(false);
        expect(reshaped(view, { width: 1000, height: 520 })).toBe(false);
        expect(reshaped(view, { width: 1060, height: 500 })).toBe(true);
        expect(reshaped(view, { width: 1000, height: 470 })).toBe(true);
    });

    it('is what the CLI and the editor ask for by default', async () => {
        const { readFileSync } = await import('node:fs');
        const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { contributes: { configuration: { properties: Record<string, { default: string; enum: string[] }> } } };
        expect(pkg.contributes.configuration.properties['archlint.diagram.direction']).toMatchObject({ default: 'auto', enum: ['auto', 'right', 'down'] });
    });
});

describe('theme setting', () => {
    it('is declared with auto, light and dark; light and dark fix the theme, anything else follows the editor', async () => {
        const { readFileSync } = await import('node:fs');
        const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { contributes: { configuration: { properties: Record<string, { default: string; enum: string[] }> } } };
        expect(pkg.contributes.configuration.properties['archlint.diagram.theme']).toMatchObject({ default: 'auto', enum: ['auto', 'light', 'dark'] });
        for (const editor of ['light', 'dark'] as const) {
            expect(diagramTheme('light', editor)).toEqual({ theme: 'light', fixed: true });
            expect(diagramTheme('dark', editor)).toEqual({ theme: 'dark', fixed: true });
            for (const other of ['auto', undefined, 'Dark', 42]) expect(diagramTheme(other, editor)).toEqual({ theme: editor, fixed: false });
        }
    });
});

describe('compact cards', () => {
    it('are used above 40 components: name and kind in large type, no protocol labels, smaller area', async () => {
        const names = Array.from({ length: 45 }, (_, i) => `s${i}`);
        const text = `system Big { client web ${names.map((n) => `service ${n} "Service ${n}"`).join(' ')} ${names.map((n) => `web -> ${n} : https`).join(' ')} }`;
        const m = await model(text);
        const compact = await layoutDiagram(m, { direction: 'right' }, runner);
        const full = await layoutDiagram(m, { direction: 'right', detail: 'full' }, runner);
        expect(compact.detail).toBe('compact');
        expect(full.detail).toBe('full');
        const area = (nodes: DiagramNode[]) => nodes.reduce((sum, n) => sum + n.width * n.height, 0);
        expect(area(compact.nodes)).toBeLessThan(area(full.nodes) / 2);
        expect(compact.edges.every((e) => !e.label)).toBe(true);
        expect(full.edges.filter((e) => e.label?.text === 'https')).toHaveLength(45);
        const svg = renderSvg(compact, { theme: 'light' });
        expect(svg).toContain('class="archlint-diagram theme-light compact"');
        expect(svg.match(/class="al-name compact"/g)).toHaveLength(46);
        expect(svg).not.toContain('class="al-sub"');
    });
});
