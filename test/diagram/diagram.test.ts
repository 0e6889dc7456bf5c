/** The headless diagram: ELK graph, layout in a worker, SVG; determinism, completeness, escaping. */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { model } from '../helpers.js';
import { createDiagram, layoutDiagram } from '../../language-server/diagram/diagram.js';
import { createNodeLayoutRunner } from '../../language-server/diagram/node-layout.js';
import { renderSvg } from '../../language-server/diagram/svg.js';
import type { Box, DiagramLayout } from '../../language-server/diagram/types.js';

const REFERENCE = readFileSync(new URL('./fixtures/tinyurl.arch', import.meta.url), 'utf8');
const runner = createNodeLayoutRunner();
afterAll(() => runner.dispose());

const inside = (inner: Box, outer: Box) => inner.x >= outer.x && inner.y >= outer.y
    && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('diagram of the language.md reference model', async () => {
    const m = await model(REFERENCE);
    const { layout, svg } = await createDiagram(m, { direction: 'right', theme: 'light' }, runner);

    it('is laid out by ELK', () => {
        expect(layout.engine).toBe('elk');
    });

    it('draws every component and zone', () => {
        expect(layout.nodes.map((n) => n.name).sort()).toEqual([...m.components.keys()].sort());
        for (const name of m.components.keys()) expect(svg).toContain(`data-component="${name}"`);
        for (const name of m.zones.keys()) expect(svg).toContain(`data-zone="${name}"`);
        expect(m.zones.size).toBeGreaterThan(0);
    });

    it('places components inside their zones and nowhere on top of each other', () => {
        for (const node of layout.nodes) {
            if (node.zone) expect(inside(node, layout.zones.find((z) => z.name === node.zone)!)).toBe(true);
            expect(inside(node, { x: 0, y: 0, width: layout.width, height: layout.height })).toBe(true);
        }
        for (const a of layout.nodes) for (const b of layout.nodes) if (a !== b) expect(overlap(a, b), `${a.name} / ${b.name}`).toBe(false);
    });

    it('routes every connection with orthogonal segments', () => {
        expect(layout.edges.filter((e) => e.kind !== 'relation').length).toBe(m.edges.length);
        for (const edge of layout.edges) {
            expect(edge.points.length).toBeGreaterThanOrEqual(2);
            for (let i = 1; i < edge.points.length; i++) {
                const [p, q] = [edge.points[i - 1], edge.points[i]];
                expect(p.x === q.x || p.y === q.y).toBe(true);
            }
        }
    });

    it('labels edges with their protocol, dashes async ones and marks flows', () => {
        const https = layout.edges.find((e) => e.id === 'browser->edge')!;
        expect(https.label?.text).toBe('https');
        expect(svg).toMatch(/<g class="al-link async[^"]*" data-edge="api-&gt;clicks"/);
        expect(svg).toMatch(/\.al-link\.async \.al-edge \{ stroke-dasharray/);
        expect(layout.edges.find((e) => e.id === 'edge->api')!.flows.sort()).toEqual(['redirect', 'shorten']);
        expect(layout.flows.map((f) => f.name)).toEqual(['redirect', 'shorten']);
    });

    it('shows replicas, shards and a distinct icon tile per kind', () => {
        expect(svg).toMatch(/data-component="api"[^]*?data-replicas="8"/);
        expect(svg).toMatch(/data-component="urls"[^]*?32 shards/);
        const tiles = new Set([...svg.matchAll(/data-kind="(\w+)"[^]*?fill="(#[0-9a-f]{6})"/g)].map((m) => `${m[1]}=${m[2]}`));
        const colours = new Map([...tiles].map((t) => t.split('=') as [string, string]));
        expect(new Set(colours.values()).size).toBe(colours.size);
    });
});

describe('layout', () => {
    it('is deterministic: the same model gives the same layout and SVG', async () => {
        const m = await model(REFERENCE);
        const first = await createDiagram(m, { direction: 'down', theme: 'dark' }, runner);
        const fresh = createNodeLayoutRunner();
        const again = await model(REFERENCE);
        const second = await createDiagram(again, { direction: 'down', theme: 'dark' }, fresh);
        fresh.dispose();
        // Each parse gets its own document URI; everything else must match exactly.
        const json = (l: DiagramLayout, uri: string) => JSON.stringify(l).replaceAll(uri, 'URI');
        expect(json(second.layout, again.uri)).toBe(json(first.layout, m.uri));
        expect(second.svg).toBe(first.svg);
    });

    it('runs layers left to right or top to bottom', async () => {
        const m = await model('system S { service a service b service c a -> b -> c }');
        const at = (l: DiagramLayout, name: string) => l.nodes.find((n) => n.name === name)!;
        const right = await layoutDiagram(m, { direction: 'right' }, runner);
        const down = await layoutDiagram(m, { direction: 'down' }, runner);
        expect(at(right, 'a').x).toBeLessThan(at(right, 'b').x);
        expect(at(right, 'b').x).toBeLessThan(at(right, 'c').x);
        expect(at(down, 'a').y).toBeLessThan(at(down, 'b').y);
        expect(at(down, 'b').y).toBeLessThan(at(down, 'c').y);
    });

    it('nests zones inside zones', async () => {
        const m = await model('system S { zone eu { zone eu_1a { service a } zone eu_1b { service b } } a -> b }');
        const l = await layoutDiagram(m, { direction: 'right' }, runner);
        const zone = (name: string) => l.zones.find((z) => z.name === name)!;
        expect(zone('eu_1a').parent).toBe('eu');
        expect(inside(zone('eu_1a'), zone('eu'))).toBe(true);
        expect(inside(zone('eu_1b'), zone('eu'))).toBe(true);
        expect(overlap(zone('eu_1a'), zone('eu_1b'))).toBe(false);
    });
});

describe('escaping', () => {
    it('renders hostile titles as text, never as markup', async () => {
        const m = await model(`system S "<img src=x onerror=alert(1)>" {
            zone z "</title><script>alert(2)</script>" { service api "<script>alert('x')</script>" }
            database db "\\" onload=\\"alert(3)" { model key_value }
            api -> db
        }`);
        const { svg } = await createDiagram(m, { direction: 'right', theme: 'light' }, runner);
        expect(svg).not.toMatch(/<script|<img|<\/title><script/i);
        // No tag gains an attribute: strip quoted values, and no event handler may remain.
        for (const tag of svg.match(/<[a-z][^>]*>/gi) ?? []) expect(tag.replace(/"[^"]*"/g, '""')).not.toMatch(/\son\w+=/i);
        expect(svg).toContain('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;');
        expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
    });
});

describe('findings and simulation overlay', () => {
    it('puts a badge with a tooltip on the components findings name', async () => {
        const m = await model(REFERENCE);
        const layout = await layoutDiagram(m, {
            direction: 'right',
            findings: [
                { component: 'api', severity: 'error', rule: 'spof', message: 'api <b>has</b> one zone' },
                { component: 'urls', severity: 'warning', rule: 'hot-shard', message: 'shard 3 takes 40%' },
            ],
        }, runner);
        const svg = renderSvg(layout, { theme: 'light' });
        expect(layout.nodes.find((n) => n.name === 'api')!.findings).toHaveLength(1);
        expect(svg).toMatch(/data-component="api"[^]*?<g class="al-finding error" data-severity="error"><title>error \[spof\]: api &lt;b&gt;has&lt;\/b&gt; one zone<\/title>/);
        expect(svg).toMatch(/data-component="urls"[^]*?<g class="al-finding warning"/);
        expect(svg.match(/class="al-finding /g)).toHaveLength(2);
    });

    it('colours utilisation and shows hit rates and shard load', async () => {
        const m = await model(REFERENCE);
        const load = Array.from({ length: 32 }, (_, i) => (i === 5 ? 900 : 300));
        const layout = await layoutDiagram(m, {
            direction: 'right',
            overlay: { components: { api: { utilisation: 0.95 }, edge: { utilisation: 0.3 } }, caches: { url_cache: { hitRate: 0.91 } }, shards: { urls: { loadRps: load } } },
        }, runner);
        const svg = renderSvg(layout, { theme: 'light' });
        expect(svg).toMatch(/class="al-node k-service tone-bad" data-component="api"/);
        expect(svg).toMatch(/class="al-node k-loadbalancer tone-good" data-component="edge"/);
        expect(svg).toContain('util 95%');
        expect(svg).toContain('hit 91%');
        expect(svg).toMatch(/data-shards="32"/);
        expect(svg).toContain('max/mean 2.82×');
    });
});
