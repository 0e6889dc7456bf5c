/**
 * The legend under an exported diagram: the component kinds it shows (tile and name), the line
 * styles (call, async, consumes, relation) and the badges (replicas, shards, zones, findings,
 * utilisation), each only when the diagram has it, calls and async always. Items flow in rows
 * as wide as the diagram (at least LEGEND.minWidth).
 */
import type { ComponentKind } from '../model/types.js';
import type { DiagramLayout } from './types.js';
import { KIND_LABELS } from './details.js';
import { KIND_COLOURS, KIND_ICONS } from './icons.js';
import { HEADER } from './labels.js';
import { escapeXml as x, textWidth } from './text.js';

/** Legend metrics in pixels; its text is the diagram's smallest, 12 px. */
export const LEGEND = { size: 12, row: 26, gap: 18, top: 18, minWidth: 560, heading: 78 } as const;

interface Item { width: number; draw: (x: number, y: number) => string }

const KIND_ORDER: ComponentKind[] = ['client', 'cdn', 'loadbalancer', 'proxy', 'service', 'worker', 'cache', 'database', 'queue', 'store'];

function labelled(label: string, markWidth: number, mark: (x: number, y: number) => string): Item {
    return {
        width: markWidth + 6 + textWidth(label, LEGEND.size),
        draw: (px, py) => `${mark(px, py)}<text class="al-legend-text" x="${px + markWidth + 6}" y="${py + 4}">${x(label)}</text>`,
    };
}

const kindItem = (kind: ComponentKind) => labelled(KIND_LABELS[kind], 18, (px, py) => `<rect x="${px}" y="${py - 9}" width="18" height="18" rx="4" fill="${KIND_COLOURS[kind]}"/>`
    + `<g class="al-icon" transform="translate(${px + 2.4} ${py - 6.6}) scale(0.55)">${KIND_ICONS[kind]}</g>`);

const lineItem = (label: string, cls: string) => labelled(label, 34, (px, py) => `<g class="al-link ${cls}"><path class="al-edge" d="M${px} ${py}H${px + 32}"/></g>`);

const chipItem = (label: string, chip: string, cls: string) => labelled(label, textWidth(chip, LEGEND.size) + 14, (px, py) => `<g class="${cls}"><rect x="${px}" y="${py - 9}" width="${textWidth(chip, LEGEND.size) + 14}" height="18" rx="9"/>`
    + `<text x="${px + (textWidth(chip, LEGEND.size) + 14) / 2}" y="${py + 4}" text-anchor="middle">${x(chip)}</text></g>`);

const dotItem = (label: string, severity: 'error' | 'warning') => labelled(label, 18, (px, py) => `<g class="al-finding ${severity}"><circle cx="${px + 9}" cy="${py}" r="8"/></g>`);

const toneItem = (label: string, tone: string) => labelled(label, 24, (px, py) => `<rect class="al-util ${tone}" x="${px}" y="${py - 1.5}" width="24" height="3" rx="1.5"/>`);

/** The legend's rows for `layout`: a heading and its items. */
function rowsOf(layout: DiagramLayout): [string, Item[]][] {
    const kinds = new Set(layout.nodes.map((n) => n.kind));
    const edgeKinds = new Set(layout.edges.map((e) => e.kind));
    const lines = [lineItem('call (waits)', 'call'), lineItem('async (enqueue)', 'async')];
    if (edgeKinds.has('consume')) lines.push(lineItem('consumes', 'consume'));
    if (edgeKinds.has('relation')) lines.push(lineItem('relation (dead letters, references, joins, shard lookup)', 'relation'));
    const badges: Item[] = [];
    if (layout.nodes.some((n) => n.replicas > 1)) badges.push(chipItem('replicas', '×3', 'al-badge'));
    if (layout.detail === 'full' && layout.nodes.some((n) => n.shards)) badges.push(chipItem('partitioned', '8 shards', 'al-chip neutral'));
    if (layout.detail === 'full' && layout.nodes.some((n) => n.leader)) badges.push(chipItem('who takes the writes', 'leader + 2 followers', 'al-chip neutral'));
    if (layout.detail === 'full' && layout.nodes.some((n) => n.spread)) badges.push(chipItem('drawn in each zone it spans', 'also in …', 'al-chip neutral'));
    const findings = layout.nodes.flatMap((n) => n.findings);
    if (findings.some((f) => f.severity === 'error')) badges.push(dotItem('errors', 'error'));
    if (findings.some((f) => f.severity === 'warning')) badges.push(dotItem('warnings', 'warning'));
    if (layout.nodes.some((n) => n.overlay?.utilisation !== undefined)) {
        badges.push(toneItem('utilisation < 70%', 'good'), toneItem('< 90%', 'warn'), toneItem('≥ 90%', 'bad'));
    }
    const rows: [string, Item[]][] = [['Kinds', KIND_ORDER.filter((k) => kinds.has(k)).map(kindItem)], ['Lines', lines]];
    if (badges.length) rows.push(['Badges', badges]);
    return rows;
}

/** The legend drawn from `top`, as wide as `width` allows; its SVG, width and height. */
export function renderLegend(layout: DiagramLayout, top: number, width: number): { svg: string; width: number; height: number } {
    const room = Math.max(width, LEGEND.minWidth + HEADER.pad * 2) - HEADER.pad * 2;
    const parts: string[] = [];
    let y = top + LEGEND.top + LEGEND.row / 2, used = 0;
    for (const [heading, items] of rowsOf(layout)) {
        parts.push(`<text class="al-legend-head" x="${HEADER.pad}" y="${y + 4}">${heading}</text>`);
        let px = HEADER.pad + LEGEND.heading;
        for (const item of items) {
            if (px + item.width > HEADER.pad + room && px > HEADER.pad + LEGEND.heading) {
                px = HEADER.pad + LEGEND.heading;
                y += LEGEND.row;
            }
            parts.push(item.draw(px, y));
            px += item.width + LEGEND.gap;
            used = Math.max(used, px - LEGEND.gap - HEADER.pad);
        }
        y += LEGEND.row;
    }
    const height = y - LEGEND.row / 2 - top + LEGEND.top / 2;
    return {
        svg: `<g class="al-legend"><path class="al-legend-rule" d="M${HEADER.pad} ${top + 0.5}H${HEADER.pad + room}"/>${parts.join('')}</g>`,
        width: used + HEADER.pad * 2,
        height: Math.ceil(height),
    };
}
