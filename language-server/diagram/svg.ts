/**
 * A laid-out diagram to a standalone SVG string. Every model string goes through escapeXml;
 * nothing is fetched (no fonts, images or links). Elements carry data attributes
 * (`data-component`, `data-edge`, `data-flows`) for hosts that highlight flows or handle clicks.
 */
import type { DetailLevel, DiagramEdge, DiagramLayout, DiagramZone, Point, Theme } from './types.js';
import { HEADER, HEADER_TYPE, headerText, ZONE_LABEL, zoneLabelText } from './labels.js';
import { renderLegend } from './legend.js';
import { renderNode } from './svg-node.js';
import { svgStylesheet } from './theme.js';
import { clip, escapeXml as x, MAX_TEXT } from './text.js';

/** How to draw: the theme, `flat` colours for rasterisers without CSS variables, and a legend under the diagram. */
export interface SvgOptions {
    theme: Theme;
    flat?: boolean;
    legend?: boolean;
}

const CORNER = 6;

// An orthogonal polyline with rounded bends.
function roundedPath(points: readonly Point[]): string {
    if (points.length === 0) return '';
    let d = `M${points[0].x} ${points[0].y}`;
    for (let i = 1; i < points.length; i++) {
        const p = points[i], prev = points[i - 1], next = points[i + 1];
        if (!next) {
            d += `L${p.x} ${p.y}`;
            break;
        }
        const r = Math.min(CORNER, dist(prev, p) / 2, dist(p, next) / 2);
        const a = toward(p, prev, r), b = toward(p, next, r);
        d += `L${a.x} ${a.y}Q${p.x} ${p.y} ${b.x} ${b.y}`;
    }
    return d;
}

const dist = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

function toward(from: Point, to: Point, r: number): Point {
    const len = dist(from, to) || 1;
    const round = (v: number) => Math.round(v * 10) / 10;
    return { x: round(from.x + ((to.x - from.x) * r) / len), y: round(from.y + ((to.y - from.y) * r) / len) };
}

function renderZone(zone: DiagramZone): string {
    return `<g class="al-zone d${Math.min(zone.depth, 2)}" data-zone="${x(zone.name)}"><title>zone ${x(clip(zone.name))}${zone.title ? ` — ${x(zone.title)}` : ''}</title>`
        + `<rect x="${zone.x}" y="${zone.y}" width="${zone.width}" height="${zone.height}" rx="12"/></g>`;
}

/** A zone's label, drawn above the edges on a patch of the zone's colour: an edge entering the zone passes under it. */
function renderZoneLabel(zone: DiagramZone, detail: DetailLevel): string {
    const type = ZONE_LABEL[detail];
    const pin = 14 * type.pin;
    const nameX = zone.x + 18 + pin;
    const label = zoneLabelText(zone.name, zone.title, Math.max(40, zone.width - 34 - pin), detail);
    const baseline = zone.y + type.baseline;
    const title = label.title ? `<text class="al-zone-title" x="${nameX + label.nameWidth + 8}" y="${baseline}">${x(label.title)}</text>` : '';
    return `<g class="al-zlabel d${Math.min(zone.depth, 2)}" data-zone="${x(zone.name)}">`
        + `<rect x="${zone.x + 8}" y="${zone.y + 5}" width="${Math.min(zone.width - 16, 16 + pin + label.width)}" height="${type.pill}" rx="6"/>`
        + `<g class="al-zone-pin" transform="translate(${zone.x + 12} ${zone.y + 5 + (type.pill - pin) / 2}) scale(${type.pin})"><path d="M7 1.5a4.8 4.8 0 0 1 4.8 4.8c0 3.4-4.8 8.2-4.8 8.2S2.2 9.7 2.2 6.3A4.8 4.8 0 0 1 7 1.5z"/><circle cx="7" cy="6.3" r="1.6"/></g>`
        + `<text class="al-zone-name" x="${nameX}" y="${baseline}">${x(label.name)}</text>${title}</g>`;
}

const flowAttr = (flows: string[]) => x(flows.join(' '));

/** What an edge says on hover, as a sentence. */
function edgeTitle(edge: DiagramEdge): string {
    switch (edge.kind) {
        case 'consume': return `${edge.to} consumes from ${edge.from}`;
        case 'async': return `${edge.from} enqueues to ${edge.to}${edge.protocol ? ` (${edge.protocol})` : ''}`;
        case 'call': return `${edge.from} calls ${edge.to}${edge.protocol ? ` (${edge.protocol})` : ''}`;
        case 'relation':
            if (edge.relation === 'dead_letter') return `${edge.from} sends its dead letters to ${edge.to}`;
            if (edge.relation === 'via') return `${edge.to} is partitioned via ${edge.from}, its shard lookup`;
            return `${edge.from} ${edge.relation ?? 'relates to'} ${edge.to}`;
    }
}

function renderEdge(edge: DiagramEdge): string {
    const relation = edge.relation ? ` ${edge.relation}` : '';
    return `<g class="al-link ${edge.kind}${relation}${edge.implied ? ' implied' : ''}" data-edge="${x(edge.id)}" data-from="${x(edge.from)}" data-to="${x(edge.to)}" data-flows="${flowAttr(edge.flows)}">`
        + `<title>${x(clip(edgeTitle(edge), 2 * MAX_TEXT))}</title>`
        + `<path class="al-edge" d="${roundedPath(edge.points)}"/></g>`;
}

function renderEdgeLabel(edge: DiagramEdge): string {
    const l = edge.label;
    if (!l) return '';
    return `<g class="al-elabel${edge.kind === 'relation' ? ' relation' : ''}" data-edge="${x(edge.id)}" data-flows="${flowAttr(edge.flows)}"><rect x="${l.x}" y="${l.y}" width="${l.width}" height="${l.height}" rx="${l.height / 2}"/>`
        + `<text x="${l.x + l.width / 2}" y="${l.y + l.height / 2 + 4.5}" text-anchor="middle">${x(l.text)}</text></g>`;
}

const MARKERS = '<defs>'
    + '<marker id="al-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path class="al-arrowhead" d="M0 0.5L10 5L0 9.5z"/></marker>'
    + '<marker id="al-arrow-hl" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path class="al-arrowhead-hl" d="M0 0.5L10 5L0 9.5z"/></marker>'
    + '<marker id="al-arrow-open" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path class="al-arrowhead-open" d="M1 1L9 5L1 9"/></marker>'
    + '</defs>';

/** The system's name and title above the diagram; the title wraps to two lines and shows in full on hover. */
function renderHeader(layout: DiagramLayout): string {
    const header = headerText(layout.system, layout.title, layout.detail);
    const type = HEADER_TYPE[layout.detail];
    const full = `${clip(layout.system)}${layout.title ? ` — ${layout.title}` : ''}`;
    return `<g class="al-head"><title>${x(full)}</title><text class="al-head-name" x="${HEADER.pad}" y="${type.baseline}">${x(header.name)}</text>`
        + header.title.map((line, i) => `<text class="al-head-title" x="${HEADER.pad}" y="${type.baseline + type.titleSize + 6 + i * type.titleLine}">${x(line)}</text>`).join('')
        + '</g>';
}

/**
 * Renders a laid-out diagram as a standalone SVG document. With `legend`, the legend goes under
 * the diagram, which keeps its own coordinates: a host that crops the view box to the layout's
 * width and height shows the diagram alone.
 */
export function renderSvg(layout: DiagramLayout, options: SvgOptions): string {
    const legend = options.legend ? renderLegend(layout, layout.height, layout.width) : undefined;
    const width = Math.max(layout.width, legend?.width ?? 0), height = layout.height + (legend?.height ?? 0);
    const label = `${clip(layout.system)}${layout.title ? ` — ${layout.title}` : ''}: architecture diagram`;
    const out: string[] = [];
    out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="archlint-diagram theme-${options.theme}${layout.detail === 'compact' ? ' compact' : ''}" data-system="${x(layout.system)}" data-engine="${layout.engine}" `
        + `data-direction="${layout.direction}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${x(label)}">`);
    out.push(`<title>${x(label)}</title>`);
    out.push(`<style>${svgStylesheet(options.theme, options.flat)}</style>`);
    out.push(MARKERS);
    out.push(`<rect class="al-bg" width="${width}" height="${height}"/>`);
    out.push(renderHeader(layout));
    out.push('<g class="al-zones">');
    for (const zone of layout.zones) out.push(renderZone(zone));
    out.push('</g><g class="al-links">');
    for (const edge of layout.edges) out.push(renderEdge(edge));
    out.push('</g><g class="al-zlabels">');
    for (const zone of layout.zones) out.push(renderZoneLabel(zone, layout.detail));
    out.push('</g><g class="al-nodes">');
    for (const node of layout.nodes) out.push(renderNode(node, layout.detail));
    out.push('</g><g class="al-elabels">');
    for (const edge of layout.edges) out.push(renderEdgeLabel(edge));
    out.push('</g>');
    if (legend) out.push(legend.svg);
    out.push('</svg>');
    return out.join('');
}
