/**
 * Diagram readability (issue 13): every sample model and generated models of 50, 200 and 500
 * components, drawn as the editor draws them and fitted to a 1920×1080 view. Per model: the
 * smallest text on screen (measured in Chromium from the rendered SVG, so the figure is what a
 * reader sees), the edge crossings of our layout beside ELK's layered defaults on the same graph
 * (counted from the laid-out edge sections; also of the editor's faster live layout), and the components the model relates to something
 * that are drawn with no line (floating) or outside a zone they declare. Goals: text ≥ 9 px up
 * to 200 components, nothing floating or misplaced, crossings no worse than ELK's default.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import elkjs from 'elkjs';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { chromium, type Page } from 'playwright-core';
import { createNodeArchServices, buildFiles, buildText } from '../language-server/workspace.js';
import { buildModels } from '../language-server/model/build-model.js';
import { layoutDiagram } from '../language-server/diagram/diagram.js';
import { toElkGraph } from '../language-server/diagram/elk-graph.js';
import { createNodeLayoutRunner } from '../language-server/diagram/node-layout.js';
import { renderSvg } from '../language-server/diagram/svg.js';
import type { DiagramLayout, DiagramOptions, Point } from '../language-server/diagram/types.js';
import type { ArchModel } from '../language-server/model/types.js';
import type { BenchRow } from './common.js';
import { diagramBenchModel, readableBenchModel } from './diagram-models.js';
import { consumedQueues, deadLetterOf, isStore } from '../language-server/model/kinds.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VIEW = { width: 1920, height: 1080 };
/** The webview's fit: 12 px of margin on each side, never above 100%. */
const fitScale = (width: number, height: number) => Math.min(1, (VIEW.width - 24) / width, (VIEW.height - 24) / height);

/** Every `.arch` file under samples/ that declares a system. */
function sampleFiles(dir = join(ROOT, 'samples')): string[] {
    return readdirSync(dir).sort().flatMap((name) => {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) return sampleFiles(path);
        return name.endsWith('.arch') && /^\s*system\s/m.test(readFileSync(path, 'utf8')) ? [path] : [];
    });
}

const segmentsOf = (edges: Point[][]) => edges.flatMap((points, edge) => points.slice(1).map((b, i) => ({ edge, a: points[i], b })));
const orient = (p: Point, q: Point, r: Point) => {
    const v = (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
    return Math.abs(v) < 1e-6 ? 0 : Math.sign(v);
};

/** Points where two different edges cross properly (touching ends and shared runs do not count). */
export function crossings(edges: Point[][]): number {
    const segments = segmentsOf(edges);
    let count = 0;
    for (let i = 0; i < segments.length; i++) {
        const s = segments[i];
        for (let j = i + 1; j < segments.length; j++) {
            const t = segments[j];
            if (s.edge === t.edge) continue;
            if (orient(s.a, s.b, t.a) * orient(s.a, s.b, t.b) < 0 && orient(t.a, t.b, s.a) * orient(t.a, t.b, s.b) < 0) count++;
        }
    }
    return count;
}

/** The polylines of a laid-out ELK graph (absolute coordinates). */
function elkPolylines(graph: ElkNode): Point[][] {
    return (graph.edges ?? []).map((e) => (e.sections ?? []).flatMap((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]));
}

/** The same graph with ELK's layered defaults: only sizes, padding, direction and hierarchy handling kept. */
function withElkDefaults(graph: ElkNode, direction: string): ElkNode {
    const copy = structuredClone(graph);
    const keep = ['elk.padding', 'elk.nodeSize.constraints', 'elk.nodeSize.minimum'];
    const strip = (node: ElkNode) => {
        node.layoutOptions = Object.fromEntries(Object.entries(node.layoutOptions ?? {}).filter(([k]) => keep.includes(k)));
        node.children?.forEach(strip);
    };
    strip(copy);
    for (const e of copy.edges ?? []) for (const l of e.labels ?? []) delete l.layoutOptions;
    copy.layoutOptions = {
        ...copy.layoutOptions, 'elk.algorithm': 'layered', 'elk.direction': direction === 'down' ? 'DOWN' : 'RIGHT',
        // Edges between zones need the whole hierarchy laid out at once.
        'elk.hierarchyHandling': 'INCLUDE_CHILDREN', 'elk.json.shapeCoords': 'ROOT', 'elk.json.edgeCoords': 'ROOT',
    };
    return copy;
}

/** Components the model relates to another one, by any declaration (connection, consumes, dead letter, references, joins, via). */
function relatedComponents(model: ArchModel): Set<string> {
    const related = new Set<string>();
    const relate = (a: string, b: string | undefined) => {
        if (b === undefined || a === b || !model.components.has(b)) return;
        related.add(a);
        related.add(b);
    };
    for (const e of model.edges) relate(e.from, e.to);
    for (const c of model.components.values()) {
        consumedQueues(c).forEach((q) => relate(c.name, q));
        relate(c.name, deadLetterOf(c));
        if (!isStore(c)) continue;
        c.store.references.forEach((t) => relate(c.name, t));
        c.store.joins.forEach((t) => relate(c.name, t));
        relate(c.name, c.partition?.via);
    }
    return related;
}

/** Related components drawn without a line, and components missing from a zone they declare. */
function placement(model: ArchModel, layout: DiagramLayout): { floating: string[]; misplaced: string[] } {
    const connected = new Set(layout.edges.flatMap((e) => [e.from, e.to]));
    const floating = [...relatedComponents(model)].filter((name) => !connected.has(name));
    const misplaced: string[] = [];
    for (const c of model.components.values()) {
        for (const zone of c.zones.filter((z) => model.zones.has(z))) {
            const box = layout.zones.find((z) => z.name === zone);
            const inside = layout.nodes.some((n) => n.name === c.name && box && n.x >= box.x && n.y >= box.y && n.x + n.width <= box.x + box.width && n.y + n.height <= box.y + box.height);
            if (!inside) misplaced.push(`${c.name}@${zone}`);
        }
    }
    return { floating, misplaced };
}

/** The smallest text on screen (px) and the smallest component name, for `svg` fitted as the webview fits it. */
async function textSizes(page: Page, svg: string, width: number, height: number): Promise<{ smallest: number; what: string; name: number }> {
    const k = fitScale(width, height);
    await page.setContent(`<!DOCTYPE html><html><body style="margin:0">${svg}</body></html>`);
    // Runs in the page; a string, because this project's Node code is compiled without DOM types.
    return page.evaluate(`(() => {
        const [w, h, scale] = ${JSON.stringify([width, height, k])};
        const root = document.querySelector('svg');
        // Crop to the diagram, as the webview shows it, and scale it to the fit.
        root.setAttribute('viewBox', '0 0 ' + w + ' ' + h);
        root.setAttribute('width', String(w * scale));
        root.setAttribute('height', String(h * scale));
        const px = root.getBoundingClientRect().width / w;
        let smallest = Infinity, what = '', name = Infinity;
        for (const t of root.querySelectorAll('text')) {
            if (!t.textContent.trim() || t.getClientRects().length === 0) continue;
            const size = parseFloat(getComputedStyle(t).fontSize) * px;
            const cls = t.getAttribute('class') || (t.parentElement && t.parentElement.getAttribute('class')) || 'text';
            if (size < smallest) { smallest = size; what = cls; }
            if (cls.includes('al-name')) name = Math.min(name, size);
        }
        return { smallest, what, name };
    })()`);
}

interface Case { label: string; model: ArchModel }

async function cases(): Promise<Case[]> {
    const out: Case[] = [];
    for (const file of sampleFiles()) {
        const [built] = await buildFiles(createNodeArchServices(), [file]);
        for (const model of buildModels(built.document.parseResult.value)) out.push({ label: `${file.slice(ROOT.length)} (${model.name})`, model });
    }
    const generated = [
        ...[50, 200, 500].map((n) => [`generated tiered, ${n} components`, readableBenchModel(n)]),
        // The speed bench's random DAG is ~80 layers deep, unlike any real design: a stress case.
        ['generated random DAG (speed bench), 200 components', diagramBenchModel(200)],
    ];
    for (const [label, text] of generated) {
        const { document } = await buildText(createNodeArchServices(), text);
        out.push({ label, model: buildModels(document.parseResult.value)[0] });
    }
    return out;
}

/** How each model reads at fit in 1920×1080, drawn as `archlint render` draws it by default, as rows for `npm run bench`. */
export async function bench(): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    const runner = createNodeLayoutRunner({ budgetMs: 300_000 });
    const elk = new elkjs.default({ workerUrl: createRequire(import.meta.url).resolve('elkjs/lib/elk-worker.min.js') });
    const { chromiumLaunchOptions } = await import(pathToFileURL(join(ROOT, 'test/support/chromium.mjs')).href) as typeof import('../test/support/chromium.mjs');
    const browser = await chromium.launch(await chromiumLaunchOptions());
    try {
        const page = await browser.newPage({ viewport: VIEW });
        for (const { label, model } of await cases()) {
            const diagramOptions: DiagramOptions = { direction: 'auto', view: VIEW };
            const layout = await layoutDiagram(model, diagramOptions, runner);
            const svg = renderSvg(layout, { theme: 'light' });
            const text = await textSizes(page, svg, layout.width, layout.height);
            const ours = crossings(layout.edges.map((e) => e.points));
            // The editor's live view trades crossing minimisation for speed above 40 components.
            const live = model.components.size > 40 ? crossings((await layoutDiagram(model, { ...diagramOptions, direction: layout.direction, live: true }, runner)).edges.map((e) => e.points)) : ours;
            const { graph } = toElkGraph(model, { ...diagramOptions, direction: layout.direction });
            const peer = crossings(elkPolylines(await elk.layout(withElkDefaults(graph, layout.direction))));
            const { floating, misplaced } = placement(model, layout);
            rows.push({
                name: `diagram readability, ${label}`, medianMs: Number.NaN, runs: 1,
                bar: 'text ≥ 9 px at fit (≤ 200 components), crossings ≤ ELK default, nothing floating',
                note: `${model.components.size} components, ${layout.direction} ${layout.width}×${layout.height} px, fit ${(fitScale(layout.width, layout.height) * 100).toFixed(0)}%: `
                    + `smallest text ${text.smallest.toFixed(1)} px (${text.what}), names ${text.name.toFixed(1)} px; `
                    + `crossings ${ours} (ELK default ${peer}, live view ${live}); floating ${floating.length}${floating.length ? ` [${floating.slice(0, 4).join(', ')}]` : ''}, `
                    + `outside a declared zone ${misplaced.length}${misplaced.length ? ` [${misplaced.slice(0, 4).join(', ')}]` : ''}`,
            });
        }
    } finally {
        await browser.close();
        runner.dispose();
        elk.terminateWorker();
    }
    return rows;
}
