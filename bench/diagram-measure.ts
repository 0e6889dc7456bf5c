/**
 * What the diagram benches and tests measure on a drawn diagram: edge crossings (of our layout
 * and of ELK's layered defaults on the same graph) and the smallest text on screen when the
 * picture is fitted, as the webview fits it, to a 1920×1080 view.
 */
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { Page } from 'playwright-core';
import type { Point } from '../language-server/diagram/types.js';

/** The view of issue 13's bar. */
export const FIT_VIEW = { width: 1920, height: 1080 } as const;

/** The webview's fit in FIT_VIEW: 12 px of margin on each side, never above 100%. */
export const fitScale = (width: number, height: number) => Math.min(1, (FIT_VIEW.width - 24) / width, (FIT_VIEW.height - 24) / height);

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
export function elkPolylines(graph: ElkNode): Point[][] {
    return (graph.edges ?? []).map((e) => (e.sections ?? []).flatMap((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]));
}

/** The same graph with ELK's layered defaults: only sizes, padding, direction and hierarchy handling kept. */
export function withElkDefaults(graph: ElkNode, direction: string): ElkNode {
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

/** The smallest text on screen (px) and the smallest component name, for `svg` fitted as the webview fits it. */
export async function textSizes(page: Page, svg: string, width: number, height: number): Promise<{ smallest: number; what: string; name: number }> {
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

